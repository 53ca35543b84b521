// freeze_graph.py (freeze-and-import.md §4, "tools/freeze_graph.py"):
// load, restore, convert, write.
#include "tfpersist/tools/freeze_graph.h"

#include <algorithm>
#include <map>
#include <set>

#include "graph/tensor_id.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/tools/freeze_saved_model.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/graph_util.h"
#include "tfpersist/train/saved_model.h"
#include "tools/checkpoint_restore.h"

namespace tfpersist {
namespace {

using tensorflow::GraphDef;

// The loaded inputs of one freeze_graph run.
struct FreezeInputs {
  GraphDef graph_def;
  tensorflow::OpList stripped_op_list;  // of a meta graph, for its ops
  std::optional<tensorflow::SaverDef> saver_def;
  bool restore_from_keys = false;  // no SaverDef: restore by checkpoint keys
};

Status CheckOptions(const FreezeGraphOptions& o, Env* env) {
  if (o.output_node_names.empty() && o.input_saved_model_dir.empty()) {
    return errors::InvalidArgument(
        "You need to supply the name of a node to --output_node_names.");
  }
  if (o.input_graph.empty() && o.input_meta_graph.empty() &&
      o.input_saved_model_dir.empty()) {
    return errors::InvalidArgument(
        "No input graph: give --input_graph, --input_meta_graph or "
        "--input_saved_model_dir");
  }
  if (o.input_saved_model_dir.empty() &&
      !CheckpointExists(env, o.input_checkpoint)) {
    return errors::NotFound("Input checkpoint '", o.input_checkpoint,
                            "' doesn't exist!");
  }
  return OkStatus();
}

StatusOr<FreezeInputs> LoadInputs(const FreezeGraphOptions& o, Env* env) {
  const GraphDefFormat format =
      o.input_binary ? GraphDefFormat::kBinary : GraphDefFormat::kAuto;
  FreezeInputs in;
  if (!o.input_meta_graph.empty()) {
    TFP_ASSIGN_OR_RETURN(auto meta,
                         ReadMetaGraphDefFile(o.input_meta_graph, format, env));
    in.graph_def = std::move(*meta.mutable_graph_def());
    in.stripped_op_list = meta.meta_info_def().stripped_op_list();
    if (meta.has_saver_def()) in.saver_def = meta.saver_def();
  } else {
    TFP_ASSIGN_OR_RETURN(in.graph_def,
                         ReadGraphDefFile(o.input_graph, format, env));
  }
  if (!o.input_saver.empty()) {
    TFP_ASSIGN_OR_RETURN(std::string bytes,
                         ReadFileToString(env, o.input_saver));
    tensorflow::SaverDef saver_def;
    if (!saver_def.ParseFromString(bytes)) {
      return errors::DataLoss("Can't parse ", o.input_saver,
                              " as a binary SaverDef");
    }
    in.saver_def = saver_def;
  }
  in.restore_from_keys = !in.saver_def.has_value();
  if (o.clear_devices) {
    for (auto& node : *in.graph_def.mutable_node()) node.clear_device();
  }
  return in;
}

// The fallback session graph, for a graph whose every op has no OpDef here
// (nor in its meta graph's stripped_op_list): the outputs, the restore op and
// filename tensor, the initializer nodes and the "<v>/Read/ReadVariableOp"
// reads of resource variables (outside the outputs' subgraph), which is
// every node the freeze runs.
StatusOr<GraphDef> SessionGraph(const FreezeGraphOptions& o,
                                const FreezeInputs& in) {
  std::vector<std::string> needed = o.output_node_names;
  std::set<std::string> names;
  for (const auto& node : in.graph_def.node()) names.insert(node.name());
  for (const auto& node : in.graph_def.node()) {
    const std::string read = node.name() + "/Read/ReadVariableOp";
    if (node.op() == "VarHandleOp" && names.contains(read)) {
      needed.push_back(read);
    }
  }
  if (in.saver_def.has_value()) {
    for (const std::string& name : {in.saver_def->restore_op_name(),
                                    in.saver_def->filename_tensor_name()}) {
      auto id = ParseTensorName(name);
      if (!id.ok()) return id.status().WithContext("in the SaverDef");
      needed.push_back(id->node);
    }
  }
  needed.insert(needed.end(), o.initializer_nodes.begin(),
                o.initializer_nodes.end());
  return ExtractSubGraph(in.graph_def, needed);
}

Status Restore(const FreezeGraphOptions& o, const FreezeInputs& in,
               const GraphDef& session_graph, Env* env, Session* session) {
  if (in.saver_def.has_value()) {
    TFP_RETURN_IF_ERROR(
        RestoreWithSaverDef(session, *in.saver_def, o.input_checkpoint));
  } else {
    TFP_RETURN_IF_ERROR(RestoreVariablesFromCheckpoint(
        session, session_graph, o.input_checkpoint, env));
  }
  if (o.initializer_nodes.empty()) return OkStatus();
  TFP_RETURN_IF_ERROR_CTX(session->Run({}, {}, o.initializer_nodes, nullptr),
                          "running --initializer_nodes");
  return OkStatus();
}

}  // namespace

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::string compact = text;
  compact.erase(std::remove(compact.begin(), compact.end(), ' '),
                compact.end());
  return StrSplit(compact, ',', /*skip_empty=*/true);
}

