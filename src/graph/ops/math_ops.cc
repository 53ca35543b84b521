// OpDefs of the math family: element-wise unary/binary ops, comparisons,
// logical ops, Select, Cast, MatMul, reductions, ArgMax/ArgMin and the
// random ops used by initializers.
//
// Each registration equals TensorFlow's current one (core/ops/math_ops.cc,
// core/ops/random_ops.cc; the last entry of ops_history_v2/<Op>.pbtxt):
// the same argument names, attr order, defaults and allowed types, written
// with the same REGISTER_OP spec strings so OpDefBuilder yields the same
// OpDef. One visible line per op, grouped as TF groups them.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// TF's type lists for the cwise macros of math_ops.cc, in TF's order.
constexpr std::string_view kUnaryTypes =
    "T: {bfloat16, half, float, double, int8, int16, int32, int64, "
    "complex64, complex128}";
constexpr std::string_view kUnaryUnsignedTypes =
    "T: {bfloat16, half, float, double, int8, int16, int32, int64, "
    "uint8, uint16, uint32, uint64, complex64, complex128}";
constexpr std::string_view kUnaryComplexTypes =
    "T: {bfloat16, half, float, double, complex64, complex128}";
constexpr std::string_view kUnaryRealTypes =
    "T: {bfloat16, half, float, double}";
constexpr std::string_view kBinaryMoreTypes =
    "T: {bfloat16, half, float, double, uint8, int8, uint16, int16, int32, "
    "uint32, uint64, int64, complex64, complex128}";
constexpr std::string_view kBinaryFewerTypes =
    "T: {bfloat16, half, float, double, int32, int64, complex64, "
    "complex128}";
constexpr std::string_view kMinMaxTypes =
    "T: {bfloat16, half, float, double, int8, uint8, int16, uint16, "
    "int32, uint32, int64, uint64}";

// ---- Shape functions (TF's, over PartialTensorShape). ----

// Every input has the same shape (AddN).
Status MergeAllInputsShape(InferenceContext* c) {
  PartialTensorShape cur = c->input(c->num_inputs() - 1);
  for (int i = c->num_inputs() - 2; i >= 0; --i) {
    TFP_RETURN_IF_ERROR_CTX(InferenceContext::Merge(c->input(i), cur, &cur),
                            "From merging shape ", i, " with other shapes.");
  }
  c->set_output(0, cur);
  return OkStatus();
}

// Select: t and e agree; a scalar condition picks whole tensors, a vector
// condition picks rows (dim 0), otherwise it matches t's shape.
Status SelectShape(InferenceContext* c) {
  PartialTensorShape data;
  TFP_RETURN_IF_ERROR(InferenceContext::Merge(c->input(1), c->input(2), &data));
  const PartialTensorShape& cond = c->input(0);
  if (cond.unknown_rank() || data.unknown_rank() || cond.dims() == 0) {
    c->set_output(0, data);
    return OkStatus();
  }
  PartialTensorShape unused;
  if (cond.dims() == 1 && data.dims() > 0) {
    TFP_RETURN_IF_ERROR(InferenceContext::Merge(
        cond, PartialTensorShape({data.dim_size(0)}), &unused));
  } else {
    TFP_RETURN_IF_ERROR(InferenceContext::Merge(data, cond, &data));
  }
  c->set_output(0, data);
  return OkStatus();
}

// SelectV2: broadcast(condition, broadcast(t, e)).
Status SelectV2Shape(InferenceContext* c) {
  PartialTensorShape te, out;
  TFP_RETURN_IF_ERROR(BroadcastShapes(c->input(1), c->input(2), &te));
  TFP_RETURN_IF_ERROR(BroadcastShapes(c->input(0), te, &out));
  c->set_output(0, out);
  return OkStatus();
}

