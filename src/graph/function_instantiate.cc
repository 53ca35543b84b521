// InstantiateFunction (FunctionDef + attr values -> body with flat "node:k"
// inputs), call targets and call arity checks.
#include <charconv>
#include <map>
#include <set>

#include "graph/function_util.h"
#include "graph/node_def_util.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

bool IsCallOp(const std::string& op) {
  return op == "PartitionedCall" || op == "StatefulPartitionedCall";
}

StatusOr<DataType> ArgType(const tensorflow::OpDef& sig,
                           const tensorflow::OpDef::ArgDef& arg,
                           const AttrMap& attrs) {
  if (!arg.number_attr().empty() || !arg.type_list_attr().empty()) {
    return errors::InvalidArgument(
        "Function '", sig.name(), "': list-typed argument '", arg.name(),
        "' is not supported (flatten it into single tensors)");
  }
  if (arg.type() != tensorflow::DT_INVALID) {
    return static_cast<DataType>(arg.type());
  }
  auto it = attrs.find(arg.type_attr());
  if (it == attrs.end() || !it->second.has_type()) {
    return errors::InvalidArgument("Function '", sig.name(), "': argument '",
                                   arg.name(), "' needs type attr '",
                                   arg.type_attr(), "', which is not given");
  }
  return static_cast<DataType>(it->second.type());
}

// Substitutes attr placeholders ("$T" style, AttrValue.placeholder).
Status SubstitutePlaceholders(const std::string& fname, const AttrMap& attrs,
                              tensorflow::NodeDef* node) {
  for (auto& [key, value] : *node->mutable_attr()) {
    if (value.placeholder().empty()) continue;
    auto it = attrs.find(value.placeholder());
    if (it == attrs.end()) {
      return errors::InvalidArgument("Function '", fname, "': attr '", key,
                                     "' of node '", node->name(),
                                     "' refers to attr '", value.placeholder(),
                                     "', which the call does not give");
    }
    value = it->second;
  }
  return OkStatus();
}

struct BodyIndex {
  std::set<std::string> args;
  std::map<std::string, const tensorflow::NodeDef*> nodes;
  std::map<std::string, const tensorflow::OpDef*> op_defs;
};

// "x" (arg or node), "node:out_arg:i" -> "node:k"; "^node" stays.
StatusOr<std::string> RewriteInput(const std::string& fname,
                                   const BodyIndex& index,
                                   const std::string& input) {
  if (!input.empty() && input[0] == '^') {
    if (index.nodes.count(input.substr(1)) == 0) {
      return errors::InvalidArgument("Function '", fname, "': control input '",
                                     input, "' names no node of the body");
    }
    return input;
  }
  std::vector<std::string> parts = StrSplit(input, ':');
  if (parts.size() == 1) {
    if (index.args.count(input) != 0 || index.nodes.count(input) != 0) {
      return input;
    }
  } else if (parts.size() == 3 && index.nodes.count(parts[0]) != 0) {
    int start = 0, end = 0, i = 0;
    const tensorflow::NodeDef& node = *index.nodes.at(parts[0]);
    Status s = OutputRangeForArg(node, *index.op_defs.at(parts[0]), parts[1],
                                 &start, &end);
    const char* last = parts[2].data() + parts[2].size();
    auto [ptr, ec] = std::from_chars(parts[2].data(), last, i);
    if (s.ok() && ec == std::errc() && ptr == last && i >= 0 &&
        start + i < end) {
      return start + i == 0 ? parts[0] : StrCat(parts[0], ":", start + i);
    }
  } else if (parts.size() == 2 && index.nodes.count(parts[0]) != 0) {
    return input;  // already flat (GraphDef style)
  }
  return errors::InvalidArgument("Function '", fname, "': input '", input,
                                 "' names no argument or node output");
}

}  // namespace

std::vector<std::string> DataInputs(const tensorflow::NodeDef& node) {
  std::vector<std::string> out;
  for (const std::string& in : node.input()) {
    if (in.empty() || in[0] != '^') out.push_back(in);
  }
  return out;
}

std::vector<std::string> ControlInputs(const tensorflow::NodeDef& node) {
  std::vector<std::string> out;
  for (const std::string& in : node.input()) {
    if (!in.empty() && in[0] == '^') out.push_back(in);
  }
  return out;
}

