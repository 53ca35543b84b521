// TrackableObjectGraph reading (paths by breadth-first walk) and writing
// (tf.train.Checkpoint / CheckpointManager layout).
#include "tfpersist/io/object_graph.h"

#include <algorithm>
#include <deque>
#include <map>

#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using tensorflow::TrackableObjectGraph;

constexpr char kAttributesSuffix[] = "/.ATTRIBUTES/VARIABLE_VALUE";
constexpr char kVariableValue[] = "VARIABLE_VALUE";

std::string JoinObjectPath(const std::string& parent,
                           const std::string& child) {
  return parent.empty() ? child : parent + "/" + child;
}

// Breadth-first paths from node 0; "" for the root and unreachable nodes.
StatusOr<std::vector<std::string>> NodePaths(const TrackableObjectGraph& g) {
  const int n = g.nodes_size();
  std::vector<std::string> paths(n);
  std::vector<bool> seen(n, false);
  std::deque<int> queue;
  if (n > 0) {
    seen[0] = true;
    queue.push_back(0);
  }
  while (!queue.empty()) {
    const int id = queue.front();
    queue.pop_front();
    for (const auto& child : g.nodes(id).children()) {
      if (child.node_id() < 0 || child.node_id() >= n) {
        return errors::InvalidArgument(
            "Object graph node ", id, " has child '", child.local_name(),
            "' with node id ", child.node_id(), " out of range [0, ", n, ")");
      }
      if (seen[child.node_id()]) continue;
      seen[child.node_id()] = true;
      paths[child.node_id()] =
          JoinObjectPath(paths[id], EscapeLocalName(child.local_name()));
      queue.push_back(child.node_id());
    }
  }
  // Slot variables of optimizers (node `id` holds the references).
  for (int id = 0; id < n; ++id) {
    for (const auto& slot : g.nodes(id).slot_variables()) {
      const int var = slot.original_variable_node_id();
      const int slot_id = slot.slot_variable_node_id();
      if (var < 0 || var >= n || slot_id < 0 || slot_id >= n) {
        return errors::InvalidArgument("Object graph node ", id, " has slot '",
                                       slot.slot_name(),
                                       "' referring to a node out of range");
      }
      if (!seen[slot_id]) {
        seen[slot_id] = true;
        paths[slot_id] = StrCat(paths[var], "/.OPTIMIZER_SLOT/", paths[id], "/",
                                EscapeLocalName(slot.slot_name()));
      }
    }
  }
  return paths;
}

}  // namespace

std::string EscapeLocalName(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '.') {
      out += "..";
    } else if (c == '/') {
      out += ".S";
    } else {
      out += c;
    }
  }
  return out;
}

StatusOr<TrackableObjectGraph> ReadObjectGraph(const CheckpointReader& reader) {
  if (!reader.HasTensor(kObjectGraphProtoKey)) {
    return errors::NotFound(reader.path(), " has no ", kObjectGraphProtoKey,
                            " entry (not an object-based checkpoint)");
  }
  TFP_ASSIGN_OR_RETURN(Tensor t, reader.GetTensor(kObjectGraphProtoKey));
  TrackableObjectGraph graph;
  if (t.dtype() != DT_STRING || t.NumElements() != 1 ||
      !graph.ParseFromString(t.scalar<tstring>())) {
    return errors::DataLoss(kObjectGraphProtoKey, " in ", reader.path(),
                            " is not a serialized TrackableObjectGraph");
  }
  return graph;
}

