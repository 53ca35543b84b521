// TF_SessionOptions, TF_Session (over tfpersist::Session, re-extended with
// the graph's new nodes before each run), TF_SessionRun, SavedModel loading
// and device lists.
#include <google/protobuf/unknown_field_set.h>

#include <climits>
#include <set>

#include "c_api/c_api_internal.h"
#include "tfpersist/tools/import_graph_def.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist::capi {
namespace {

// Sessions alive (not yet deleted), so a deleted one used again gets an
// error instead of a crash where the allocator has not reused its memory.
std::mutex live_mu;
std::set<const TF_Session*>& LiveSessions() {
  static auto* live = new std::set<const TF_Session*>;
  return *live;
}
bool IsLive(const TF_Session* s) {
  std::lock_guard<std::mutex> lock(live_mu);
  return LiveSessions().count(s) > 0;
}

Status CheckSession(const TF_Session* s) {
  if (s == nullptr) return errors::InvalidArgument("NULL TF_Session");
  if (!IsLive(s)) {
    return errors::InvalidArgument(
        "TF_Session was deleted (or never created by TF_NewSession)");
  }
  return OkStatus();
}

TF_Session* NewSession(TF_Graph* graph, std::unique_ptr<Session> session,
                       const SessionOptions& options) {
  auto* s = new TF_Session;
  s->graph = graph;
  s->options = options;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    ++graph->num_sessions;
    s->extended_nodes = graph->graph->num_nodes();
    s->extended_functions = graph->graph->library().function_size();
  }
  s->session = std::move(session);
  std::lock_guard<std::mutex> lock(live_mu);
  LiveSessions().insert(s);
  return s;
}

SessionOptions ToOptions(const TF_SessionOptions* opts) {
  SessionOptions o;
  if (opts != nullptr) o.intra_op_threads = opts->intra_op_threads;
  return o;
}

Status RunSession(TF_Session* s, const TF_Output* inputs,
                  TF_Tensor* const* input_values, int ninputs,
                  const TF_Output* outputs, int noutputs,
                  const TF_Operation* const* targets, int ntargets,
                  std::vector<Tensor>* results) {
  std::vector<std::pair<std::string, Tensor>> feeds;
  for (int i = 0; i < ninputs; ++i) {
    if (inputs == nullptr || input_values == nullptr ||
        inputs[i].oper == nullptr || input_values[i] == nullptr) {
      return errors::InvalidArgument("Feed ", i,
                                     " has a NULL operation or tensor");
    }
    TFP_ASSIGN_OR_RETURN(Tensor t, ToTensor(*input_values[i]));
    feeds.emplace_back(OutputName(inputs[i]), std::move(t));
  }
  std::vector<std::string> fetches, target_names;
  for (int i = 0; i < noutputs; ++i) {
    if (outputs == nullptr || outputs[i].oper == nullptr) {
      return errors::InvalidArgument("Fetch ", i, " has a NULL operation");
    }
    fetches.push_back(OutputName(outputs[i]));
  }
  for (int i = 0; i < ntargets; ++i) {
    if (targets == nullptr || targets[i] == nullptr) {
      return errors::InvalidArgument("Target ", i, " is NULL");
    }
    target_names.push_back(ToNode(targets[i])->name());
  }
  {
    std::unique_lock<std::shared_mutex> lock(s->mu);
    TFP_RETURN_IF_ERROR(SyncSession(s));
  }
  std::shared_lock<std::shared_mutex> lock(s->mu);
  if (s->closed) return errors::Cancelled("Session has been closed.");
  return s->session->Run(feeds, fetches, target_names, results);
}

Status LoadSavedModel(const TF_SessionOptions* opts, const char* export_dir,
                      const char* const* tags, int tags_len, TF_Graph* graph,
                      TF_Buffer* meta_graph_def, TF_Session** out) {
  if (export_dir == nullptr || graph == nullptr ||
      (tags == nullptr && tags_len > 0)) {
    return errors::InvalidArgument("NULL export_dir, graph or tags");
  }
  std::set<std::string> tag_set;
  for (int i = 0; i < tags_len; ++i) {
    if (tags[i] != nullptr) tag_set.insert(tags[i]);
  }
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    if (graph->graph->num_nodes() > 0) {
      return errors::InvalidArgument("Graph is non-empty.");
    }
  }
  TFP_ASSIGN_OR_RETURN(auto bundle,
                       ::tfpersist::LoadSavedModel(export_dir, tag_set));
  const tensorflow::MetaGraphDef& meta = bundle->meta_graph_def;
  if (meta_graph_def != nullptr) {
    TFP_RETURN_IF_ERROR(FillBuffer(meta.SerializeAsString(), meta_graph_def));
  }
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    const tensorflow::OpList& ops = meta.meta_info_def().stripped_op_list();
    graph->graph = std::make_unique<Graph>(&ops);
    graph->set_shapes.clear();
    ImportGraphDefOptions io;
    io.name = "";
    io.producer_op_list = &ops;
    auto imported = ImportGraphDef(graph->graph.get(), meta.graph_def(), io);
    if (!imported.ok()) return imported.status();
    RefineShapes(graph, imported->nodes);
  }
  *out = NewSession(graph, std::move(bundle->session), ToOptions(opts));
  return OkStatus();
}

}  // namespace

