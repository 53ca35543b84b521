// Padding and space/batch/depth rearrangements: Pad, PadV2, MirrorPad,
// SpaceToBatchND, BatchToSpaceND, DepthToSpace, SpaceToDepth. OpDefs as
// TF's core/ops/array_ops.cc (newest ops_history_v2 entry).
#include <optional>
#include <string>
#include <vector>

#include "graph/node_def_util.h"
#include "graph/ops/ops.h"
#include "graph/shape_inference.h"

namespace tfpersist {
namespace {

// The values of a constant [n, 2] int input, or nullopt.
StatusOr<std::optional<std::vector<int64_t>>> PairsInput(InferenceContext* c,
                                                         int i) {
  const Tensor* t = c->input_tensor(i);
  if (t == nullptr) return std::optional<std::vector<int64_t>>();
  if (t->dims() != 2 || t->dim_size(1) != 2) {
    return errors::InvalidArgument("Input ", i,
                                   " must be a matrix of shape [n, 2], got ",
                                   t->shape().DebugString());
  }
  std::vector<int64_t> v;
  if (t->dtype() == DT_INT32) {
    for (int32_t x : t->flat<int32_t>()) v.push_back(x);
  } else {
    for (int64_t x : t->flat<int64_t>()) v.push_back(x);
  }
  return std::optional<std::vector<int64_t>>(std::move(v));
}

// Pad, PadV2, MirrorPad: paddings is [rank, 2]; out dim = in + before +
// after.
Status PadShape(InferenceContext* c) {
  PartialTensorShape paddings;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 2, &paddings));
  int64_t unused;
  TFP_RETURN_IF_ERROR(
      InferenceContext::MergeDim(paddings.dim_size(1), 2, &unused));
  PartialTensorShape in = c->input(0);
  if (paddings.dim_size(0) >= 0) {
    TFP_RETURN_IF_ERROR(InferenceContext::WithRank(
        in, static_cast<int>(paddings.dim_size(0)), &in));
  }
  TFP_ASSIGN_OR_RETURN(auto pads, PairsInput(c, 1));
  if (!pads.has_value() || in.unknown_rank()) {
    c->set_output(
        0, in.unknown_rank()
               ? PartialTensorShape()
               : PartialTensorShape(std::vector<int64_t>(in.dims(), -1)));
    return OkStatus();
  }
  std::vector<int64_t> dims(in.dims());
  for (int i = 0; i < in.dims(); ++i) {
    const int64_t before = (*pads)[2 * i], after = (*pads)[2 * i + 1];
    if (before < 0 || after < 0) {
      return errors::InvalidArgument("Paddings must be non-negative");
    }
    dims[i] = in.dim_size(i) < 0 ? -1 : in.dim_size(i) + before + after;
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

// SpaceToBatchND / BatchToSpaceND: the output shape when block_shape and
// paddings/crops are constant and the input rank is known.
Status SpaceBatchShape(InferenceContext* c, bool to_batch) {
  const PartialTensorShape& in = c->input(0);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(in, 2));
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &unused));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 2, &unused));
  TFP_ASSIGN_OR_RETURN(auto block, c->GetIntVectorInput(1));
  TFP_ASSIGN_OR_RETURN(auto pads, PairsInput(c, 2));
  if (!block.has_value() || !pads.has_value() || in.unknown_rank()) {
    c->set_output(
        0, in.unknown_rank()
               ? PartialTensorShape()
               : PartialTensorShape(std::vector<int64_t>(in.dims(), -1)));
    return OkStatus();
  }
  const size_t m = block->size();
  if (pads->size() != 2 * m || static_cast<int>(m) + 1 > in.dims()) {
    return errors::InvalidArgument(
        "block_shape and paddings/crops must describe the same number of "
        "spatial dimensions, at most rank(input) - 1");
  }
  std::vector<int64_t> dims = in.dim_sizes();
  int64_t prod = 1;
  for (size_t i = 0; i < m; ++i) {
    const int64_t b = (*block)[i], lo = (*pads)[2 * i], hi = (*pads)[2 * i + 1];
    if (b < 1) return errors::InvalidArgument("block_shape must be positive");
    if (lo < 0 || hi < 0) {
      return errors::InvalidArgument(to_batch ? "paddings" : "crops",
                                     " must be non-negative");
    }
    prod *= b;
    int64_t& d = dims[i + 1];
    if (d < 0) continue;
    if (to_batch) {
      if ((d + lo + hi) % b != 0) {
        return errors::InvalidArgument("padded_shape[", i, "]=", d + lo + hi,
                                       " is not divisible by block_shape[", i,
                                       "]=", b);
      }
      d = (d + lo + hi) / b;
    } else {
      d = d * b - lo - hi;
      if (d < 0) {
        return errors::InvalidArgument(
            "Negative output dimension size caused "
            "by crops");
      }
    }
  }
  if (dims[0] >= 0) {
    if (!to_batch && dims[0] % prod != 0) {
      return errors::InvalidArgument("Input batch dimension (", dims[0],
                                     ") is not divisible by product of block "
                                     "sizes (",
                                     prod, ")");
    }
    dims[0] = to_batch ? dims[0] * prod : dims[0] / prod;
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status SpaceToBatchNDShape(InferenceContext* c) {
  return SpaceBatchShape(c, true);
}
Status BatchToSpaceNDShape(InferenceContext* c) {
  return SpaceBatchShape(c, false);
}

// DepthToSpace / SpaceToDepth over NHWC or NCHW (NCHW_VECT_C: unknown).
Status DepthSpaceShape(InferenceContext* c, bool to_space) {
  TFP_ASSIGN_OR_RETURN(int64_t bs, GetIntAttr(c->node_def(), "block_size"));
  TFP_ASSIGN_OR_RETURN(std::string format,
                       GetStringAttr(c->node_def(), "data_format"));
  PartialTensorShape in;
  const int rank = format == "NCHW_VECT_C" ? 5 : 4;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), rank, &in));
  if (rank == 5) {
    c->set_output(0, PartialTensorShape({-1, -1, -1, -1, 4}));
    return OkStatus();
  }
  const bool nchw = format == "NCHW";
  const int hd = nchw ? 2 : 1, wd = nchw ? 3 : 2, cd = nchw ? 1 : 3;
  std::vector<int64_t> dims = in.dim_sizes();
  const auto scale = [&](int64_t& d, bool up) {
    if (d >= 0) d = up ? d * bs : d / bs;
  };
  if (to_space) {
    if (dims[cd] >= 0 && dims[cd] % (bs * bs) != 0) {
      return errors::InvalidArgument(
          "Dimension size must be evenly divisible by ", bs * bs, " but is ",
          dims[cd]);
    }
    scale(dims[hd], true);
    scale(dims[wd], true);
    if (dims[cd] >= 0) dims[cd] /= bs * bs;
  } else {
    for (int d : {hd, wd}) {
      if (dims[d] >= 0 && dims[d] % bs != 0) {
        return errors::InvalidArgument(
            "Dimension size must be evenly divisible by ", bs, " but is ",
            dims[d]);
      }
      scale(dims[d], false);
    }
    if (dims[cd] >= 0) dims[cd] *= bs * bs;
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status DepthToSpaceShape(InferenceContext* c) {
  return DepthSpaceShape(c, true);
}
Status SpaceToDepthShape(InferenceContext* c) {
  return DepthSpaceShape(c, false);
}

}  // namespace

