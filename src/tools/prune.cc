// extract_sub_graph, remove_training_nodes and strip_unused
// (freeze-and-import.md §3 and §5; TF's graph_util_impl.py and
// strip_unused_lib.py).
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "tfpersist/tools/graph_util.h"
#include "tools/name_suggest.h"

namespace tfpersist {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;

// "^x" -> "x", "x:3" -> "x" (TF's _node_name).
std::string NodeNameOf(std::string_view input) {
  if (!input.empty() && input[0] == '^') return std::string(input.substr(1));
  return std::string(input.substr(0, input.find(':')));
}

// The nodes a node depends on: inputs, then colocation targets.
std::vector<std::string> Dependencies(const NodeDef& node) {
  std::vector<std::string> deps;
  for (const std::string& in : node.input()) deps.push_back(NodeNameOf(in));
  auto cls = node.attr().find("_class");
  if (cls != node.attr().end()) {
    for (const std::string& s : cls->second.list().s()) {
      deps.push_back(s.starts_with("loc:@") ? s.substr(5) : s);
    }
  }
  return deps;
}

StatusOr<std::map<std::string, int, std::less<>>> IndexByName(
    const GraphDef& graph_def) {
  std::map<std::string, int, std::less<>> index;
  for (int i = 0; i < graph_def.node_size(); ++i) {
    if (!index.emplace(graph_def.node(i).name(), i).second) {
      return errors::InvalidArgument("Node '", graph_def.node(i).name(),
                                     "' is not unique in the GraphDef");
    }
  }
  return index;
}

Status CheckDestNode(const std::string& name,
                     const std::map<std::string, int, std::less<>>& index,
                     const GraphDef& graph_def) {
  if (index.contains(name)) return OkStatus();
  std::string hint;
  if (name.find(':') != std::string::npos && index.contains(NodeNameOf(name))) {
    hint = " (output node names are op names, without ':<index>')";
  }
  return errors::NotFound("Output node '", name, "' is not in the graph", hint,
                          ".", ClosestNodeNames(name, graph_def));
}

}  // namespace

StatusOr<GraphDef> ExtractSubGraph(const GraphDef& graph_def,
                                   const std::vector<std::string>& dest_nodes) {
  TFP_ASSIGN_OR_RETURN(auto index, IndexByName(graph_def));
  for (const std::string& d : dest_nodes) {
    TFP_RETURN_IF_ERROR(CheckDestNode(d, index, graph_def));
  }
  std::vector<bool> keep(graph_def.node_size(), false);
  std::deque<int> to_visit;
  for (const std::string& d : dest_nodes) to_visit.push_back(index.at(d));
  while (!to_visit.empty()) {
    const int i = to_visit.front();
    to_visit.pop_front();
    if (keep[i]) continue;
    keep[i] = true;
    const NodeDef& node = graph_def.node(i);
    for (const std::string& dep : Dependencies(node)) {
      auto it = index.find(dep);
      if (it == index.end()) {
        return errors::InvalidArgument(
            "Node '", node.name(), "' (op ", node.op(), ") depends on '", dep,
            "', which is not in the graph (dangling input or colocation)");
      }
      if (!keep[it->second]) to_visit.push_back(it->second);
    }
  }
  GraphDef out;
  for (int i = 0; i < graph_def.node_size(); ++i) {
    if (keep[i]) *out.add_node() = graph_def.node(i);
  }
  if (graph_def.has_library()) *out.mutable_library() = graph_def.library();
  if (graph_def.has_versions()) *out.mutable_versions() = graph_def.versions();
  return out;
}

