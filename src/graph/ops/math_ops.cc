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

#include "graph/op_registry.h"
#include "tfpersist/base/logging.h"

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

// Finalizes `b` into `registry`; a malformed OpDef is a bug in this file,
// so it aborts naming the op (caught by every test that builds the
// registry).
void Add(OpRegistry* registry, OpDefBuilder& b) {
  Status s = b.Finalize(registry);
  TFP_CHECK(s.ok()) << s;
}
void Add(OpRegistry* registry, OpDefBuilder&& b) { Add(registry, b); }

// x: T -> y: T.
OpDefBuilder Unary(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Output("y: T").Attr(types);
  return b;
}

// x: T, y: T -> z: T (NumPy broadcasting).
OpDefBuilder Binary(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Input("y: T").Output("z: T").Attr(types);
  return b;
}

// x: T, y: T -> z: bool, ordered comparison over realnumbertype.
OpDefBuilder Comparison(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Input("y: T").Output("z: bool").Attr("T: realnumbertype");
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
      .Attr("incompatible_shape_error: bool = true");
  return b;
}

OpDefBuilder BinaryLogical(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: bool").Input("y: bool").Output("z: bool").SetIsCommutative();
  return b;
}

OpDefBuilder Select(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("condition: bool")
      .Input("t: T")
      .Input("e: T")
      .Output("output: T")
      .Attr("T: type");
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
      .Attr("Tidx: {int32, int64} = DT_INT32");
  return b;
}

OpDefBuilder ArgOp(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("input: T")
      .Input("dimension: Tidx")
      .Output("output: output_type")
      .Attr("T: {numbertype, bool}")
      .Attr("Tidx: {int16, int32, int64} = DT_INT32")
      .Attr("output_type: {int16, uint16, int32, int64} = DT_INT64");
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
      .Attr("T: {int32, int64}");
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
             .SetIsAggregate());

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
  Add(r, OpDefBuilder("LogicalNot").Input("x: bool").Output("y: bool"));
  Add(r, BinaryLogical("LogicalAnd"));
  Add(r, BinaryLogical("LogicalOr"));
  Add(r, Select("Select"));
  Add(r, Select("SelectV2"));
}

void RegisterMatrixAndReductionOps(OpRegistry* r) {
  Add(r, OpDefBuilder("Cast")
             .Input("x: SrcT")
             .Output("y: DstT")
             .Attr("SrcT: type")
             .Attr("DstT: type")
             .Attr("Truncate: bool = false"));
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
             .Attr("grad_b: bool = false"));
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
             .Attr("grad_y: bool = false"));
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