Status RestoreWithSaverDef(Session* session,
                           const tensorflow::SaverDef& saver_def,
                           const std::string& checkpoint_prefix) {
  Tensor filename = Tensor::Scalar<tstring>(tstring(checkpoint_prefix));
  Status s = session->Run({{saver_def.filename_tensor_name(), filename}}, {},
                          {saver_def.restore_op_name()}, nullptr);
  return s.WithContext(StrCat("restoring from checkpoint '", checkpoint_prefix,
                              "' with ", saver_def.restore_op_name()));
}

namespace {

Status WriteOutput(const FreezeGraphOptions& o, const GraphDef& frozen,
                   Env* env) {
  if (o.output_graph.empty()) return OkStatus();
  return WriteGraphDefFile(frozen, o.output_graph, GraphDefFormat::kAuto, env);
}

void ClearDevices(GraphDef* g) {
  for (auto& node : *g->mutable_node()) node.clear_device();
}

// --input_saved_model_dir: LoadSavedModel restores the variables (and runs
// the model's init op); its meta graph's GraphDef is converted.
StatusOr<GraphDef> FreezeSavedModelNodes(const FreezeGraphOptions& o,
                                         Env* env) {
  const std::set<std::string> tags(o.saved_model_tags.begin(),
                                   o.saved_model_tags.end());
  TFP_ASSIGN_OR_RETURN(auto bundle,
                       LoadSavedModel(o.input_saved_model_dir, tags, env));
  GraphDef graph_def = bundle->meta_graph_def.graph_def();
  if (o.clear_devices) ClearDevices(&graph_def);
  TFP_ASSIGN_OR_RETURN(
      GraphDef frozen,
      ConvertVariablesToConstants(
          bundle->session.get(), graph_def, o.output_node_names,
          o.variable_names_whitelist, o.variable_names_blacklist));
  if (o.fix_training_ops) {
    TFP_ASSIGN_OR_RETURN(frozen, FixTrainingOps(frozen, o.output_node_names));
  }
  TFP_RETURN_IF_ERROR(WriteOutput(o, frozen, env));
  return frozen;
}

}  // namespace

StatusOr<GraphDef> FreezeGraph(const FreezeGraphOptions& options) {
  Env* env = options.env != nullptr ? options.env : Env::Default();
  TFP_RETURN_IF_ERROR(CheckOptions(options, env));
  if (!options.input_saved_model_dir.empty() &&
      (options.output_node_names.empty() || !options.signature_def.empty())) {
    FreezeSavedModelOptions o;
    o.saved_model_dir = options.input_saved_model_dir;
    o.tags = options.saved_model_tags;
    if (!options.signature_def.empty()) o.signature_def = options.signature_def;
    o.lower_control_flow = options.lower_control_flow;
    o.clear_devices = options.clear_devices;
    o.env = env;
    TFP_ASSIGN_OR_RETURN(GraphDef frozen, FreezeSavedModel(o));
    TFP_RETURN_IF_ERROR(WriteOutput(options, frozen, env));
    return frozen;
  }
  if (!options.input_saved_model_dir.empty()) {
    return FreezeSavedModelNodes(options, env);
  }
  TFP_ASSIGN_OR_RETURN(FreezeInputs in, LoadInputs(options, env));
  TFP_ASSIGN_OR_RETURN(GraphDef session_graph, SessionGraph(options, in));
  SessionOptions session_options;
  session_options.env = env;
  session_options.extra_ops = in.stripped_op_list;
  // As TF, the session holds the whole graph (ops of the meta graph's
  // stripped_op_list import too; nodes the runs do not need never run).
  StatusOr<std::unique_ptr<Session>> session =
      Session::Create(in.graph_def, session_options);
  if (session.ok()) {
    session_graph = in.graph_def;
  } else if (session.status().code() == StatusCode::kNotFound) {
    // An op without an OpDef outside what the freeze runs.
    session = Session::Create(session_graph, session_options);
  }
  if (!session.ok()) return session.status();
  TFP_RETURN_IF_ERROR(Restore(options, in, session_graph, env, session->get()));
  TFP_ASSIGN_OR_RETURN(
      GraphDef frozen,
      ConvertVariablesToConstants(
          session->get(), in.graph_def, options.output_node_names,
          options.variable_names_whitelist, options.variable_names_blacklist));
  if (options.fix_training_ops) {
    TFP_ASSIGN_OR_RETURN(frozen,
                         FixTrainingOps(frozen, options.output_node_names));
  }
  TFP_RETURN_IF_ERROR(WriteOutput(options, frozen, env));
  return frozen;
}

}  // namespace tfpersist