// One registration statement per op (a table).
void RegisterArrayPadOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("Pad")
                   .Input("input: T")
                   .Input("paddings: Tpaddings")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tpaddings: {int32, int64} = DT_INT32")
                   .SetShapeFn(PadShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("PadV2")
                   .Input("input: T")
                   .Input("paddings: Tpaddings")
                   .Input("constant_values: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tpaddings: {int32, int64} = DT_INT32")
                   .SetShapeFn(PadShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MirrorPad")
                   .Input("input: T")
                   .Input("paddings: Tpaddings")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tpaddings: {int32, int64} = DT_INT32")
                   .Attr("mode: {'REFLECT', 'SYMMETRIC'}")
                   .SetShapeFn(PadShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("SpaceToBatchND")
                   .Input("input: T")
                   .Input("block_shape: Tblock_shape")
                   .Input("paddings: Tpaddings")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tblock_shape: {int32, int64} = DT_INT32")
                   .Attr("Tpaddings: {int32, int64} = DT_INT32")
                   .SetShapeFn(SpaceToBatchNDShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("BatchToSpaceND")
                   .Input("input: T")
                   .Input("block_shape: Tblock_shape")
                   .Input("crops: Tcrops")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tblock_shape: {int32, int64} = DT_INT32")
                   .Attr("Tcrops: {int32, int64} = DT_INT32")
                   .SetShapeFn(BatchToSpaceNDShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DepthToSpace")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("block_size: int >= 2")
                   .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = "
                         "'NHWC'")
                   .SetShapeFn(DepthToSpaceShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("SpaceToDepth")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("block_size: int >= 2")
                   .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = "
                         "'NHWC'")
                   .SetShapeFn(SpaceToDepthShape)
                   .Finalize(r));
}

}  // namespace tfpersist
