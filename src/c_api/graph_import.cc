// TF_GraphImportGraphDef* and its options/results: TF's C++ importer
// semantics (prefix, uniquify, input mapping, control dependencies, return
// outputs/operations) over tools/ImportGraphDef.
#include <climits>
#include <set>

#include "c_api/c_api_internal.h"
#include "graph/tensor_id.h"
#include "tfpersist/tools/import_graph_def.h"

struct TF_ImportGraphDefOptions {
  std::string prefix;
  std::string default_device;
  bool uniquify_names = false;
  bool uniquify_prefix = false;
  std::vector<std::pair<std::pair<std::string, int>, TF_Output>> input_map;
  std::vector<std::pair<std::string, TF_Operation*>> control_map;
  std::vector<TF_Operation*> control_deps;
  std::vector<std::pair<std::string, int>> return_outputs;
  std::vector<std::string> return_operations;
};

struct TF_ImportGraphDefResults {
  std::vector<TF_Output> outputs;
  std::vector<TF_Operation*> opers;
  std::vector<std::string> missing_names;
  std::vector<const char*> missing_ptrs;
  std::vector<int> missing_indexes;
};

namespace tfpersist::capi {
namespace {

std::string Prefixed(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "/" + name;
}

// Rewrites node names, inputs and "loc:@" colocation targets to
// "<prefix>/name" and applies the default device.
void ApplyPrefix(const std::string& prefix, const std::string& device,
                 tensorflow::GraphDef* def) {
  for (tensorflow::NodeDef& node : *def->mutable_node()) {
    if (!device.empty() && node.device().empty()) node.set_device(device);
    if (prefix.empty()) continue;
    node.set_name(Prefixed(prefix, node.name()));
    for (std::string& in : *node.mutable_input()) {
      in = in.starts_with("^") ? "^" + Prefixed(prefix, in.substr(1))
                               : Prefixed(prefix, in);
    }
    auto it = node.mutable_attr()->find("_class");
    if (it == node.mutable_attr()->end()) continue;
    for (std::string& s : *it->second.mutable_list()->mutable_s()) {
      if (s.starts_with("loc:@")) s = "loc:@" + Prefixed(prefix, s.substr(5));
    }
  }
}

// TF's name-collision rules for the C API importer.
Status CheckNames(TF_Graph* graph, const tensorflow::GraphDef& def,
                  std::string* prefix, bool uniquify_names,
                  bool uniquify_prefix) {
  if (!prefix->empty()) {
    if (!IsValidNodeName(*prefix)) {
      return errors::InvalidArgument("Imported node name prefix '", *prefix,
                                     "/' would lead to invalid node names");
    }
    if (uniquify_prefix && graph->graph->FindNode(*prefix) != nullptr) {
      *prefix = graph->graph->UniqueName(*prefix);
    }
  }
  if (uniquify_names) return OkStatus();
  for (const tensorflow::NodeDef& node : def.node()) {
    const std::string name = Prefixed(*prefix, node.name());
    if (graph->graph->FindNode(name) != nullptr) {
      return errors::InvalidArgument("Node name '", name,
                                     "' already exists in the Graph");
    }
  }
  return OkStatus();
}

ImportGraphDefOptions ToolOptions(const TF_ImportGraphDefOptions& o,
                                  const std::string& prefix,
                                  const tensorflow::GraphDef& def,
                                  TF_ImportGraphDefResults* results) {
  std::set<std::string> names;
  for (const auto& node : def.node()) names.insert(node.name());
  ImportGraphDefOptions opts;
  opts.name = "";
  for (const auto& [src, dst] : o.input_map) {
    const std::string name = Prefixed(prefix, src.first);
    if (names.count(name) == 0) {
      results->missing_names.push_back(src.first);
      results->missing_indexes.push_back(src.second);
      continue;
    }
    const std::string key =
        src.second == -1 ? "^" + name : name + ":" + std::to_string(src.second);
    if (src.second == -1) {
      opts.control_input_map[key] = ToNode(dst.oper);
    } else {
      opts.input_map[key] = Output{ToNode(dst.oper), dst.index};
    }
  }
  for (const auto& [src, dst] : o.control_map) {
    const std::string name = Prefixed(prefix, src);
    if (names.count(name) == 0) {
      results->missing_names.push_back(src);
      results->missing_indexes.push_back(-1);
      continue;
    }
    opts.control_input_map["^" + name] = ToNode(dst);
  }
  for (TF_Operation* op : o.control_deps) {
    opts.control_dependencies.push_back(ToNode(op));
  }
  for (const auto& [name, index] : o.return_outputs) {
    opts.return_elements.push_back(Prefixed(prefix, name) + ":" +
                                   std::to_string(index));
  }
  for (const std::string& name : o.return_operations) {
    opts.return_elements.push_back(Prefixed(prefix, name));
  }
  return opts;
}

Status Import(TF_Graph* graph, const TF_Buffer* buffer,
              const TF_ImportGraphDefOptions& o,
              TF_ImportGraphDefResults* results) {
  if (graph == nullptr || buffer == nullptr ||
      (buffer->data == nullptr && buffer->length > 0)) {
    return errors::InvalidArgument("Invalid GraphDef");
  }
  tensorflow::GraphDef def;
  if (buffer->length > static_cast<size_t>(INT_MAX) ||
      !def.ParseFromArray(buffer->data, static_cast<int>(buffer->length))) {
    return errors::InvalidArgument("Invalid GraphDef");
  }
  for (const TF_Operation* op : o.control_deps) {
    if (op == nullptr)
      return errors::InvalidArgument("NULL control dependency");
  }
  for (const auto& m : o.input_map) {
    if (m.second.oper == nullptr) {
      return errors::InvalidArgument("NULL TF_Output in an input mapping");
    }
  }
  std::lock_guard<std::mutex> lock(graph->mu);
  std::string prefix = o.prefix;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  TFP_RETURN_IF_ERROR(
      CheckNames(graph, def, &prefix, o.uniquify_names, o.uniquify_prefix));
  ApplyPrefix(prefix, o.default_device, &def);
  ImportGraphDefOptions opts = ToolOptions(o, prefix, def, results);
  TFP_ASSIGN_OR_RETURN(ImportGraphDefResults r,
                       ImportGraphDef(graph->graph.get(), def, opts));
  RefineShapes(graph, r.nodes);
  for (size_t i = 0; i < r.return_elements.size(); ++i) {
    const auto& e = r.return_elements[i];
    if (i < o.return_outputs.size()) {
      results->outputs.push_back(
          TF_Output{ToOper(e.tensor.node), e.tensor.index});
    } else {
      results->opers.push_back(ToOper(e.operation));
    }
  }
  for (const std::string& name : results->missing_names) {
    results->missing_ptrs.push_back(name.c_str());
  }
  return OkStatus();
}

}  // namespace
}  // namespace tfpersist::capi

