// ImportGraphDef, part 1: validate the source GraphDef before touching the
// destination graph (TF's GraphConstructor::EnsureNoNameCollisions,
// ValidateInputMapAndControlDependencies, BuildNodeIndex, InitFromEdges).
#include <algorithm>
#include <queue>
#include <set>

#include "graph/node_def_util.h"
#include "graph/op_def_util.h"
#include "tools/import_internal.h"

namespace tfpersist::import_internal {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;
using tensorflow::OpDef;

Status CheckNodeForm(const NodeDef& def) {
  if (!IsValidNodeName(def.name())) {
    return errors::InvalidArgument("Node '", def.name(),
                                   "': Node name contains invalid characters");
  }
  if (def.op().empty()) {
    return errors::InvalidArgument("Node '", def.name(),
                                   "' does not specify an operation");
  }
  bool in_control = false;
  for (const std::string& in : def.input()) {
    if (in.starts_with("^")) {
      in_control = true;
    } else if (in_control) {
      return errors::InvalidArgument(
          "Node '", def.name(),
          "': Control dependencies must come after regular dependencies");
    }
  }
  return OkStatus();
}

// The OpDef for `op`: the destination graph's lookup, else a function of
// the imported library.
StatusOr<const OpDef*> FindOpDef(const Graph& graph, const GraphDef& gd,
                                 const NodeDef& def) {
  auto found = graph.LookUpOpDef(def.op());
  if (found.ok()) return found;
  for (const auto& f : gd.library().function()) {
    if (f.signature().name() == def.op()) return &f.signature();
  }
  return found.status().WithContext(FormatNodeForError(def));
}

// TF's _RemoveDefaultAttrs for one node.
void DropProducerDefaults(const tensorflow::OpList* producer, const OpDef& ours,
                          NodeDef* def) {
  if (producer == nullptr) return;
  const OpDef* theirs = nullptr;
  for (const auto& op : producer->op()) {
    if (op.name() == def->op()) theirs = &op;
  }
  if (theirs == nullptr) return;
  std::vector<std::string> drop;
  for (const auto& [name, value] : def->attr()) {
    if (FindAttr(name, ours) != nullptr) continue;
    const OpDef::AttrDef* a = FindAttr(name, *theirs);
    if (a != nullptr && a->has_default_value() &&
        a->default_value().SerializeAsString() == value.SerializeAsString()) {
      drop.push_back(name);
    }
  }
  for (const std::string& name : drop) def->mutable_attr()->erase(name);
}

StatusOr<SourceNode> PrepareNode(const Graph& graph, const GraphDef& gd,
                                 const tensorflow::OpList* producer,
                                 const NodeDef& def) {
  TFP_RETURN_IF_ERROR(CheckNodeForm(def));
  TFP_ASSIGN_OR_RETURN(const OpDef* op_def, FindOpDef(graph, gd, def));
  SourceNode node;
  node.def = def;
  DropProducerDefaults(producer, *op_def, &node.def);
  AddDefaultsToNodeDef(*op_def, &node.def);
  TFP_RETURN_IF_ERROR(ValidateNodeDef(node.def, *op_def));
  std::vector<DataType> in_types, out_types;
  TFP_RETURN_IF_ERROR(
      InOutTypesForNode(node.def, *op_def, &in_types, &out_types));
  node.num_outputs = static_cast<int>(out_types.size());
  for (const std::string& in : def.input()) {
    StatusOr<TensorId> id = ParseTensorName(in);
    if (!id.ok()) return id.status().WithContext(FormatNodeForError(def));
    node.inputs.push_back(*std::move(id));
  }
  return node;
}

Status CheckEdges(const Source& src) {
  for (const SourceNode& n : src.nodes) {
    for (size_t i = 0; i < n.inputs.size(); ++i) {
      if (src.index.contains(n.inputs[i].node) || src.IsMapped(n.inputs[i])) {
        continue;
      }
      return errors::InvalidArgument("Node '", n.def.name(),
                                     "': Unknown input node '", n.def.input(i),
                                     "'");
    }
    auto cls = n.def.attr().find("_class");
    if (cls == n.def.attr().end()) continue;
    for (const std::string& s : cls->second.list().s()) {
      if (s.starts_with("loc:@") && !src.index.contains(s.substr(5))) {
        return errors::InvalidArgument("Node '", n.def.name(),
                                       "' expects to be colocated with unknown "
                                       "node '",
                                       s.substr(5), "'");
      }
    }
  }
  return OkStatus();
}

// Parses the maps into `src`.
Status ParseMaps(const ImportGraphDefOptions& options, Source* src) {
  for (const auto& [key, value] : options.input_map) {
    TFP_ASSIGN_OR_RETURN(TensorId id, ParseMapKey(key, false));
    if (value.node == nullptr) {
      return errors::InvalidArgument("input_map['", key, "'] is a null tensor");
    }
    src->input_map[id] = value;
  }
  for (const auto& [key, value] : options.control_input_map) {
    TFP_ASSIGN_OR_RETURN(TensorId id, ParseMapKey(key, true));
    if (value == nullptr) {
      return errors::InvalidArgument("control_input_map['", key,
                                     "'] is a null node");
    }
    src->control_map[id.node] = value;
  }
  return OkStatus();
}

// input_map keys must name a node of the GraphDef (and a valid output).
Status CheckMapKeys(const Source& src) {
  std::vector<std::string> missing;
  for (const auto& [id, value] : src.input_map) {
    auto it = src.index.find(id.node);
    if (it == src.index.end() ||
        id.index >= src.nodes[it->second].num_outputs) {
      missing.push_back(id.ToString());
    }
  }
  for (const auto& [name, value] : src.control_map) {
    if (!src.index.contains(name)) missing.push_back(StrCat("^", name));
  }
  if (missing.empty()) return OkStatus();
  return errors::InvalidArgument(
      "Attempted to map inputs that were not found in graph_def: [",
      StrJoin(missing, ", "), "]");
}

Status CheckReturnElements(const Source& src,
                           const ImportGraphDefOptions& options) {
  for (const std::string& name : options.return_elements) {
    const bool is_tensor = name.find(':') != std::string::npos;
    StatusOr<TensorId> id = ParseTensorName(name);
    auto it = id.ok() ? src.index.find(id->node) : src.index.end();
    bool ok = it != src.index.end() && !id->is_control();
    if (ok && is_tensor) {
      ok = id->index < src.nodes[it->second].num_outputs || src.IsMapped(*id);
    }
    if (!ok) {
      return errors::InvalidArgument("Requested return_element '", name,
                                     "' not found in graph_def.");
    }
  }
  return OkStatus();
}

// Kahn's algorithm, smallest GraphDef position first; mapped inputs and
// edges out of NextIteration (loop back edges) count as ready.
Status TopoSort(Source* src) {
  const int n = static_cast<int>(src->nodes.size());
  std::vector<int> pending(n, 0);
  std::vector<std::vector<int>> outputs(n);
  for (int i = 0; i < n; ++i) {
    for (const TensorId& id : src->nodes[i].inputs) {
      if (src->IsMapped(id)) continue;
      const int from = src->index.at(id.node);
      const std::string& op = src->nodes[from].def.op();
      // A while loop's back edge: the Merge does not wait for it (TF).
      if (op == "NextIteration" || op == "RefNextIteration") continue;
      ++pending[i];
      outputs[from].push_back(i);
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<>> ready;
  for (int i = 0; i < n; ++i) {
    if (pending[i] == 0) ready.push(i);
  }
  while (!ready.empty()) {
    const int i = ready.top();
    ready.pop();
    src->topo_order.push_back(i);
    for (int c : outputs[i]) {
      if (--pending[c] == 0) ready.push(c);
    }
  }
  if (static_cast<int>(src->topo_order.size()) == n) return OkStatus();
  std::vector<std::string> stuck;
  for (int i = 0; i < n && stuck.size() < 5; ++i) {
    if (pending[i] > 0) stuck.push_back(src->nodes[i].def.name());
  }
  return errors::InvalidArgument("Graph is invalid, contains a cycle with ",
                                 n - src->topo_order.size(),
                                 " nodes, including: ", StrJoin(stuck, ", "));
}

}  // namespace

StatusOr<TensorId> ParseMapKey(const std::string& key, bool control) {
  std::string name = key;
  if (control && !name.starts_with("^")) name = StrCat("^", name);
  StatusOr<TensorId> id = ParseTensorName(name);
  if (!id.ok() || id->is_control() != control) {
    return errors::InvalidArgument(
        control ? "control_input_map" : "input_map", " key '", key,
        "' is not a ", control ? "node name ('x' or '^x')" : "tensor name");
  }
  return id;
}

StatusOr<Source> CheckSource(const Graph& graph, const GraphDef& graph_def,
                             const ImportGraphDefOptions& options) {
  Source src;
  TFP_RETURN_IF_ERROR(ParseMaps(options, &src));
  for (const NodeDef& def : graph_def.node()) {
    TFP_ASSIGN_OR_RETURN(
        SourceNode node,
        PrepareNode(graph, graph_def, options.producer_op_list, def));
    const int pos = static_cast<int>(src.nodes.size());
    if (!src.index.emplace(def.name(), pos).second) {
      return errors::InvalidArgument("Node '", def.name(), "' is not unique");
    }
    src.nodes.push_back(std::move(node));
  }
  TFP_RETURN_IF_ERROR(CheckEdges(src));
  TFP_RETURN_IF_ERROR(CheckMapKeys(src));
  TFP_RETURN_IF_ERROR(CheckReturnElements(src, options));
  TFP_RETURN_IF_ERROR(TopoSort(&src));
  return src;
}

}  // namespace tfpersist::import_internal
