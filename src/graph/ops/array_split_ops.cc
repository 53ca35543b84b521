// Array ops that split, deduplicate, broadcast, reverse or rotate a tensor:
// Split, SplitV, Unique, UniqueV2, BroadcastTo, ReverseV2, Roll. OpDefs as
// TF's core/ops/array_ops.cc (newest ops_history_v2 entry); shape functions
// follow TF's, keeping what is known when a value input is not constant.
#include <string>
#include <vector>

#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"
#include "graph/shape_inference.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

PartialTensorShape UnknownOfRank(int rank) {
  return rank < 0 ? PartialTensorShape()
                  : PartialTensorShape(std::vector<int64_t>(rank, -1));
}

// The split axis (input `axis_input`, may be negative) against `rank`;
// nullopt when not constant or the rank is unknown.
StatusOr<std::optional<int64_t>> SplitAxis(InferenceContext* c, int axis_input,
                                           int rank) {
  TFP_ASSIGN_OR_RETURN(auto axis, c->GetScalarInput(axis_input));
  if (!axis.has_value() || rank < 0) return std::optional<int64_t>();
  if (*axis < -rank || *axis >= rank) {
    return errors::InvalidArgument("Dimension size, given by scalar input ",
                                   axis_input, ", must be in range [", -rank,
                                   ", ", rank, ")");
  }
  return std::optional<int64_t>(*axis < 0 ? *axis + rank : *axis);
}

Status SplitShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(1);
  TFP_ASSIGN_OR_RETURN(auto axis, SplitAxis(c, 0, in.dims()));
  PartialTensorShape out = UnknownOfRank(in.dims());
  if (axis.has_value()) {
    std::vector<int64_t> dims = in.dim_sizes();
    const int64_t n = c->num_outputs();
    if (dims[*axis] >= 0) {
      if (dims[*axis] % n != 0) {
        return errors::InvalidArgument(
            "Number of ways to split should evenly divide the split "
            "dimension, but got split_dim ",
            *axis, " (size = ", dims[*axis], ") and num_split ", n);
      }
      dims[*axis] /= n;
    }
    out = PartialTensorShape(dims);
  }
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, out);
  return OkStatus();
}

Status SplitVShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  const int n = c->num_outputs();
  if (in.dims() == 0) return errors::InvalidArgument("Can't split scalars");
  TFP_ASSIGN_OR_RETURN(auto axis, SplitAxis(c, 2, in.dims()));
  TFP_ASSIGN_OR_RETURN(auto sizes, c->GetIntVectorInput(1));
  if (!axis.has_value() || !sizes.has_value()) {
    for (int i = 0; i < n; ++i) c->set_output(i, UnknownOfRank(in.dims()));
    return OkStatus();
  }
  if (static_cast<int>(sizes->size()) != n) {
    return errors::InvalidArgument(
        "Length of size_splits should be equal to num_outputs");
  }
  int64_t total = 0;
  bool has_neg_one = false;
  for (int64_t s : *sizes) {
    if (s == -1) {
      if (has_neg_one) {
        return errors::InvalidArgument("size_splits can only have one -1");
      }
      has_neg_one = true;
    } else {
      total += s;
    }
  }
  const int64_t dim = in.dim_size(*axis);
  if (dim >= 0 && (has_neg_one ? total > dim : total != dim)) {
    return errors::InvalidArgument("can't split axis of size ", dim,
                                   " into pieces of size [",
                                   StrJoin(*sizes, ","), "]");
  }
  for (int i = 0; i < n; ++i) {
    std::vector<int64_t> dims = in.dim_sizes();
    dims[*axis] = (*sizes)[i] == -1 && dim >= 0 ? dim - total : (*sizes)[i];
    c->set_output(i, PartialTensorShape(dims));
  }
  return OkStatus();
}

// y: unknown-length vector; idx: the shape of x.
Status UniqueShape(InferenceContext* c) {
  c->set_output(0, PartialTensorShape({-1}));
  c->set_output(1, c->input(0));
  if (c->node_def().op() == "Unique") {
    PartialTensorShape unused;
    return InferenceContext::WithRank(c->input(0), 1, &unused);
  }
  return OkStatus();
}