std::string OutputName(TF_Output out) {
  return ToNode(out.oper)->name() + ":" + std::to_string(out.index);
}

Status SyncSession(TF_Session* s) {
  if (s->closed) return errors::Cancelled("Session has been closed.");
  std::lock_guard<std::mutex> lock(s->graph->mu);
  const Graph& graph = *s->graph->graph;
  const int n = graph.num_nodes();
  const int nf = graph.library().function_size();
  if (s->session != nullptr && n == s->extended_nodes &&
      nf == s->extended_functions) {
    return OkStatus();
  }
  if (s->session == nullptr) {
    TFP_ASSIGN_OR_RETURN(s->session,
                         Session::Create(graph.ToGraphDef(), s->options));
  } else {
    tensorflow::GraphDef delta;
    for (int i = s->extended_nodes; i < n; ++i) {
      *delta.add_node() = graph.nodes()[i]->def();
    }
    for (int i = s->extended_functions; i < nf; ++i) {
      *delta.mutable_library()->add_function() = graph.library().function(i);
    }
    TFP_RETURN_IF_ERROR(s->session->Extend(delta));
  }
  s->extended_nodes = n;
  s->extended_functions = nf;
  return OkStatus();
}

}  // namespace tfpersist::capi

using tfpersist::capi::Set;
using tfpersist::capi::SetOk;
namespace errors = tfpersist::errors;

extern "C" {

TF_SessionOptions* TF_NewSessionOptions(void) { return new TF_SessionOptions; }
void TF_DeleteSessionOptions(TF_SessionOptions* opts) { delete opts; }
void TF_SetTarget(TF_SessionOptions* options, const char* target) {
  if (options != nullptr) options->target = target == nullptr ? "" : target;
}

void TF_SetConfig(TF_SessionOptions* options, const void* proto,
                  size_t proto_len, TF_Status* status) {
  // ConfigProto fields read: intra_op_parallelism_threads (2) and
  // inter_op_parallelism_threads (5); the rest is accepted and ignored.
  google::protobuf::UnknownFieldSet fields;
  if (options == nullptr || (proto == nullptr && proto_len > 0) ||
      proto_len > INT_MAX ||
      !fields.ParseFromArray(proto, static_cast<int>(proto_len))) {
    Set(status, errors::InvalidArgument("Unparseable ConfigProto"));
    return;
  }
  for (int i = 0; i < fields.field_count(); ++i) {
    const auto& f = fields.field(i);
    if (f.type() != google::protobuf::UnknownField::TYPE_VARINT) continue;
    if (f.number() == 2)
      options->intra_op_threads = static_cast<int>(f.varint());
    if (f.number() == 5)
      options->inter_op_threads = static_cast<int>(f.varint());
  }
  SetOk(status);
}

TF_Session* TF_NewSession(TF_Graph* graph, const TF_SessionOptions* opts,
                          TF_Status* status) {
  if (graph == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph"));
    return nullptr;
  }
  if (opts != nullptr && !opts->target.empty() && opts->target != "local") {
    Set(status,
        errors::Unimplemented(
            "tfpersist runs sessions in process only; target '", opts->target,
            "' is not supported (use \"\" or \"local\")"));
    return nullptr;
  }
  const tfpersist::SessionOptions options = tfpersist::capi::ToOptions(opts);
  tensorflow::GraphDef def;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    def = graph->graph->ToGraphDef();
  }
  auto session = tfpersist::Session::Create(def, options);
  if (!session.ok()) {
    Set(status, session.status());
    return nullptr;
  }
  TF_Session* s =
      tfpersist::capi::NewSession(graph, std::move(*session), options);
  {
    // Nodes added between ToGraphDef and registration get extended later.
    std::lock_guard<std::shared_mutex> lock(s->mu);
    s->extended_nodes = def.node_size();
    s->extended_functions = def.library().function_size();
  }
  SetOk(status);
  return s;
}

TF_Session* TF_LoadSessionFromSavedModel(
    const TF_SessionOptions* session_options, const TF_Buffer* run_options,
    const char* export_dir, const char* const* tags, int tags_len,
    TF_Graph* graph, TF_Buffer* meta_graph_def, TF_Status* status) {
  (void)run_options;  // RunOptions (tracing, timeouts) do not apply here
  TF_Session* s = nullptr;
  Set(status,
      tfpersist::capi::LoadSavedModel(session_options, export_dir, tags,
                                      tags_len, graph, meta_graph_def, &s));
  return s;
}