StatusOr<std::vector<ObjectGraphTensor>> ListObjectGraphTensors(
    const TrackableObjectGraph& graph) {
  TFP_ASSIGN_OR_RETURN(std::vector<std::string> paths, NodePaths(graph));
  std::map<int, std::pair<int, std::string>> slot_of;  // slot -> (var, name)
  for (const auto& node : graph.nodes()) {
    for (const auto& slot : node.slot_variables()) {
      slot_of[slot.slot_variable_node_id()] = {slot.original_variable_node_id(),
                                               slot.slot_name()};
    }
  }
  std::vector<ObjectGraphTensor> out;
  for (int id = 0; id < graph.nodes_size(); ++id) {
    for (const auto& attr : graph.nodes(id).attributes()) {
      ObjectGraphTensor t;
      t.node_id = id;
      t.object_path = paths[id];
      t.attribute = attr.name();
      t.checkpoint_key = attr.checkpoint_key();
      t.full_name = attr.full_name();
      if (auto it = slot_of.find(id); it != slot_of.end()) {
        t.slot_of = paths[it->second.first];
        t.slot_name = it->second.second;
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

StatusOr<TrackableObjectGraph> BuildObjectGraph(
    const std::vector<ObjectCheckpointVariable>& variables) {
  // A trie of local names; node 0 is the root.
  struct TrieNode {
    std::vector<std::pair<std::string, int>> children;
    int variable = -1;
  };
  std::vector<TrieNode> trie(1);
  for (size_t v = 0; v < variables.size(); ++v) {
    const std::string& path = variables[v].object_path;
    std::vector<std::string> parts = StrSplit(path, '/');
    int at = 0;
    for (const std::string& part : parts) {
      if (part.empty()) {
        return errors::InvalidArgument("Invalid object path '", path, "'");
      }
      auto& kids = trie[at].children;
      auto it = std::find_if(kids.begin(), kids.end(),
                             [&](const auto& c) { return c.first == part; });
      if (it != kids.end()) {
        at = it->second;
        continue;
      }
      trie.emplace_back();
      const int id = static_cast<int>(trie.size()) - 1;
      trie[at].children.emplace_back(part, id);
      at = id;
    }
    if (trie[at].variable >= 0 || !trie[at].children.empty()) {
      return errors::InvalidArgument("Object path '", path,
                                     "' is used twice or is also a parent");
    }
    trie[at].variable = static_cast<int>(v);
  }
  // Renumber breadth-first.
  std::vector<int> order = {0}, new_id(trie.size(), 0);
  for (size_t i = 0; i < order.size(); ++i) {
    new_id[order[i]] = static_cast<int>(i);
    for (const auto& c : trie[order[i]].children) order.push_back(c.second);
  }
  TrackableObjectGraph graph;
  std::vector<std::string> paths(trie.size());
  for (int old : order) {
    auto* node = graph.add_nodes();
    for (const auto& [name, child] : trie[old].children) {
      auto* ref = node->add_children();
      ref->set_node_id(new_id[child]);
      ref->set_local_name(name);
      paths[child] = JoinObjectPath(paths[old], EscapeLocalName(name));
    }
    if (trie[old].variable >= 0) {
      const auto& var = variables[trie[old].variable];
      auto* attr = node->add_attributes();
      attr->set_name(kVariableValue);
      attr->set_full_name(var.full_name.empty() ? var.object_path
                                                : var.full_name);
      attr->set_checkpoint_key(paths[old] + kAttributesSuffix);
    }
  }
  return graph;
}

Status WriteObjectCheckpoint(
    Env* env, const std::string& prefix,
    const std::vector<ObjectCheckpointVariable>& variables) {
  TFP_ASSIGN_OR_RETURN(TrackableObjectGraph graph, BuildObjectGraph(variables));
  BundleWriter writer(env, prefix);
  for (const auto& var : variables) {
    std::string path;
    for (const std::string& part : StrSplit(var.object_path, '/')) {
      path = JoinObjectPath(path, EscapeLocalName(part));
    }
    writer.Add(path + kAttributesSuffix, var.value);
  }
  writer.Add(kObjectGraphProtoKey,
             Tensor::Scalar<tstring>(graph.SerializeAsString()));
  return writer.Finish();
}

}  // namespace tfpersist
