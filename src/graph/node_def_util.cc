#include "graph/node_def_util.h"

#include "core/tensor_proto.h"
#include "graph/op_def_util.h"

namespace tfpersist {
namespace {

using tensorflow::AttrValue;
using tensorflow::NodeDef;
using tensorflow::OpDef;

// The attr `name` of `node` checked to hold `type`.
StatusOr<const AttrValue*> FindTyped(const NodeDef& node, std::string_view name,
                                     std::string_view type) {
  auto it = node.attr().find(std::string(name));
  if (it == node.attr().end()) {
    return errors::NotFound("No attr named '", name, "' in NodeDef '",
                            node.name(), "' (op ", node.op(), ")");
  }
  const AttrValue& value = it->second;
  const std::string actual = AttrValueTypeName(value);
  const bool list_ok = type.starts_with("list(") && actual == "list(any)";
  if (actual != type && !list_ok) {
    return errors::InvalidArgument("NodeDef '", node.name(), "' (op ",
                                   node.op(), "): attr '", name, "' has type '",
                                   actual, "', expected '", type, "'");
  }
  return &value;
}

std::string ArgSummary(const OpDef::ArgDef& arg) {
  std::string type =
      arg.type_attr().empty()
          ? (arg.type_list_attr().empty()
                 ? DataTypeString(static_cast<DataType>(arg.type()))
                 : arg.type_list_attr())
          : arg.type_attr();
  if (!arg.number_attr().empty()) type = StrCat(arg.number_attr(), "*", type);
  if (arg.is_ref()) type = StrCat("Ref(", type, ")");
  return StrCat(arg.name(), ":", type);
}

// "Op<name=Identity; signature=input:T -> output:T; attr=T:type>".
std::string SummarizeOpDef(const OpDef& op_def) {
  std::vector<std::string> ins, outs, attrs;
  for (const auto& a : op_def.input_arg()) ins.push_back(ArgSummary(a));
  for (const auto& a : op_def.output_arg()) outs.push_back(ArgSummary(a));
  for (const auto& a : op_def.attr()) {
    std::string s = StrCat(a.name(), ":", a.type());
    if (a.has_default_value()) {
      s += StrCat(",default=", SummarizeAttrValue(a.default_value()));
    }
    attrs.push_back(s);
  }
  return StrCat("Op<name=", op_def.name(), "; signature=", StrJoin(ins, ", "),
                " -> ", StrJoin(outs, ", "), "; attr=", StrJoin(attrs, "; "),
                ">");
}

std::string TypesString(const std::vector<DataType>& types) {
  std::vector<std::string> names;
  for (DataType t : types) names.push_back(DataTypeString(t));
  return StrJoin(names, ", ");
}

// Appends the runtime types of one arg.
Status AddArgTypes(const NodeDef& node, const OpDef::ArgDef& arg,
                   std::vector<DataType>* types) {
  if (!arg.type_list_attr().empty()) {
    TFP_ASSIGN_OR_RETURN(std::vector<DataType> list,
                         GetTypeListAttr(node, arg.type_list_attr()));
    for (DataType t : list) types->push_back(arg.is_ref() ? MakeRefType(t) : t);
    return OkStatus();
  }
  DataType dt = static_cast<DataType>(arg.type());
  if (!arg.type_attr().empty()) {
    TFP_ASSIGN_OR_RETURN(dt, GetTypeAttr(node, arg.type_attr()));
  }
  if (arg.is_ref()) dt = MakeRefType(dt);
  int64_t n = 1;
  if (!arg.number_attr().empty()) {
    TFP_ASSIGN_OR_RETURN(n, GetIntAttr(node, arg.number_attr()));
    if (n < 0 || n > (1 << 24)) {
      return errors::InvalidArgument(
          "Value for number_attr '", arg.number_attr(), "' of ", n,
          " is out of range in ", FormatNodeForError(node));
    }
  }
  types->insert(types->end(), static_cast<size_t>(n), dt);
  return OkStatus();
}

}  // namespace

StatusOr<std::string> GetStringAttr(const NodeDef& node,
                                    std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "string"));
  return v->s();
}
StatusOr<int64_t> GetIntAttr(const NodeDef& node, std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "int"));
  return static_cast<int64_t>(v->i());
}
StatusOr<float> GetFloatAttr(const NodeDef& node, std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "float"));
  return v->f();
}
StatusOr<bool> GetBoolAttr(const NodeDef& node, std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "bool"));
  return v->b();
}
StatusOr<DataType> GetTypeAttr(const NodeDef& node, std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "type"));
  if (!IsValidDataType(v->type())) {
    return errors::InvalidArgument("NodeDef '", node.name(), "' (op ",
                                   node.op(), "): attr '", name,
                                   "' has invalid DataType enum ", v->type());
  }
  return static_cast<DataType>(v->type());
}
StatusOr<PartialTensorShape> GetShapeAttr(const NodeDef& node,
                                          std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "shape"));
  auto shape = PartialTensorShapeFromProto(v->shape());
  if (!shape.ok()) {
    return shape.status().WithContext(
        StrCat("attr '", name, "' of ", FormatNodeForError(node)));
  }
  return shape;
}
StatusOr<Tensor> GetTensorAttr(const NodeDef& node, std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "tensor"));
  auto tensor = TensorFromProto(v->tensor());
  if (!tensor.ok()) {
    return tensor.status().WithContext(
        StrCat("attr '", name, "' of ", FormatNodeForError(node)));
  }
  return tensor;
}
StatusOr<std::vector<int64_t>> GetIntListAttr(const NodeDef& node,
                                              std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "list(int)"));
  return std::vector<int64_t>(v->list().i().begin(), v->list().i().end());
}
StatusOr<std::vector<DataType>> GetTypeListAttr(const NodeDef& node,
                                                std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v, FindTyped(node, name, "list(type)"));
  std::vector<DataType> types;
  for (int t : v->list().type()) {
    if (!IsValidDataType(t)) {
      return errors::InvalidArgument("NodeDef '", node.name(), "': attr '",
                                     name, "' has invalid DataType enum ", t);
    }
    types.push_back(static_cast<DataType>(t));
  }
  return types;
}
StatusOr<std::vector<std::string>> GetStringListAttr(const NodeDef& node,
                                                     std::string_view name) {
  TFP_ASSIGN_OR_RETURN(const AttrValue* v,
                       FindTyped(node, name, "list(string)"));
  return std::vector<std::string>(v->list().s().begin(), v->list().s().end());
}
bool HasAttr(const NodeDef& node, std::string_view name) {
  return node.attr().contains(std::string(name));
}