using tfpersist::capi::Set;

extern "C" {

TF_ImportGraphDefOptions* TF_NewImportGraphDefOptions(void) {
  return new TF_ImportGraphDefOptions;
}
void TF_DeleteImportGraphDefOptions(TF_ImportGraphDefOptions* opts) {
  delete opts;
}
void TF_ImportGraphDefOptionsSetPrefix(TF_ImportGraphDefOptions* opts,
                                       const char* prefix) {
  if (opts != nullptr) opts->prefix = prefix == nullptr ? "" : prefix;
}
void TF_ImportGraphDefOptionsSetDefaultDevice(TF_ImportGraphDefOptions* opts,
                                              const char* device) {
  if (opts != nullptr) opts->default_device = device == nullptr ? "" : device;
}
void TF_ImportGraphDefOptionsSetUniquifyNames(TF_ImportGraphDefOptions* opts,
                                              unsigned char uniquify_names) {
  if (opts != nullptr) opts->uniquify_names = uniquify_names != 0;
}
void TF_ImportGraphDefOptionsSetUniquifyPrefix(TF_ImportGraphDefOptions* opts,
                                               unsigned char uniquify_prefix) {
  if (opts != nullptr) opts->uniquify_prefix = uniquify_prefix != 0;
}
void TF_ImportGraphDefOptionsAddInputMapping(TF_ImportGraphDefOptions* opts,
                                             const char* src_name,
                                             int src_index, TF_Output dst) {
  if (opts == nullptr || src_name == nullptr) return;
  opts->input_map.push_back({{src_name, src_index}, dst});
}
void TF_ImportGraphDefOptionsRemapControlDependency(
    TF_ImportGraphDefOptions* opts, const char* src_name, TF_Operation* dst) {
  if (opts == nullptr || src_name == nullptr || dst == nullptr) return;
  opts->control_map.push_back({src_name, dst});
}
void TF_ImportGraphDefOptionsAddControlDependency(
    TF_ImportGraphDefOptions* opts, TF_Operation* oper) {
  if (opts != nullptr) opts->control_deps.push_back(oper);
}
void TF_ImportGraphDefOptionsAddReturnOutput(TF_ImportGraphDefOptions* opts,
                                             const char* oper_name, int index) {
  if (opts == nullptr || oper_name == nullptr) return;
  opts->return_outputs.push_back({oper_name, index});
}
int TF_ImportGraphDefOptionsNumReturnOutputs(
    const TF_ImportGraphDefOptions* opts) {
  return opts == nullptr ? 0 : static_cast<int>(opts->return_outputs.size());
}
void TF_ImportGraphDefOptionsAddReturnOperation(TF_ImportGraphDefOptions* opts,
                                                const char* oper_name) {
  if (opts == nullptr || oper_name == nullptr) return;
  opts->return_operations.push_back(oper_name);
}
int TF_ImportGraphDefOptionsNumReturnOperations(
    const TF_ImportGraphDefOptions* opts) {
  return opts == nullptr ? 0 : static_cast<int>(opts->return_operations.size());
}

void TF_ImportGraphDefResultsReturnOutputs(TF_ImportGraphDefResults* results,
                                           int* num_outputs,
                                           TF_Output** outputs) {
  if (results == nullptr) return;
  if (num_outputs != nullptr) {
    *num_outputs = static_cast<int>(results->outputs.size());
  }
  if (outputs != nullptr) *outputs = results->outputs.data();
}
void TF_ImportGraphDefResultsReturnOperations(TF_ImportGraphDefResults* results,
                                              int* num_opers,
                                              TF_Operation*** opers) {
  if (results == nullptr) return;
  if (num_opers != nullptr)
    *num_opers = static_cast<int>(results->opers.size());
  if (opers != nullptr) *opers = results->opers.data();
}
void TF_ImportGraphDefResultsMissingUnusedInputMappings(
    TF_ImportGraphDefResults* results, int* num_missing_unused_input_mappings,
    const char*** src_names, int** src_indexes) {
  if (results == nullptr) return;
  if (num_missing_unused_input_mappings != nullptr) {
    *num_missing_unused_input_mappings =
        static_cast<int>(results->missing_ptrs.size());
  }
  if (src_names != nullptr) *src_names = results->missing_ptrs.data();
  if (src_indexes != nullptr) *src_indexes = results->missing_indexes.data();
}
void TF_DeleteImportGraphDefResults(TF_ImportGraphDefResults* results) {
  delete results;
}

TF_ImportGraphDefResults* TF_GraphImportGraphDefWithResults(
    TF_Graph* graph, const TF_Buffer* graph_def,
    const TF_ImportGraphDefOptions* options, TF_Status* status) {
  static const TF_ImportGraphDefOptions kDefaults;
  auto* results = new TF_ImportGraphDefResults;
  tfpersist::Status s = tfpersist::capi::Import(
      graph, graph_def, options == nullptr ? kDefaults : *options, results);
  Set(status, s);
  if (!s.ok()) {
    delete results;
    return nullptr;
  }
  return results;
}

void TF_GraphImportGraphDefWithReturnOutputs(
    TF_Graph* graph, const TF_Buffer* graph_def,
    const TF_ImportGraphDefOptions* options, TF_Output* return_outputs,
    int num_return_outputs, TF_Status* status) {
  const int expected = TF_ImportGraphDefOptionsNumReturnOutputs(options);
  if (num_return_outputs != expected) {
    Set(status, tfpersist::errors::InvalidArgument(
                    "Expected 'num_return_outputs' to be ", expected, ", got ",
                    num_return_outputs));
    return;
  }
  TF_ImportGraphDefResults* results =
      TF_GraphImportGraphDefWithResults(graph, graph_def, options, status);
  if (results == nullptr) return;
  for (int i = 0; i < num_return_outputs; ++i) {
    return_outputs[i] = results->outputs[i];
  }
  TF_DeleteImportGraphDefResults(results);
}

void TF_GraphImportGraphDef(TF_Graph* graph, const TF_Buffer* graph_def,
                            const TF_ImportGraphDefOptions* options,
                            TF_Status* status) {
  TF_DeleteImportGraphDefResults(
      TF_GraphImportGraphDefWithResults(graph, graph_def, options, status));
}

}  // extern "C"