namespace {

// Step 1 of remove_training_nodes: drop CheckNumerics and inputs naming
// them (an input "x:0" does not match "x", as in TF).
std::vector<NodeDef> DropCheckNumerics(const GraphDef& graph_def,
                                       const std::set<std::string>& kept) {
  std::set<std::string> removed;
  for (const NodeDef& node : graph_def.node()) {
    if (node.op() == "CheckNumerics" && !kept.contains(node.name())) {
      removed.insert(node.name());
    }
  }
  std::vector<NodeDef> out;
  for (const NodeDef& node : graph_def.node()) {
    if (removed.contains(node.name())) continue;
    NodeDef copy = node;
    copy.clear_input();
    for (const std::string& in : node.input()) {
      const std::string bare = in.starts_with("^") ? in.substr(1) : in;
      if (!removed.contains(bare)) copy.add_input(in);
    }
    out.push_back(std::move(copy));
  }
  return out;
}

// Identity name -> its first input, for the Identities that may go.
StatusOr<std::map<std::string, std::string>> IdentitiesToSplice(
    const std::vector<NodeDef>& nodes, const std::set<std::string>& kept) {
  std::set<std::string> control_targets, with_control_inputs;
  for (const NodeDef& node : nodes) {
    for (const std::string& in : node.input()) {
      if (in.find('^') == std::string::npos) continue;
      std::string target = in;
      target.erase(std::remove(target.begin(), target.end(), '^'),
                   target.end());
      control_targets.insert(target);
      with_control_inputs.insert(node.name());
    }
  }
  std::map<std::string, std::string> splice;
  for (const NodeDef& node : nodes) {
    if (node.op() != "Identity" || kept.contains(node.name()) ||
        with_control_inputs.contains(node.name()) ||
        control_targets.contains(node.name())) {
      continue;
    }
    if (node.input_size() == 0) {
      return errors::InvalidArgument("Identity node '", node.name(),
                                     "' has no input to splice through");
    }
    splice[node.name()] = node.input(0);
  }
  return splice;
}

}  // namespace

StatusOr<GraphDef> RemoveTrainingNodes(
    const GraphDef& graph_def,
    const std::vector<std::string>& protected_nodes) {
  const std::set<std::string> kept(protected_nodes.begin(),
                                   protected_nodes.end());
  std::vector<NodeDef> nodes = DropCheckNumerics(graph_def, kept);
  TFP_ASSIGN_OR_RETURN(auto splice, IdentitiesToSplice(nodes, kept));
  GraphDef out;
  for (NodeDef& node : nodes) {
    if (splice.contains(node.name())) continue;
    for (std::string& in : *node.mutable_input()) {
      // Follow chains of spliced Identities; bounded against cycles.
      for (size_t hops = 0; hops <= splice.size(); ++hops) {
        auto it = splice.find(in.starts_with("^") ? in.substr(1) : in);
        if (it == splice.end()) break;
        in = it->second;
      }
    }
    *out.add_node() = std::move(node);
  }
  return out;
}

StatusOr<GraphDef> StripUnused(
    const GraphDef& graph_def, const std::vector<std::string>& input_node_names,
    const std::vector<std::string>& output_node_names,
    const std::vector<DataType>& placeholder_types) {
  if (placeholder_types.size() != 1 &&
      placeholder_types.size() != input_node_names.size()) {
    return errors::InvalidArgument(
        "StripUnused: ", placeholder_types.size(), " placeholder types for ",
        input_node_names.size(), " input nodes (give 1 or one per input)");
  }
  std::set<std::string> not_found(input_node_names.begin(),
                                  input_node_names.end());
  GraphDef replaced = graph_def;
  for (NodeDef& node : *replaced.mutable_node()) {
    auto pos = std::find(input_node_names.begin(), input_node_names.end(),
                         node.name());
    if (pos == input_node_names.end()) continue;
    not_found.erase(node.name());
    const size_t i = placeholder_types.size() == 1
                         ? 0
                         : static_cast<size_t>(pos - input_node_names.begin());
    NodeDef placeholder;
    placeholder.set_name(node.name());
    placeholder.set_op("Placeholder");
    (*placeholder.mutable_attr())["dtype"].set_type(
        static_cast<tensorflow::DataType>(placeholder_types[i]));
    for (const char* keep : {"_output_shapes", "shape"}) {
      auto it = node.attr().find(keep);
      if (it != node.attr().end())
        (*placeholder.mutable_attr())[keep] = it->second;
    }
    node = std::move(placeholder);
  }
  if (!not_found.empty()) {
    std::vector<std::string> quoted;
    for (const auto& n : not_found) quoted.push_back(StrCat("'", n, "'"));
    return errors::NotFound("The following input nodes were not found: ",
                            StrJoin(quoted, ", "));
  }
  return ExtractSubGraph(replaced, output_node_names);
}

}  // namespace tfpersist
