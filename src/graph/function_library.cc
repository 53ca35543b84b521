// FunctionLibraryDefinition: lookup and whole-library validation (missing
// callees, call cycles, call arity, bodies that do not instantiate).
#include <set>

#include "graph/function_util.h"
#include "graph/op_registry.h"
#include "tfpersist/graph/function.h"

namespace tfpersist {

FunctionLibraryDefinition::FunctionLibraryDefinition(
    const tensorflow::FunctionDefLibrary& library,
    const tensorflow::OpList* extra_ops)
    : library_(library) {
  for (int i = 0; i < library_.function_size(); ++i) {
    functions_.emplace(library_.function(i).signature().name(), i);
  }
  if (extra_ops != nullptr) {
    for (const auto& op : extra_ops->op()) extra_ops_.emplace(op.name(), op);
  }
}

const tensorflow::FunctionDef* FunctionLibraryDefinition::Find(
    std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &library_.function(it->second);
}

std::vector<std::string> FunctionLibraryDefinition::ListFunctionNames() const {
  std::vector<std::string> names;
  for (const auto& [name, unused] : functions_) names.push_back(name);
  return names;
}

StatusOr<const tensorflow::OpDef*> FunctionLibraryDefinition::LookUpOpDef(
    std::string_view op_type) const {
  auto found = OpRegistry::Global()->LookUpOpDef(op_type);
  if (found.ok()) return found;
  if (auto it = extra_ops_.find(op_type); it != extra_ops_.end()) {
    return &it->second;
  }
  if (const tensorflow::FunctionDef* f = Find(op_type)) return &f->signature();
  return found.status();
}

std::vector<std::string> FunctionLibraryDefinition::CalledFunctions(
    const tensorflow::NodeDef& node, const FunctionLibraryDefinition& lib) {
  std::vector<std::string> called;
  if (lib.Contains(node.op())) called.push_back(node.op());
  for (const char* attr : {"f", "then_branch", "else_branch", "cond", "body"}) {
    auto it = node.attr().find(attr);
    if (it != node.attr().end() && it->second.has_func()) {
      called.push_back(it->second.func().name());
    }
  }
  auto it = node.attr().find("branches");
  if (it != node.attr().end()) {
    for (const auto& f : it->second.list().func()) called.push_back(f.name());
  }
  return called;
}

// Every callee exists and every call in the body passes the right number
// and types of arguments.
Status FunctionLibraryDefinition::CheckCallees(
    const std::string& fname, const tensorflow::FunctionDef& fdef) const {
  for (const tensorflow::NodeDef& node : fdef.node_def()) {
    for (const std::string& callee : CalledFunctions(node, *this)) {
      if (!Contains(callee)) {
        return errors::InvalidArgument(
            "Function '", fname, "': node '", node.name(), "' calls function '",
            callee, "', which is not in the function library");
      }
    }
    if (!LookUpOpDef(node.op()).ok()) {
      return errors::InvalidArgument("Function '", fname, "': node '",
                                     node.name(), "' has op '", node.op(),
                                     "', which is neither a registered op nor "
                                     "a function of the library");
    }
    TFP_RETURN_IF_ERROR_CTX(CheckCallArity(node, *this), "in function '", fname,
                            "'");
  }
  return OkStatus();
}

namespace {

// Depth-first search for a call cycle; `path` holds the current chain.
Status FindCycle(const FunctionLibraryDefinition& lib, const std::string& f,
                 std::map<std::string, int>* state,
                 std::vector<std::string>* path) {
  int& s = (*state)[f];
  if (s == 2) return OkStatus();
  path->push_back(f);
  if (s == 1) {
    auto start = std::find(path->begin(), path->end(), f);
    std::vector<std::string> cycle(start, path->end());
    return errors::InvalidArgument(
        "Function library has a cycle of calls: ", StrJoin(cycle, " -> "),
        " (function '", f, "' calls itself; recursion is not supported)");
  }
  s = 1;
  const tensorflow::FunctionDef* fdef = lib.Find(f);
  if (fdef != nullptr) {
    for (const tensorflow::NodeDef& node : fdef->node_def()) {
      for (const std::string& callee :
           FunctionLibraryDefinition::CalledFunctions(node, lib)) {
        TFP_RETURN_IF_ERROR(FindCycle(lib, callee, state, path));
      }
    }
  }
  (*state)[f] = 2;
  path->pop_back();
  return OkStatus();
}

}  // namespace

Status FunctionLibraryDefinition::Validate() const {
  for (const auto& [name, index] : functions_) {
    TFP_RETURN_IF_ERROR(CheckCallees(name, library_.function(index)));
  }
  std::map<std::string, int> state;
  for (const auto& [name, unused] : functions_) {
    std::vector<std::string> path;
    TFP_RETURN_IF_ERROR(FindCycle(*this, name, &state, &path));
  }
  for (const auto& [name, index] : functions_) {
    const tensorflow::FunctionDef& fdef = library_.function(index);
    if (fdef.signature().attr_size() > 0) continue;  // polymorphic
    TFP_RETURN_IF_ERROR(InstantiateFunction(fdef, {}, *this).status());
  }
  return OkStatus();
}

}  // namespace tfpersist
