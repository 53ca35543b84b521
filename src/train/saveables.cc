// Which variables a Saver covers (TF's saveable_object_util.op_list_to_dict
// and Saver._ValidateAndSliceInputs, for ref and resource variables).
#include <algorithm>
#include <set>

#include "train/saver_builder.h"

namespace tfpersist {
namespace {

bool IsVariableOp(const std::string& op) {
  return op == "VariableV2" || op == "Variable" || op == "VarHandleOp";
}

StatusOr<Node*> FindVariable(const Graph& graph, const std::string& name) {
  const std::string op_name = OpNameOf(name);
  Node* node = graph.FindNode(op_name);
  if (node == nullptr) {
    return errors::NotFound("Saver: variable '", op_name,
                            "' is not in the graph");
  }
  if (!IsVariableOp(node->op())) {
    return errors::InvalidArgument("Saver: '", op_name, "' is a ", node->op(),
                                   " node, not a variable");
  }
  return node;
}

StatusOr<std::vector<std::string>> DefaultVariableNames(
    const GraphBuilder& b, const Collections* collections) {
  if (collections != nullptr && collections->Has(GraphKeys::kGlobalVariables)) {
    return collections->GetVariableNames(GraphKeys::kGlobalVariables);
  }
  std::vector<std::string> names;
  for (const RefVariable& v : b.variables()) names.push_back(v.name());
  if (!names.empty()) return names;
  for (const Node* node : b.graph()->nodes()) {
    if (IsVariableOp(node->op())) names.push_back(node->name());
  }
  return names;
}

}  // namespace

StatusOr<std::vector<SaveableVariable>> ResolveSaveables(
    const GraphBuilder& b, const std::vector<std::string>& var_list,
    const std::map<std::string, std::string>& var_map,
    const Collections* collections) {
  if (!var_list.empty() && !var_map.empty()) {
    return errors::InvalidArgument("Saver: give var_list or var_map, not both");
  }
  std::vector<std::pair<std::string, std::string>> pairs;  // key, var name
  if (!var_map.empty()) {
    pairs.assign(var_map.begin(), var_map.end());
  } else {
    std::vector<std::string> names = var_list;
    if (names.empty()) {
      TFP_ASSIGN_OR_RETURN(names, DefaultVariableNames(b, collections));
    }
    for (const std::string& n : names) pairs.emplace_back(OpNameOf(n), n);
  }
  std::vector<SaveableVariable> result;
  std::set<const Node*> seen_vars;
  std::set<std::string> seen_keys;
  for (const auto& [key, name] : pairs) {
    TFP_ASSIGN_OR_RETURN(Node * var, FindVariable(*b.graph(), name));
    if (!seen_keys.insert(key).second) {
      return errors::InvalidArgument(
          "At least two variables have the same name: ", key);
    }
    if (!seen_vars.insert(var).second) {
      return errors::InvalidArgument(
          "The same saveable will be restored with two names: ", key);
    }
    result.push_back({key, var, ""});
  }
  std::sort(result.begin(), result.end(),
            [](const SaveableVariable& a, const SaveableVariable& b) {
              return a.key < b.key;
            });
  return result;
}

}  // namespace tfpersist