void TF_CloseSession(TF_Session* s, TF_Status* status) {
  tfpersist::Status check = tfpersist::capi::CheckSession(s);
  if (!check.ok()) {
    Set(status, check);
    return;
  }
  std::unique_lock<std::shared_mutex> lock(s->mu);
  tfpersist::Status closed;
  if (!s->closed && s->session != nullptr) closed = s->session->Close();
  s->closed = true;
  Set(status, closed);
}

void TF_DeleteSession(TF_Session* s, TF_Status* status) {
  SetOk(status);
  if (s == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(tfpersist::capi::live_mu);
    if (tfpersist::capi::LiveSessions().erase(s) == 0) {
      Set(status, errors::InvalidArgument("TF_Session was already deleted"));
      return;
    }
  }
  {
    std::unique_lock<std::shared_mutex> lock(s->mu);
    if (!s->closed && s->session != nullptr) (void)s->session->Close();
    s->session.reset();
  }
  TF_Graph* graph = s->graph;
  bool delete_graph;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    delete_graph = --graph->num_sessions == 0 && graph->delete_requested;
  }
  delete s;
  if (delete_graph) delete graph;
}

void TF_SessionRun(TF_Session* session, const TF_Buffer* run_options,
                   const TF_Output* inputs, TF_Tensor* const* input_values,
                   int ninputs, const TF_Output* outputs,
                   TF_Tensor** output_values, int noutputs,
                   const TF_Operation* const* target_opers, int ntargets,
                   TF_Buffer* run_metadata, TF_Status* status) {
  (void)run_options;
  for (int i = 0; i < noutputs && output_values != nullptr; ++i) {
    output_values[i] = nullptr;
  }
  tfpersist::Status s = tfpersist::capi::CheckSession(session);
  if (s.ok() && noutputs > 0 && output_values == nullptr) {
    s = errors::InvalidArgument("NULL output_values for ", noutputs,
                                " outputs");
  }
  std::vector<tfpersist::Tensor> results;
  if (s.ok()) {
    try {
      s = tfpersist::capi::RunSession(session, inputs, input_values, ninputs,
                                      outputs, noutputs, target_opers, ntargets,
                                      &results);
    } catch (const std::bad_alloc&) {
      s = errors::ResourceExhausted("out of memory running the session");
    }
  }
  if (s.ok() && static_cast<int>(results.size()) != noutputs) {
    s = errors::Internal("session returned ", results.size(), " outputs for ",
                         noutputs, " fetches");
  }
  Set(status, s);
  if (!s.ok()) return;
  for (int i = 0; i < noutputs; ++i) {
    output_values[i] = tfpersist::capi::FromTensor(results[i]);
  }
  if (run_metadata != nullptr && run_metadata->data == nullptr) {
    (void)tfpersist::capi::FillBuffer("", run_metadata);
  }
}

TF_DeviceList* TF_SessionListDevices(TF_Session* session, TF_Status* status) {
  tfpersist::Status check = tfpersist::capi::CheckSession(session);
  Set(status, check);
  if (!check.ok()) return nullptr;
  return new TF_DeviceList{{"/job:localhost/replica:0/task:0/device:CPU:0"}};
}
void TF_DeleteDeviceList(TF_DeviceList* list) { delete list; }
int TF_DeviceListCount(const TF_DeviceList* list) {
  return list == nullptr ? 0 : static_cast<int>(list->names.size());
}

static bool CheckIndex(const TF_DeviceList* list, int index,
                       TF_Status* status) {
  if (list == nullptr || index < 0 ||
      index >= static_cast<int>(list->names.size())) {
    Set(status, errors::InvalidArgument(
                    "index out of bounds: ", index, " (device count ",
                    list == nullptr ? 0 : list->names.size(), ")"));
    return false;
  }
  SetOk(status);
  return true;
}
const char* TF_DeviceListName(const TF_DeviceList* list, int index,
                              TF_Status* status) {
  return CheckIndex(list, index, status) ? list->names[index].c_str() : nullptr;
}
const char* TF_DeviceListType(const TF_DeviceList* list, int index,
                              TF_Status* status) {
  return CheckIndex(list, index, status) ? "CPU" : nullptr;
}
int64_t TF_DeviceListMemoryBytes(const TF_DeviceList* list, int index,
                                 TF_Status* status) {
  return CheckIndex(list, index, status) ? 268435456 : -1;
}
uint64_t TF_DeviceListIncarnation(const TF_DeviceList* list, int index,
                                  TF_Status* status) {
  return CheckIndex(list, index, status) ? 1 : 0;
}

}  // extern "C"
