// Op functions of tfpersist/graph/ops.h (TF1 Python's graph building).
#include <algorithm>

#include "graph/node_def_util.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/graph/tf_version.h"

namespace tfpersist {

Output AddOp(GraphBuilder& b, std::string_view op_type, std::string_view name,
             const std::vector<OpInput>& inputs, const AttrList& attrs) {
  return Output{b.AddNode(op_type, name, inputs, attrs), 0};
}

Output Constant(GraphBuilder& b, const Tensor& value, std::string_view name) {
  return AddOp(
      b, "Const", name, {},
      {{"value", MakeAttr(value)}, {"dtype", MakeAttr(value.dtype())}});
}

Output Placeholder(GraphBuilder& b, DataType dtype,
                   const PartialTensorShape& shape, std::string_view name) {
  return AddOp(b, "Placeholder", name, {},
               {{"dtype", MakeAttr(dtype)}, {"shape", MakeAttr(shape)}});
}

Output PlaceholderWithDefault(GraphBuilder& b, Output input,
                              const PartialTensorShape& shape,
                              std::string_view name) {
  return AddOp(b, "PlaceholderWithDefault", name, {input},
               {{"shape", MakeAttr(shape)}});
}

Output Identity(GraphBuilder& b, Output input, std::string_view name) {
  return AddOp(b, "Identity", name, {input});
}

Node* NoOp(GraphBuilder& b, std::string_view name) {
  return b.AddNode("NoOp", name, {}, {});
}

Node* Group(GraphBuilder& b, const std::vector<Node*>& deps,
            std::string_view name) {
  auto control = b.ControlDependencies(deps);
  return NoOp(b, name);
}

Output Add(GraphBuilder& b, Output x, Output y, std::string_view name) {
  const bool strings = BaseType(x.dtype()) == DT_STRING;
  return AddOp(b, strings ? "Add" : EmulatedTfVersion::kAddOp, name, {x, y});
}

Output Sub(GraphBuilder& b, Output x, Output y, std::string_view name) {
  return AddOp(b, "Sub", name, {x, y});
}

Output Mul(GraphBuilder& b, Output x, Output y, std::string_view name) {
  return AddOp(b, "Mul", name, {x, y});
}

Output RealDiv(GraphBuilder& b, Output x, Output y, std::string_view name) {
  return AddOp(b, "RealDiv", name, {x, y});
}

Output MatMul(GraphBuilder& b, Output a, Output b_in, bool transpose_a,
              bool transpose_b, std::string_view name) {
  return AddOp(b, "MatMul", name, {a, b_in},
               {{"transpose_a", MakeAttr(transpose_a)},
                {"transpose_b", MakeAttr(transpose_b)}});
}

Output Reshape(GraphBuilder& b, Output tensor, Output shape,
               std::string_view name) {
  return AddOp(b, "Reshape", name, {tensor, shape});
}

Output Shape(GraphBuilder& b, Output input, DataType out_type,
             std::string_view name) {
  return AddOp(b, "Shape", name, {input}, {{"out_type", MakeAttr(out_type)}});
}

Output Size(GraphBuilder& b, Output input, DataType out_type,
            std::string_view name) {
  return AddOp(b, "Size", name, {input}, {{"out_type", MakeAttr(out_type)}});
}

Output Rank(GraphBuilder& b, Output input, std::string_view name) {
  return AddOp(b, "Rank", name, {input});
}

Output Fill(GraphBuilder& b, Output dims, Output value, std::string_view name) {
  return AddOp(b, "Fill", name, {dims, value});
}

Output ZerosLike(GraphBuilder& b, Output x, std::string_view name) {
  return AddOp(b, "ZerosLike", name, {x});
}

Output ExpandDims(GraphBuilder& b, Output input, Output axis,
                  std::string_view name) {
  return AddOp(b, "ExpandDims", name, {input, axis});
}

Output Squeeze(GraphBuilder& b, Output input, const std::vector<int64_t>& axis,
               std::string_view name) {
  return AddOp(b, "Squeeze", name, {input}, {{"squeeze_dims", MakeAttr(axis)}});
}

Output Stack(GraphBuilder& b, const std::vector<Output>& values, int64_t axis,
             std::string_view name) {
  return AddOp(b, "Pack", name, {values}, {{"axis", MakeAttr(axis)}});
}

Output Concat(GraphBuilder& b, const std::vector<Output>& values, Output axis,
              std::string_view name) {
  return AddOp(b, "ConcatV2", name, {values, axis});
}

Output Transpose(GraphBuilder& b, Output x, Output perm,
                 std::string_view name) {
  return AddOp(b, "Transpose", name, {x, perm});
}

Output StopGradient(GraphBuilder& b, Output input, std::string_view name) {
  return AddOp(b, "StopGradient", name, {input});
}

Output Assign(GraphBuilder& b, Output ref, Output value, bool validate_shape,
              bool use_locking, std::string_view name) {
  return AddOp(b, "Assign", name, {ref, value},
               {{"validate_shape", MakeAttr(validate_shape)},
                {"use_locking", MakeAttr(use_locking)}});
}

Output AssignAdd(GraphBuilder& b, Output ref, Output value,
                 std::string_view name) {
  return AddOp(b, "AssignAdd", name, {ref, value});
}

Output AssignSub(GraphBuilder& b, Output ref, Output value,
                 std::string_view name) {
  return AddOp(b, "AssignSub", name, {ref, value});
}

}  // namespace tfpersist
