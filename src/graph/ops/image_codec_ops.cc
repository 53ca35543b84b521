// Image codec ops: DecodeJpeg, DecodePng, DecodeImage, EncodePng. OpDefs
// and shape functions as TF's core/ops/image_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// [?, ?, channels] (channels 0 = unknown) from a scalar string.
StatusOr<PartialTensorShape> DecodedShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 0, &unused));
  TFP_ASSIGN_OR_RETURN(int64_t channels, GetIntAttr(c->node_def(), "channels"));
  if (channels < 0) {
    return errors::InvalidArgument("channels must be non-negative, got ",
                                   channels);
  }
  return PartialTensorShape({-1, -1, channels == 0 ? -1 : channels});
}

Status DecodeImageShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape s, DecodedShape(c));
  c->set_output(0, s);
  return OkStatus();
}

// DecodeImage: with expand_animations a GIF is 4-D, so the rank is unknown.
Status DecodeImageV2Shape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape s, DecodedShape(c));
  TFP_ASSIGN_OR_RETURN(bool expand,
                       GetBoolAttr(c->node_def(), "expand_animations"));
  c->set_output(0, expand ? PartialTensorShape() : s);
  return OkStatus();
}

// EncodePng: images [..., h, w, c] -> strings [...].
Status BatchedEncodeImageShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(in, 3));
  if (in.unknown_rank()) return UnknownShape(c);
  std::vector<int64_t> dims(in.dim_sizes().begin(), in.dim_sizes().end() - 3);
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

// A table, one registration statement per op.
void RegisterImageCodecOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("DecodeImage")
                   .Input("contents: string")
                   .Attr("channels: int = 0")
                   .Attr("dtype: {uint8, uint16, float32} = DT_UINT8")
                   .Output("image: dtype")
                   .Attr("expand_animations: bool = true")
                   .SetShapeFn(DecodeImageV2Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DecodeJpeg")
                   .Input("contents: string")
                   .Attr("channels: int = 0")
                   .Attr("ratio: int = 1")
                   .Attr("fancy_upscaling: bool = true")
                   .Attr("try_recover_truncated: bool = false")
                   .Attr("acceptable_fraction: float = 1.0")
                   .Attr("dct_method: string = ''")
                   .Output("image: uint8")
                   .SetShapeFn(DecodeImageShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DecodePng")
                   .Input("contents: string")
                   .Attr("channels: int = 0")
                   .Attr("dtype: {uint8, uint16} = DT_UINT8")
                   .Output("image: dtype")
                   .SetShapeFn(DecodeImageShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("EncodePng")
                   .Attr("compression: int = -1")
                   .Attr("T: {uint8, uint16} = DT_UINT8")
                   .Input("image: T")
                   .Output("contents: string")
                   .SetShapeFn(BatchedEncodeImageShape)
                   .Finalize(r));
}

}  // namespace tfpersist