AttrValue MakeAttr(std::string_view s) {
  AttrValue v;
  v.set_s(std::string(s));
  return v;
}
AttrValue MakeAttr(const char* s) { return MakeAttr(std::string_view(s)); }
AttrValue MakeAttr(int64_t i) {
  AttrValue v;
  v.set_i(i);
  return v;
}
AttrValue MakeAttr(float f) {
  AttrValue v;
  v.set_f(f);
  return v;
}
AttrValue MakeAttr(bool b) {
  AttrValue v;
  v.set_b(b);
  return v;
}
AttrValue MakeAttr(DataType t) {
  AttrValue v;
  v.set_type(static_cast<tensorflow::DataType>(t));
  return v;
}
AttrValue MakeAttr(const PartialTensorShape& shape) {
  AttrValue v;
  TensorShapeToProto(shape, v.mutable_shape());
  return v;
}
AttrValue MakeAttr(const Tensor& value) {
  AttrValue v;
  TensorToProtoLikePython(value, v.mutable_tensor());
  return v;
}
AttrValue MakeAttr(const std::vector<int64_t>& ints) {
  AttrValue v;
  for (int64_t i : ints) v.mutable_list()->add_i(i);
  v.mutable_list();
  return v;
}
AttrValue MakeAttr(const std::vector<DataType>& types) {
  AttrValue v;
  v.mutable_list();
  for (DataType t : types) {
    v.mutable_list()->add_type(static_cast<tensorflow::DataType>(t));
  }
  return v;
}
AttrValue MakeAttr(const std::vector<std::string>& strings) {
  AttrValue v;
  v.mutable_list();
  for (const std::string& s : strings) v.mutable_list()->add_s(s);
  return v;
}

