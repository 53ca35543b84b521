// Math ops beyond the basic arithmetic of math_ops.cc: special functions
// and float predicates (Erf, Erfc, IsNan, IsInf, IsFinite, trigonometry,
// Log1p, Expm1, Rint), Atan2, Xlogy, Xdivy, DivNoNan, ClipByValue, Any, All,
// scans (Cumsum, Cumprod), Bincount and Einsum. OpDefs as TF's
// core/ops/math_ops.cc and linalg_ops.cc (newest ops_history_v2 entry).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/common_shape_fns.h"
#include "graph/ops/einsum_shape.h"
#include "graph/ops/ops.h"
#include "graph/shape_inference.h"

namespace tfpersist {
namespace {

constexpr std::string_view kRealTypes = "T: {bfloat16, half, float, double}";
constexpr std::string_view kComplexTypes =
    "T: {bfloat16, half, float, double, complex64, complex128}";
constexpr std::string_view kXlogyTypes =
    "T: {half, bfloat16, float, double, complex64, complex128}";

void Add(OpRegistry* r, OpDefBuilder& b) { MustRegister(b.Finalize(r)); }
void Add(OpRegistry* r, OpDefBuilder&& b) { Add(r, b); }

OpDefBuilder Unary(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Output("y: T").Attr(types).SetShapeFn(UnchangedShape);
  return b;
}

OpDefBuilder Binary(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Input("y: T").Output("z: T").Attr(types).SetShapeFn(
      BroadcastBinaryOpShape);
  return b;
}

OpDefBuilder FloatPredicate(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T").Output("y: bool").Attr(kRealTypes).SetShapeFn(UnchangedShape);
  return b;
}

OpDefBuilder Scan(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T")
      .Input("axis: Tidx")
      .Attr("exclusive: bool = false")
      .Attr("reverse: bool = false")
      .Output("out: T")
      .Attr("T: numbertype")
      .Attr("Tidx: {int32, int64} = DT_INT32")
      .SetShapeFn(UnchangedShape);
  return b;
}

// Any / All: bool reductions with the Sum-family shape function.
Status BoolReductionShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(auto axes, c->GetIntVectorInput(1));
  if (!axes.has_value()) {
    TFP_ASSIGN_OR_RETURN(auto axis, c->GetScalarInput(1));
    if (axis.has_value()) axes = std::vector<int64_t>{*axis};
  }
  const PartialTensorShape& in = c->input(0);
  const auto& attrs = c->node_def().attr();
  const bool keep_dims =
      attrs.count("keep_dims") != 0 && attrs.at("keep_dims").b();
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

OpDefBuilder BoolReduction(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("input: bool")
      .Input("reduction_indices: Tidx")
      .Output("output: bool")
      .Attr("keep_dims: bool = false")
      .Attr("Tidx: {int32, int64} = DT_INT32")
      .SetShapeFn(BoolReductionShape);
  return b;
}

// Bincount: a vector of `size` bins.
Status BincountShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  TFP_ASSIGN_OR_RETURN(auto size, c->GetScalarInput(1));
  if (size.has_value() && *size < 0) {
    return errors::InvalidArgument("size (", *size, ") must be non-negative");
  }
  c->set_output(0, PartialTensorShape({size.has_value() ? *size : -1}));
  return OkStatus();
}

// ClipByValue: t's shape; the bounds are scalars or of t's shape.
Status ClipByValueShape(InferenceContext* c) {
  c->set_output(0, c->input(0));
  return OkStatus();
}

Status EinsumShapeFn(InferenceContext* c) {
  const auto& attrs = c->node_def().attr();
  auto it = attrs.find("equation");
  if (it == attrs.end()) {
    return errors::InvalidArgument("Einsum has no attr 'equation'");
  }
  std::vector<PartialTensorShape> inputs;
  for (int i = 0; i < c->num_inputs(); ++i) inputs.push_back(c->input(i));
  TFP_ASSIGN_OR_RETURN(PartialTensorShape out,
                       EinsumOutputShape(it->second.s(), inputs));
  c->set_output(0, out);
  return OkStatus();
}

void RegisterSpecialCwiseOps(OpRegistry* r) {
  Add(r, Unary("Erf", kRealTypes));
  Add(r, Unary("Erfc", kRealTypes));
  Add(r, Unary("Rint", kRealTypes));
  for (const char* name : {"Sin", "Cos", "Atan", "Sinh", "Cosh", "Asinh",
                           "Acosh", "Atanh", "Log1p", "Expm1"}) {
    Add(r, Unary(name, kComplexTypes));
  }
  Add(r, Unary("Tan",
               "T: {bfloat16, half, float, double, int8, int16, int32, "
               "int64, complex64, complex128}"));
  Add(r, FloatPredicate("IsNan"));
  Add(r, FloatPredicate("IsInf"));
  Add(r, FloatPredicate("IsFinite"));
  Add(r, OpDefBuilder("Atan2")
             .Input("y: T")
             .Input("x: T")
             .Output("z: T")
             .Attr(kRealTypes)
             .SetShapeFn(BroadcastBinaryOpShape));
  Add(r, Binary("Xlogy", kXlogyTypes));
  Add(r, Binary("Xdivy", kXlogyTypes));
  Add(r, Binary("DivNoNan",
                "T: {half, float, bfloat16, double, complex64, complex128}"));
  Add(r, OpDefBuilder("ClipByValue")
             .Input("t: T")
             .Input("clip_value_min: T")
             .Input("clip_value_max: T")
             .Output("output: T")
             .Attr("T: numbertype")
             .SetShapeFn(ClipByValueShape));
}

}  // namespace

void RegisterMathSpecialOps(OpRegistry* r) {
  RegisterSpecialCwiseOps(r);
  Add(r, BoolReduction("Any"));
  Add(r, BoolReduction("All"));
  Add(r, Scan("Cumsum"));
  Add(r, Scan("Cumprod"));
  Add(r, OpDefBuilder("Bincount")
             .Input("arr: int32")
             .Input("size: int32")
             .Input("weights: T")
             .Attr("T: {int32, int64, float, double}")
             .Output("bins: T")
             .SetShapeFn(BincountShape));
  Add(r, OpDefBuilder("Einsum")
             .Input("inputs: N * T")
             .Output("output: T")
             .Attr("equation: string")
             .Attr("N: int >= 1")
             .Attr("T: type")
             .SetShapeFn(EinsumShapeFn));
}

}  // namespace tfpersist
