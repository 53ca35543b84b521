// Graph names: Python's unique_name / name_scope rules
// (freeze-and-import.md §1) and name lookups with suggestions.
#include <algorithm>
#include <cctype>

#include "graph/tensor_id.h"
#include "tfpersist/base/closest_names.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool IsScopeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
         c == '-' || c == '/' || c == '>';
}

// Python's _VALID_OP_NAME_REGEX at the root, _VALID_SCOPE_NAME_REGEX
// inside a scope (no backslash: the C++ importer rejects it).
bool IsValidScopeName(std::string_view name, bool at_root) {
  if (at_root) {
    const char c = name[0];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.') return false;
  }
  return std::all_of(name.begin(), name.end(), IsScopeChar);
}

// " Closest names: 'a', 'b'." for up to 3 nearest node names.
std::string ClosestNames(std::string_view name,
                         const std::vector<Node*>& nodes) {
  std::vector<std::string> names;
  names.reserve(nodes.size());
  for (const Node* n : nodes) names.push_back(n->name());
  return ClosestNamesSuffix(name, names, "names", " The graph is empty.");
}

}  // namespace

std::string Graph::UniqueName(std::string_view name, bool mark_as_used) {
  std::string full =
      name_scope_.empty() ? std::string(name) : StrCat(name_scope_, "/", name);
  const std::string base_key = Lower(full);
  std::string key = base_key;
  auto it = names_in_use_.find(key);
  int i = it == names_in_use_.end() ? 0 : it->second;
  if (mark_as_used) names_in_use_[key] = i + 1;
  if (i == 0) return full;
  // Find the first "<name>_<i>" not taken yet, from i on.
  while (names_in_use_.contains(key)) {
    key = StrCat(base_key, "_", i);
    ++i;
  }
  if (mark_as_used) names_in_use_[key] = 1;
  return StrCat(full, "_", i - 1);
}

StatusOr<std::string> Graph::EnterNameScope(std::string_view name,
                                            std::string* previous) {
  if (!name.empty() && !IsValidScopeName(name, name_scope_.empty())) {
    return errors::InvalidArgument("'", name, "' is not a valid scope name");
  }
  *previous = name_scope_;
  if (name.empty()) {
    name_scope_.clear();
    return std::string();
  }
  if (name.back() == '/') {
    name_scope_ = std::string(name.substr(0, name.size() - 1));
    return std::string(name);
  }
  name_scope_ = UniqueName(name);
  return StrCat(name_scope_, "/");
}

Node* Graph::FindNode(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

StatusOr<Node*> Graph::operation(std::string_view name) const {
  if (name.find(':') != std::string_view::npos) {
    return errors::InvalidArgument(
        "The name '", name,
        "' looks like a Tensor name, but operation() "
        "takes an Operation name (no ':<output_index>').");
  }
  Node* node = FindNode(name);
  if (node == nullptr) {
    return errors::NotFound("The name '", name,
                            "' refers to an Operation not in the graph.",
                            ClosestNames(name, order_));
  }
  return node;
}

StatusOr<Output> Graph::tensor(std::string_view name) const {
  if (name.find(':') == std::string_view::npos) {
    return errors::InvalidArgument(
        "The name '", name,
        "' refers to an Operation, not a Tensor. Tensor "
        "names must be of the form \"<op_name>:<output_index>\".");
  }
  TFP_ASSIGN_OR_RETURN(TensorId id, ParseTensorName(name));
  if (id.is_control()) {
    return errors::InvalidArgument("The name '", name,
                                   "' names a control input, not a Tensor.");
  }
  Node* node = FindNode(id.node);
  if (node == nullptr) {
    return errors::NotFound("The name '", name,
                            "' refers to a Tensor which "
                            "does not exist. The operation, '",
                            id.node, "', does not exist in the graph.",
                            ClosestNames(id.node, order_));
  }
  if (id.index >= node->num_outputs()) {
    return errors::NotFound("The name '", name,
                            "' refers to a Tensor which "
                            "does not exist. The operation, '",
                            id.node, "', exists but only has ",
                            node->num_outputs(), " outputs.");
  }
  return Output{node, id.index};
}

}  // namespace tfpersist