std::string SignatureString(const std::string& name,
                            const std::vector<DataType>& args,
                            const std::vector<DataType>& rets) {
  auto list = [](const std::vector<DataType>& types) {
    std::vector<std::string> names;
    for (DataType t : types) names.push_back(DataTypeString(t));
    return StrJoin(names, ", ");
  };
  return StrCat(name, "(", list(args), ") -> (", list(rets), ")");
}

Status SignatureTypes(const tensorflow::OpDef& signature, const AttrMap& attrs,
                      std::vector<DataType>* arg_types,
                      std::vector<DataType>* ret_types) {
  arg_types->clear();
  ret_types->clear();
  for (const auto& arg : signature.input_arg()) {
    TFP_ASSIGN_OR_RETURN(DataType t, ArgType(signature, arg, attrs));
    arg_types->push_back(t);
  }
  for (const auto& arg : signature.output_arg()) {
    TFP_ASSIGN_OR_RETURN(DataType t, ArgType(signature, arg, attrs));
    ret_types->push_back(t);
  }
  return OkStatus();
}

CallTarget GetCallTarget(const tensorflow::NodeDef& node,
                         const FunctionLibraryDefinition& lib) {
  CallTarget target;
  if (IsCallOp(node.op())) {
    auto it = node.attr().find("f");
    if (it == node.attr().end()) return target;
    target.name = it->second.func().name();
    target.attrs = AttrMap(it->second.func().attr().begin(),
                           it->second.func().attr().end());
  } else if (lib.Contains(node.op())) {
    target.name = node.op();
    target.attrs = AttrMap(node.attr().begin(), node.attr().end());
  }
  return target;
}

StatusOr<InstantiationResult> InstantiateFunction(
    const tensorflow::FunctionDef& fdef, const AttrMap& attrs,
    const FunctionLibraryDefinition& lib) {
  const tensorflow::OpDef& sig = fdef.signature();
  const std::string& fname = sig.name();
  InstantiationResult result;
  TFP_RETURN_IF_ERROR(
      SignatureTypes(sig, attrs, &result.arg_types, &result.ret_types));
  BodyIndex index;
  for (const auto& arg : sig.input_arg()) {
    result.arg_names.push_back(arg.name());
    index.args.insert(arg.name());
  }
  result.nodes.assign(fdef.node_def().begin(), fdef.node_def().end());
  for (tensorflow::NodeDef& node : result.nodes) {
    TFP_RETURN_IF_ERROR(SubstitutePlaceholders(fname, attrs, &node));
    auto op_def = lib.LookUpOpDef(node.op());
    if (!op_def.ok()) {
      return errors::InvalidArgument("Function '", fname, "': node '",
                                     node.name(),
                                     "': ", op_def.status().message());
    }
    AddDefaultsToNodeDef(**op_def, &node);
    if (index.args.count(node.name()) != 0 ||
        !index.nodes.emplace(node.name(), &node).second) {
      return errors::InvalidArgument("Function '", fname,
                                     "': duplicate node or argument name '",
                                     node.name(), "'");
    }
    index.op_defs[node.name()] = *op_def;
  }
  for (tensorflow::NodeDef& node : result.nodes) {
    for (std::string& in : *node.mutable_input()) {
      TFP_ASSIGN_OR_RETURN(in, RewriteInput(fname, index, in));
    }
  }
  for (const auto& arg : sig.output_arg()) {
    auto it = fdef.ret().find(arg.name());
    if (it == fdef.ret().end()) {
      return errors::InvalidArgument("Function '", fname, "': output '",
                                     arg.name(), "' has no ret entry");
    }
    TFP_ASSIGN_OR_RETURN(std::string ret,
                         RewriteInput(fname, index, it->second));
    result.rets.push_back(std::move(ret));
  }
  for (const std::string& name : sig.control_output()) {
    auto it = fdef.control_ret().find(name);
    const std::string& node =
        it == fdef.control_ret().end() ? name : it->second;
    if (index.nodes.count(node) == 0) {
      return errors::InvalidArgument("Function '", fname, "': control output '",
                                     name, "' names no node of the body");
    }
    result.control_rets.push_back(node);
  }
  return result;
}

}  // namespace tfpersist
