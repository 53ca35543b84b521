// Graph-building functions mirroring TF1 Python: each builds the nodes
// Python builds, with Python's default names (op functions: the op type;
// operators: "add", "sub", "mul", "truediv"). The emulated TF version is in
// tf_version.h (TF 1.15: `+` is AddV2).
//
//   Graph graph;
//   GraphBuilder b(&graph);
//   RefVariable v1 = Variable(b, Tensor::FromVector<float>({1}), "v1");
//   RefVariable v2 = Variable(b, Tensor::FromVector<float>({2}), "v2");
//   Output sum = Add(b, v1.value(), v2.value());       // "add"
//   Node* init = GlobalVariablesInitializer(b);        // "init"
//   TFP_RETURN_IF_ERROR(b.status());
//
// Every function returns a null Output / nullptr when the builder's status
// is (or becomes) an error; see GraphBuilder for the sticky-status contract.
#ifndef TFPERSIST_GRAPH_OPS_H_
#define TFPERSIST_GRAPH_OPS_H_

#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/core/tensor.h"
#include "tfpersist/graph/builder.h"

namespace tfpersist {

// The generic form the others use: GraphBuilder::AddNode, returning output 0
// (a null Output for ops without outputs; use b.AddNode for the Node*).
Output AddOp(GraphBuilder& b, std::string_view op_type, std::string_view name,
             const std::vector<OpInput>& inputs, const AttrList& attrs = {});

// tf.constant(value): Const with value encoded as Python's
// make_tensor_proto does.
Output Constant(GraphBuilder& b, const Tensor& value,
                std::string_view name = "Const");
// tf.placeholder(dtype, shape); the default shape is unknown rank.
Output Placeholder(GraphBuilder& b, DataType dtype,
                   const PartialTensorShape& shape = PartialTensorShape(),
                   std::string_view name = "Placeholder");
Output PlaceholderWithDefault(GraphBuilder& b, Output input,
                              const PartialTensorShape& shape,
                              std::string_view name = "PlaceholderWithDefault");
Output Identity(GraphBuilder& b, Output input,
                std::string_view name = "Identity");
Node* NoOp(GraphBuilder& b, std::string_view name = "NoOp");
// tf.group(*deps): a NoOp with control inputs on deps.
Node* Group(GraphBuilder& b, const std::vector<Node*>& deps,
            std::string_view name = "group_deps");

// Python operators.
Output Add(GraphBuilder& b, Output x, Output y, std::string_view name = "add");
Output Sub(GraphBuilder& b, Output x, Output y, std::string_view name = "sub");
Output Mul(GraphBuilder& b, Output x, Output y, std::string_view name = "mul");
Output RealDiv(GraphBuilder& b, Output x, Output y,
               std::string_view name = "truediv");
Output MatMul(GraphBuilder& b, Output a, Output b_in, bool transpose_a = false,
              bool transpose_b = false, std::string_view name = "MatMul");

// Array ops (Python's default names).
Output Reshape(GraphBuilder& b, Output tensor, Output shape,
               std::string_view name = "Reshape");
Output Shape(GraphBuilder& b, Output input, DataType out_type = DT_INT32,
             std::string_view name = "Shape");
Output Size(GraphBuilder& b, Output input, DataType out_type = DT_INT32,
            std::string_view name = "Size");
Output Rank(GraphBuilder& b, Output input, std::string_view name = "Rank");
Output Fill(GraphBuilder& b, Output dims, Output value,
            std::string_view name = "Fill");
Output ZerosLike(GraphBuilder& b, Output x,
                 std::string_view name = "zeros_like");
Output ExpandDims(GraphBuilder& b, Output input, Output axis,
                  std::string_view name = "ExpandDims");
Output Squeeze(GraphBuilder& b, Output input,
               const std::vector<int64_t>& axis = {},
               std::string_view name = "Squeeze");
// tf.stack / tf.concat / tf.transpose.
Output Stack(GraphBuilder& b, const std::vector<Output>& values,
             int64_t axis = 0, std::string_view name = "stack");
Output Concat(GraphBuilder& b, const std::vector<Output>& values, Output axis,
              std::string_view name = "concat");
Output Transpose(GraphBuilder& b, Output x, Output perm,
                 std::string_view name = "transpose");
Output StopGradient(GraphBuilder& b, Output input,
                    std::string_view name = "StopGradient");

// State ops (tf.assign & co., op-level defaults).
Output Assign(GraphBuilder& b, Output ref, Output value,
              bool validate_shape = true, bool use_locking = true,
              std::string_view name = "Assign");
Output AssignAdd(GraphBuilder& b, Output ref, Output value,
                 std::string_view name = "AssignAdd");
Output AssignSub(GraphBuilder& b, Output ref, Output value,
                 std::string_view name = "AssignSub");

// tf.Variable(initial_value, name=name, trainable=trainable): under name
// scope `name` (uniquified) builds `v/initial_value` (Const, when given a
// value), `v` (VariableV2 with the initial value's static shape), `v/Assign`
// (use_locking, validate_shape, colocated with v) and `v/read` (Identity,
// colocated with v). Created outside any control dependencies (init_scope).
RefVariable Variable(GraphBuilder& b, const Tensor& initial_value,
                     std::string_view name = "Variable", bool trainable = true);
RefVariable Variable(GraphBuilder& b, Output initial_value,
                     std::string_view name = "Variable", bool trainable = true);
// Variables made by Variable() on this builder, in creation order
// (tf.global_variables()).
const std::vector<RefVariable>& GlobalVariables(const GraphBuilder& b);
// tf.global_variables_initializer(): NoOp "init" with control inputs on
// every variable's initializer.
Node* GlobalVariablesInitializer(GraphBuilder& b,
                                 std::string_view name = "init");

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OPS_H_