void AddDefaultsToNodeDef(const OpDef& op_def, NodeDef* node) {
  for (const auto& attr : op_def.attr()) {
    if (attr.has_default_value() && !node->attr().contains(attr.name())) {
      (*node->mutable_attr())[attr.name()] = attr.default_value();
    }
  }
}

Status InOutTypesForNode(const NodeDef& node, const OpDef& op_def,
                         std::vector<DataType>* inputs,
                         std::vector<DataType>* outputs) {
  for (const auto& arg : op_def.input_arg()) {
    TFP_RETURN_IF_ERROR(AddArgTypes(node, arg, inputs));
  }
  for (const auto& arg : op_def.output_arg()) {
    TFP_RETURN_IF_ERROR(AddArgTypes(node, arg, outputs));
  }
  return OkStatus();
}

Status OutputRangeForArg(const NodeDef& node, const OpDef& op_def,
                         std::string_view arg_name, int* start, int* end) {
  std::vector<DataType> types;
  for (const auto& arg : op_def.output_arg()) {
    const int before = static_cast<int>(types.size());
    TFP_RETURN_IF_ERROR(AddArgTypes(node, arg, &types));
    if (arg.name() == arg_name) {
      *start = before;
      *end = static_cast<int>(types.size());
      return OkStatus();
    }
  }
  return errors::InvalidArgument("Output arg '", arg_name, "' not found in ",
                                 FormatNodeForError(node));
}

std::string FormatNodeForError(const NodeDef& node) {
  return StrCat("Node '", node.name(), "' (op ", node.op(), ")");
}

namespace {

// Counts data inputs; INVALID_ARGUMENT if one follows a control input.
StatusOr<int> CountDataInputs(const NodeDef& node) {
  int num_inputs = 0;
  bool seen_control = false;
  for (const std::string& input : node.input()) {
    if (input.starts_with("^")) {
      seen_control = true;
    } else if (seen_control) {
      return errors::InvalidArgument(
          "Non-control input after control input in ", FormatNodeForError(node),
          ": '", input, "'");
    } else {
      ++num_inputs;
    }
  }
  return num_inputs;
}

}  // namespace

Status ValidateNodeDef(const NodeDef& node, const OpDef& op_def) {
  TFP_ASSIGN_OR_RETURN(const int num_inputs, CountDataInputs(node));
  for (const auto& [name, value] : node.attr()) {
    if (name.starts_with("_")) continue;  // internal attrs (_class, ...)
    const OpDef::AttrDef* attr = FindAttr(name, op_def);
    if (attr == nullptr) {
      return errors::InvalidArgument("NodeDef mentions attr '", name,
                                     "' not in ", SummarizeOpDef(op_def),
                                     "; NodeDef: ", FormatNodeForError(node));
    }
    TFP_RETURN_IF_ERROR_CTX(ValidateAttrValue(value, *attr),
                            FormatNodeForError(node));
  }
  for (const auto& attr : op_def.attr()) {
    if (!node.attr().contains(attr.name())) {
      return errors::InvalidArgument("NodeDef missing attr '", attr.name(),
                                     "' from ", SummarizeOpDef(op_def),
                                     "; NodeDef: ", FormatNodeForError(node));
    }
  }
  std::vector<DataType> in, out;
  TFP_RETURN_IF_ERROR(InOutTypesForNode(node, op_def, &in, &out));
  if (static_cast<int>(in.size()) != num_inputs) {
    return errors::InvalidArgument(
        "NodeDef expected inputs '", TypesString(in), "' do not match ",
        num_inputs, " inputs specified; ", SummarizeOpDef(op_def),
        "; NodeDef: ", FormatNodeForError(node));
  }
  return OkStatus();
}

}  // namespace tfpersist