// BatchMatMulV2: broadcast batch dims, then [rows, cols].
Status BatchMatMulV2Shape(InferenceContext* c) {
  const PartialTensorShape& x = c->input(0);
  const PartialTensorShape& y = c->input(1);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(x, 2));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(y, 2));
  if (x.unknown_rank() || y.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(bool adj_x, GetBoolAttr(c->node_def(), "adj_x"));
  TFP_ASSIGN_OR_RETURN(bool adj_y, GetBoolAttr(c->node_def(), "adj_y"));
  const int xr = x.dims(), yr = y.dims();
  int64_t unused;
  TFP_RETURN_IF_ERROR(
      InferenceContext::MergeDim(x.dim_size(adj_x ? xr - 2 : xr - 1),
                                 y.dim_size(adj_y ? yr - 1 : yr - 2), &unused));
  std::vector<int64_t> xb(x.dim_sizes().begin(), x.dim_sizes().end() - 2);
  std::vector<int64_t> yb(y.dim_sizes().begin(), y.dim_sizes().end() - 2);
  PartialTensorShape batch;
  TFP_RETURN_IF_ERROR(
      BroadcastShapes(PartialTensorShape(xb), PartialTensorShape(yb), &batch));
  std::vector<int64_t> out = batch.dim_sizes();
  out.push_back(x.dim_size(adj_x ? xr - 1 : xr - 2));
  out.push_back(y.dim_size(adj_y ? yr - 2 : yr - 1));
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// Sum, Mean, ...: reduced dims removed (or kept as 1 with keep_dims).
Status ReductionShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(bool keep_dims, GetBoolAttr(c->node_def(), "keep_dims"));
  const PartialTensorShape& in = c->input(0);
  TFP_ASSIGN_OR_RETURN(auto axes, c->GetIntVectorInput(1));
  if (!axes.has_value()) {
    TFP_ASSIGN_OR_RETURN(auto axis, c->GetScalarInput(1));
    if (axis.has_value()) axes = std::vector<int64_t>{*axis};
  }
  if (in.unknown_rank() || !axes.has_value()) {
    c->set_output(0, keep_dims && !in.unknown_rank()
                         ? PartialTensorShape(std::vector<int64_t>(
                               static_cast<size_t>(in.dims()), -1))
                         : PartialTensorShape());
    return OkStatus();
  }
  const int rank = in.dims();
  std::vector<bool> reduce(static_cast<size_t>(rank), false);
  for (int64_t a : *axes) {
    if (a < -rank || a >= rank) {
      return errors::InvalidArgument("Invalid reduction dimension ", a,
                                     " for input with ", rank, " dimensions.");
    }
    reduce[a < 0 ? a + rank : a] = true;
  }
  std::vector<int64_t> out;
  for (int i = 0; i < rank; ++i) {
    if (!reduce[i]) {
      out.push_back(in.dim_size(i));
    } else if (keep_dims) {
      out.push_back(1);
    }
  }
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// ArgMax / ArgMin: the input shape without `dimension`.
Status ArgOpShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  const PartialTensorShape& in = c->input(0);
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int rank = in.dims();
  if (rank <= 1) {
    c->set_output(0, PartialTensorShape({}));
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(auto dim, c->GetScalarInput(1));
  std::vector<int64_t> out;
  if (!dim.has_value()) {
    out.assign(static_cast<size_t>(rank - 1), -1);
  } else {
    const int64_t axis = *dim < 0 ? *dim + rank : *dim;
    if (axis < 0 || axis >= rank) {
      return errors::InvalidArgument(
          "Dimension (", *dim, ") must be in the range [", -rank, ", ", rank,
          "), where ", rank, " is the number of dimensions in the input.");
    }
    for (int i = 0; i < rank; ++i) {
      if (i != axis) out.push_back(in.dim_size(i));
    }
  }
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// Random ops: the shape given by the 1-D `shape` input.
Status RandomShape(InferenceContext* c) {
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
  c->set_output(0, out);
  return OkStatus();
}

// Finalizes `b` into `registry`; a malformed OpDef is a bug in this file,
// so it aborts naming the op (caught by every test that builds the
// registry).
void Add(OpRegistry* registry, OpDefBuilder& b) {
  MustRegister(b.Finalize(registry));
}
void Add(OpRegistry* registry, OpDefBuilder&& b) { Add(registry, b); }

// x: T -> y: T.
OpDefBuilder Unary(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Output("y: T").Attr(types).SetShapeFn(UnchangedShape);
  return b;
}

// x: T, y: T -> z: T (NumPy broadcasting).
OpDefBuilder Binary(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Input("y: T").Output("z: T").Attr(types).SetShapeFn(
      BroadcastBinaryOpShape);
  return b;
}

// x: T, y: T -> z: bool, ordered comparison over realnumbertype.
OpDefBuilder Comparison(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T")
      .Input("y: T")
      .Output("z: bool")
      .Attr("T: realnumbertype")
      .SetShapeFn(BroadcastBinaryOpShape);
  return b;
}

// Equal / NotEqual: any type, optional broadcasting-error attr.
OpDefBuilder EqualityComparison(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T")
      .Input("y: T")
      .Output("z: bool")
      .SetIsCommutative()
      .Attr("T: type")
      .Attr("incompatible_shape_error: bool = true")
      .SetShapeFn(BroadcastBinaryOpShape);
  return b;
}

OpDefBuilder BinaryLogical(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: bool")
      .Input("y: bool")
      .Output("z: bool")
      .SetIsCommutative()
      .SetShapeFn(BroadcastBinaryOpShape);
  return b;
}

OpDefBuilder Select(std::string name, ShapeFn shape_fn) {
  OpDefBuilder b(std::move(name));
  b.Input("condition: bool")
      .Input("t: T")
      .Input("e: T")
      .Output("output: T")
      .Attr("T: type")
      .SetShapeFn(std::move(shape_fn));
  return b;
}

// Sum, Mean, Prod (types = numbertype) and Max, Min.
OpDefBuilder Reduction(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("input: T")
      .Input("reduction_indices: Tidx")
      .Output("output: T")
      .Attr("keep_dims: bool = false")
      .Attr(types)
      .Attr("Tidx: {int32, int64} = DT_INT32")
      .SetShapeFn(ReductionShape);
  return b;
}

OpDefBuilder ArgOp(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("input: T")
      .Input("dimension: Tidx")
      .Output("output: output_type")
      .Attr("T: {numbertype, bool}")
      .Attr("Tidx: {int16, int32, int64} = DT_INT32")
      .Attr("output_type: {int16, uint16, int32, int64} = DT_INT64")
      .SetShapeFn(ArgOpShape);
  return b;
}

// RandomUniform, RandomStandardNormal, TruncatedNormal (random_ops.cc).
OpDefBuilder RandomOp(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("shape: T")
      .SetIsStateful()
      .Output("output: dtype")
      .Attr("seed: int = 0")
      .Attr("seed2: int = 0")
      .Attr("dtype: {half, bfloat16, float, double}")
      .Attr("T: {int32, int64}")
      .SetShapeFn(RandomShape);
  return b;
}

void RegisterCwiseOps(OpRegistry* r) {
  Add(r, Binary("Add",
                "T: {bfloat16, half, float, double, uint8, int8, "
                "int16, int32, int64, complex64, complex128, "
                "string}"));
  Add(r, Binary("AddV2",
                "T: {bfloat16, half, float, double, uint8, uint16, "
                "uint32, uint64, int8, int16, int32, int64, "
                "complex64, complex128}")
             .SetIsAggregate()
             .SetIsCommutative());
  Add(r, Binary("Sub",
                "T: {bfloat16, half, float, double, uint8, int8, "
                "uint16, int16, int32, int64, complex64, complex128, "
                "uint32, uint64}"));
  Add(r, Binary("Mul", kBinaryMoreTypes).SetIsCommutative());
  Add(r, Binary("Div", kBinaryMoreTypes));
  Add(r, Binary("FloorDiv", kBinaryMoreTypes));
  Add(r, Binary("RealDiv", kBinaryMoreTypes));
  Add(r, Binary("SquaredDifference", kBinaryFewerTypes).SetIsCommutative());
  Add(r, Binary("Maximum", kMinMaxTypes));
  Add(r, Binary("Minimum", kMinMaxTypes));
  Add(r, Binary("FloorMod",
                "T: {int8, int16, int32, int64, uint8, uint16, "
                "uint32, uint64, bfloat16, half, float, double}"));
  Add(r, Binary("Pow",
                "T: {bfloat16, float, half, double, int8, int16, "
                "int32, int64, complex64, complex128}"));
  Add(r, OpDefBuilder("AddN")
             .Input("inputs: N * T")
             .Output("sum: T")
             .Attr("N: int >= 1")
             .Attr("T: {numbertype, variant}")
             .SetIsCommutative()
             .SetIsAggregate()
             .SetShapeFn(MergeAllInputsShape));

  Add(r, Unary("Abs",
               "T: {bfloat16, half, float, double, int8, int16, "
               "int32, int64}"));
  Add(r, Unary("Neg", kUnaryTypes));
  Add(r, Unary("Reciprocal", kUnaryTypes));
  Add(r, Unary("Square", kUnaryUnsignedTypes));
  Add(r, Unary("Sqrt", kUnaryComplexTypes));
  Add(r, Unary("Rsqrt", kUnaryComplexTypes));
  Add(r, Unary("Round", kUnaryTypes));
  Add(r, Unary("Exp", kUnaryComplexTypes));
  Add(r, Unary("Log", kUnaryComplexTypes));
  Add(r, Unary("Tanh", kUnaryComplexTypes));
  Add(r, Unary("Sigmoid", kUnaryComplexTypes));
  Add(r, Unary("Sign",
               "T: {bfloat16, half, float, double, int8, int16, "
               "int32, int64, complex64, complex128}"));
  Add(r, Unary("Floor", kUnaryRealTypes));
  Add(r, Unary("Ceil", kUnaryRealTypes));
}

void RegisterLogicalOps(OpRegistry* r) {
  Add(r, Comparison("Less"));
  Add(r, Comparison("LessEqual"));
  Add(r, Comparison("Greater"));
  Add(r, Comparison("GreaterEqual"));
  Add(r, EqualityComparison("Equal"));
  Add(r, EqualityComparison("NotEqual"));
  Add(r, OpDefBuilder("LogicalNot")
             .Input("x: bool")
             .Output("y: bool")
             .SetShapeFn(UnchangedShape));
  Add(r, BinaryLogical("LogicalAnd"));
  Add(r, BinaryLogical("LogicalOr"));
  Add(r, Select("Select", SelectShape));
  Add(r, Select("SelectV2", SelectV2Shape));
}

void RegisterMatrixAndReductionOps(OpRegistry* r) {
  Add(r, OpDefBuilder("Cast")
             .Input("x: SrcT")
             .Output("y: DstT")
             .Attr("SrcT: type")
             .Attr("DstT: type")
             .Attr("Truncate: bool = false")
             .SetShapeFn(UnchangedShape));
  Add(r, OpDefBuilder("MatMul")
             .Input("a: T")
             .Input("b: T")
             .Output("product: T")
             .Attr("transpose_a: bool = false")
             .Attr("transpose_b: bool = false")
             .Attr("T: {bfloat16, half, float, double, int32, "
                   "int64, uint8, uint16, uint32, uint64, "
                   "complex64, complex128}")
             .Attr("grad_a: bool = false")
             .Attr("grad_b: bool = false")
             .SetShapeFn(MatMulShape));
  Add(r, OpDefBuilder("BatchMatMulV2")
             .Input("x: T")
             .Input("y: T")
             .Output("output: T")
             .Attr("T: {bfloat16, half, float, double, int16, "
                   "int32, int64, uint8, uint16, uint32, uint64, "
                   "complex64, complex128}")
             .Attr("adj_x: bool = false")
             .Attr("adj_y: bool = false")
             .Attr("grad_x: bool = false")
             .Attr("grad_y: bool = false")
             .SetShapeFn(BatchMatMulV2Shape));
  Add(r, Reduction("Sum", "T: numbertype"));
  Add(r, Reduction("Mean", "T: numbertype"));
  Add(r, Reduction("Prod", "T: numbertype"));
  Add(r, Reduction("Min", "T: {realnumbertype, quantizedtype}"));
  Add(r, Reduction("Max", "T: {realnumbertype, quantizedtype}"));
  Add(r, ArgOp("ArgMax"));
  Add(r, ArgOp("ArgMin"));
  Add(r, RandomOp("RandomUniform"));
  Add(r, RandomOp("RandomStandardNormal"));
  Add(r, RandomOp("TruncatedNormal"));
}

}  // namespace

void RegisterMathOps(OpRegistry* registry) {
  RegisterCwiseOps(registry);
  RegisterLogicalOps(registry);
  RegisterMatrixAndReductionOps(registry);
}

}  // namespace tfpersist
