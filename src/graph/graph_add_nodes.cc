// Graph::AddNodes: a batch of nodes whose inputs may point forward within
// the batch (while loops), added all or nothing. (Added by the tools layer
// for ImportGraphDef; see graph.h.)
#include <algorithm>
#include <cctype>

#include "graph/node_def_util.h"
#include "graph/tensor_id.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {

void Graph::RemoveLastNodes(size_t count,
                            const std::vector<std::string>& new_name_keys) {
  for (size_t k = 0; k < count; ++k) {
    Node* node = order_.back();
    auto unlink = [node](Node* src) {
      auto& c = src->consumers_;
      c.erase(std::remove(c.begin(), c.end(), node), c.end());
    };
    for (const Output& in : node->inputs_) unlink(in.node);
    for (Node* in : node->control_inputs_) unlink(in);
    by_name_.erase(node->name());
    order_.pop_back();
    owned_.pop_back();
  }
  for (const std::string& key : new_name_keys) names_in_use_.erase(key);
}

StatusOr<std::vector<Node*>> Graph::AddNodes(
    std::vector<tensorflow::NodeDef> nodes) {
  std::vector<std::string> new_keys;
  std::vector<Node*> added;
  Status status;
  for (tensorflow::NodeDef& def : nodes) {
    std::string key = def.name();
    std::transform(key.begin(), key.end(), key.begin(), ::tolower);
    const bool key_was_used = names_in_use_.contains(key);
    StatusOr<Node*> node = AddNodeUnlinked(std::move(def));
    if (!node.ok()) {
      status = node.status();
      break;
    }
    if (!key_was_used) new_keys.push_back(key);
    added.push_back(*node);
  }
  for (size_t i = 0; status.ok() && i < added.size(); ++i) {
    status = LinkInputs(added[i]);
  }
  if (status.ok()) status = TopologicalOrder().status();
  if (!status.ok()) {
    RemoveLastNodes(added.size(), new_keys);
    return status;
  }
  return added;
}

}  // namespace tfpersist