Status BroadcastToShape(InferenceContext* c) {
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  const PartialTensorShape& in = c->input(0);
  if (out.unknown_rank() || in.unknown_rank()) {
    c->set_output(0, out);
    return OkStatus();
  }
  const auto bad = [&] {
    return errors::InvalidArgument("Cannot broadcast a tensor with shape ",
                                   in.DebugString(), " shape ",
                                   out.DebugString());
  };
  if (out.dims() < in.dims()) return bad();
  const int offset = out.dims() - in.dims();
  for (int i = offset; i < out.dims(); ++i) {
    const int64_t o = out.dim_size(i), d = in.dim_size(i - offset);
    if (o >= 0 && d > 0 && o % d != 0) return bad();
  }
  c->set_output(0, out);
  return OkStatus();
}

Status ReverseV2Shape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &unused));
  if (in.dims() > 8) {
    return errors::InvalidArgument(
        "reverse does not work on tensors with more than 8 dimensions");
  }
  TFP_ASSIGN_OR_RETURN(auto axes, c->GetIntVectorInput(1));
  if (axes.has_value() && !in.unknown_rank()) {
    const int rank = in.dims();
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < axes->size(); ++i) {
      const int64_t a = (*axes)[i] < 0 ? (*axes)[i] + rank : (*axes)[i];
      if (a < 0 || a >= rank) {
        return errors::InvalidArgument("'axis'[", i, "] = ", (*axes)[i],
                                       " is out of valid range [0, ", rank - 1);
      }
      if (seen[a]) {
        return errors::InvalidArgument("axis ", a,
                                       " specified more than once.");
      }
      seen[a] = true;
    }
  }
  c->set_output(0, in);
  return OkStatus();
}

Status RollShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(0), 1));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtMost(c->input(1), 1));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtMost(c->input(2), 1));
  const PartialTensorShape& shift = c->input(1);
  const PartialTensorShape& axis = c->input(2);
  if (shift.dims() == 1 && axis.dims() == 1 && shift.dim_size(0) >= 0 &&
      axis.dim_size(0) >= 0 && shift.dim_size(0) != axis.dim_size(0)) {
    return errors::InvalidArgument(
        "shift and axis must have the same size, got ", shift.dim_size(0),
        " and ", axis.dim_size(0));
  }
  if (shift.dims() == 0 && axis.dims() == 1 && axis.dim_size(0) >= 0 &&
      axis.dim_size(0) != 1) {
    return errors::InvalidArgument("shift and axis must have the same size");
  }
  c->set_output(0, c->input(0));
  return OkStatus();
}

}  // namespace

// One registration statement per op (a table, longer than a function should
// be).
void RegisterArraySplitOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("Split")
                   .Input("split_dim: int32")
                   .Input("value: T")
                   .Output("output: num_split * T")
                   .Attr("num_split: int >= 1")
                   .Attr("T: type")
                   .SetShapeFn(SplitShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("SplitV")
                   .Input("value: T")
                   .Input("size_splits: Tlen")
                   .Input("split_dim: int32")
                   .Output("output: num_split * T")
                   .Attr("num_split: int >= 1")
                   .Attr("T: type")
                   .Attr("Tlen: {int8, int32, int64} = DT_INT64")
                   .SetShapeFn(SplitVShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Unique")
                   .Input("x: T")
                   .Output("y: T")
                   .Output("idx: out_idx")
                   .Attr("T: type")
                   .Attr("out_idx: {int32, int64} = DT_INT32")
                   .SetShapeFn(UniqueShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("UniqueV2")
                   .Input("x: T")
                   .Input("axis: Taxis")
                   .Output("y: T")
                   .Output("idx: out_idx")
                   .Attr("T: type")
                   .Attr("Taxis: {int32, int64} = DT_INT64")
                   .Attr("out_idx: {int32, int64} = DT_INT32")
                   .SetShapeFn(UniqueShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("BroadcastTo")
                   .Input("input: T")
                   .Input("shape: Tidx")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tidx: {int32, int64} = DT_INT32")
                   .SetShapeFn(BroadcastToShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ReverseV2")
                   .Input("tensor: T")
                   .Input("axis: Tidx")
                   .Output("output: T")
                   .Attr("Tidx: {int32, int64} = DT_INT32")
                   .Attr("T: {uint8, int8, uint16, int16, int32, uint32, "
                         "int64, uint64, bool, bfloat16, half, float, double, "
                         "complex64, complex128, string}")
                   .SetShapeFn(ReverseV2Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Roll")
                   .Input("input: T")
                   .Input("shift: Tshift")
                   .Input("axis: Taxis")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tshift: {int32, int64}")
                   .Attr("Taxis: {int32, int64}")
                   .SetShapeFn(RollShape)
                   .Finalize(r));
}

}  // namespace tfpersist
