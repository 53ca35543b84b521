// CheckCallArity: a call passes what its callee takes and expects what it
// returns (call ops, Defun calls, If, While, Case).
#include "graph/function_util.h"
#include "graph/node_def_util.h"

namespace tfpersist {
namespace {

// The callee's types for `attrs`; INVALID_ARGUMENT when it is missing.
Status CalleeTypes(const tensorflow::NodeDef& node, const std::string& name,
                   const AttrMap& attrs, const FunctionLibraryDefinition& lib,
                   std::vector<DataType>* args, std::vector<DataType>* rets) {
  const tensorflow::FunctionDef* fdef = lib.Find(name);
  if (fdef == nullptr) {
    return errors::InvalidArgument("Node '", node.name(), "' (op ", node.op(),
                                   ") calls function '", name,
                                   "', which is not in the function library");
  }
  return SignatureTypes(fdef->signature(), attrs, args, rets);
}

Status Mismatch(const tensorflow::NodeDef& node, const std::string& name,
                const std::vector<DataType>& args,
                const std::vector<DataType>& rets, const std::string& what,
                const std::vector<DataType>& given) {
  std::vector<std::string> names;
  for (DataType t : given) names.push_back(DataTypeString(t));
  return errors::InvalidArgument(
      "Node '", node.name(), "' (op ", node.op(), ") calls function '", name,
      "' with wrong arity: the function is ", SignatureString(name, args, rets),
      " but the node ", what, " (", StrJoin(names, ", "), ")");
}

StatusOr<std::vector<DataType>> TypeList(const tensorflow::NodeDef& node,
                                         const char* attr) {
  return GetTypeListAttr(node, attr);
}

// Checks callee `name` against the types a node passes and expects.
Status CheckOne(const tensorflow::NodeDef& node, const std::string& name,
                const AttrMap& attrs, const FunctionLibraryDefinition& lib,
                const std::vector<DataType>& passed,
                const std::vector<DataType>* expected) {
  std::vector<DataType> args, rets;
  TFP_RETURN_IF_ERROR(CalleeTypes(node, name, attrs, lib, &args, &rets));
  if (args != passed) {
    return Mismatch(node, name, args, rets, "passes", passed);
  }
  if (expected != nullptr && rets != *expected) {
    return Mismatch(node, name, args, rets, "expects results", *expected);
  }
  return OkStatus();
}

std::string FuncAttr(const tensorflow::NodeDef& node, const char* attr) {
  auto it = node.attr().find(attr);
  return it == node.attr().end() ? "" : it->second.func().name();
}

AttrMap FuncAttrs(const tensorflow::NodeDef& node, const char* attr) {
  auto it = node.attr().find(attr);
  if (it == node.attr().end()) return {};
  return AttrMap(it->second.func().attr().begin(),
                 it->second.func().attr().end());
}

Status CheckControlFlow(const tensorflow::NodeDef& node,
                        const FunctionLibraryDefinition& lib) {
  const std::string& op = node.op();
  if (op == "While" || op == "StatelessWhile") {
    TFP_ASSIGN_OR_RETURN(std::vector<DataType> t, TypeList(node, "T"));
    TFP_RETURN_IF_ERROR(CheckOne(node, FuncAttr(node, "body"),
                                 FuncAttrs(node, "body"), lib, t, &t));
    std::vector<DataType> args, rets;
    const std::string cond = FuncAttr(node, "cond");
    TFP_RETURN_IF_ERROR(
        CalleeTypes(node, cond, FuncAttrs(node, "cond"), lib, &args, &rets));
    if (args != t || rets.size() != 1) {
      return Mismatch(node, cond, args, rets, "passes (and expects 1 result)",
                      t);
    }
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tin, TypeList(node, "Tin"));
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tout, TypeList(node, "Tout"));
  if (op == "If" || op == "StatelessIf") {
    for (const char* branch : {"then_branch", "else_branch"}) {
      TFP_RETURN_IF_ERROR(CheckOne(node, FuncAttr(node, branch),
                                   FuncAttrs(node, branch), lib, tin, &tout));
    }
    return OkStatus();
  }
  auto it = node.attr().find("branches");
  if (it == node.attr().end()) return OkStatus();
  for (const auto& f : it->second.list().func()) {
    TFP_RETURN_IF_ERROR(CheckOne(node, f.name(),
                                 AttrMap(f.attr().begin(), f.attr().end()), lib,
                                 tin, &tout));
  }
  return OkStatus();
}

}  // namespace

bool IsFunctionalControlFlow(std::string_view op) {
  return op == "If" || op == "StatelessIf" || op == "While" ||
         op == "StatelessWhile" || op == "Case" || op == "StatelessCase";
}

Status CheckCallArity(const tensorflow::NodeDef& node,
                      const FunctionLibraryDefinition& lib) {
  if (IsFunctionalControlFlow(node.op())) return CheckControlFlow(node, lib);
  CallTarget target = GetCallTarget(node, lib);
  if (target.name.empty()) return OkStatus();
  std::vector<DataType> args, rets;
  TFP_RETURN_IF_ERROR(
      CalleeTypes(node, target.name, target.attrs, lib, &args, &rets));
  const size_t passed = DataInputs(node).size();
  if (node.op() != "PartitionedCall" &&
      node.op() != "StatefulPartitionedCall") {
    if (passed != args.size()) {
      return errors::InvalidArgument(
          "Node '", node.name(), "' calls function '", target.name,
          "' with wrong arity: the function is ",
          SignatureString(target.name, args, rets), " but the node passes ",
          passed, " inputs");
    }
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tin, TypeList(node, "Tin"));
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tout, TypeList(node, "Tout"));
  if (passed != tin.size()) {
    return errors::InvalidArgument("Node '", node.name(), "' has ", passed,
                                   " inputs but Tin lists ", tin.size(),
                                   " types");
  }
  return CheckOne(node, target.name, target.attrs, lib, tin, &tout);
}

}  // namespace tfpersist
