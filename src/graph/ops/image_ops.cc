// Image ops of inference graphs (segmentation / detection heads):
// ResizeBilinear, ResizeNearestNeighbor, CropAndResize and
// NonMaxSuppressionV2..V5. OpDefs and shape functions as TF's
// core/ops/image_ops.cc (the T lists are TF's strings, duplicates
// included: ResizeBilinear lists bfloat16 twice).
#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// [batch, size[0], size[1], channels] from the constant size input.
Status SizedImage(InferenceContext* c, int64_t batch, int size_input,
                  int64_t channels) {
  PartialTensorShape size;
  TFP_RETURN_IF_ERROR(
      InferenceContext::WithRank(c->input(size_input), 1, &size));
  int64_t unused;
  TFP_RETURN_IF_ERROR(InferenceContext::MergeDim(size.dim_size(0), 2, &unused));
  TFP_ASSIGN_OR_RETURN(auto hw, c->GetIntVectorInput(size_input));
  int64_t h = -1, w = -1;
  if (hw.has_value() && hw->size() == 2) {
    h = (*hw)[0];
    w = (*hw)[1];
  }
  c->set_output(0, PartialTensorShape({batch, h, w, channels}));
  return OkStatus();
}

Status ResizeShape(InferenceContext* c) {
  PartialTensorShape in;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 4, &in));
  return SizedImage(c, in.dim_size(0), 1, in.dim_size(3));
}

Status CropAndResizeShape(InferenceContext* c) {
  PartialTensorShape in, boxes, box_ind;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 4, &in));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 2, &boxes));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 1, &box_ind));
  int64_t n, unused;
  TFP_RETURN_IF_ERROR(
      InferenceContext::MergeDim(boxes.dim_size(0), box_ind.dim_size(0), &n));
  TFP_RETURN_IF_ERROR(
      InferenceContext::MergeDim(boxes.dim_size(1), 4, &unused));
  return SizedImage(c, n, 3, in.dim_size(3));
}

// boxes [n, 4], scores [n], then `scalars` rank-0 inputs; output 0 is a
// vector of unknown length (or max_output_size when padded).
Status NmsShape(InferenceContext* c, int scalars) {
  PartialTensorShape boxes, scores, unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &boxes));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &scores));
  for (int i = 2; i < 2 + scalars; ++i) {
    TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(i), 0, &unused));
  }
  int64_t n, four;
  TFP_RETURN_IF_ERROR(
      InferenceContext::MergeDim(boxes.dim_size(0), scores.dim_size(0), &n));
  TFP_RETURN_IF_ERROR(InferenceContext::MergeDim(boxes.dim_size(1), 4, &four));
  int64_t len = -1;
  auto pad = GetBoolAttr(c->node_def(), "pad_to_max_output_size");
  if (pad.ok() && *pad) {
    TFP_ASSIGN_OR_RETURN(std::optional<int64_t> max, c->GetScalarInput(2));
    if (max.has_value()) len = *max;
  }
  for (int i = 0; i < c->num_outputs(); ++i) {
    const bool last_is_count =
        c->num_outputs() > 1 && i == c->num_outputs() - 1;
    c->set_output(
        i, last_is_count ? PartialTensorShape({}) : PartialTensorShape({len}));
  }
  return OkStatus();
}

Status NmsV2Shape(InferenceContext* c) { return NmsShape(c, 2); }
Status NmsV3Shape(InferenceContext* c) { return NmsShape(c, 3); }
Status NmsV5Shape(InferenceContext* c) { return NmsShape(c, 4); }

constexpr char kNmsT[] = "T: {half, float} = DT_FLOAT";
constexpr char kNmsThreshold[] = "T_threshold: {half, float} = DT_FLOAT";

}  // namespace

// A table, one registration statement per op.
void RegisterImageOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("ResizeBilinear")
                   .Input("images: T")
                   .Input("size: int32")
                   .Output("resized_images: float")
                   .Attr("T: {int8, uint8, int16, uint16, int32, int64, "
                         "bfloat16, half, float, double, bfloat16}")
                   .Attr("align_corners: bool = false")
                   .Attr("half_pixel_centers: bool = false")
                   .SetShapeFn(ResizeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ResizeNearestNeighbor")
                   .Input("images: T")
                   .Input("size: int32")
                   .Output("resized_images: T")
                   .Attr("T: {int8, uint8, int16, uint16, int32, int64, half, "
                         "float,double, bfloat16}")
                   .Attr("align_corners: bool = false")
                   .Attr("half_pixel_centers: bool = false")
                   .SetShapeFn(ResizeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("CropAndResize")
                   .Input("image: T")
                   .Input("boxes: float")
                   .Input("box_ind: int32")
                   .Input("crop_size: int32")
                   .Output("crops: float")
                   .Attr("T: {uint8, uint16, int8, int16, int32, int64, half, "
                         "float, double}")
                   .Attr("method: {'bilinear', 'nearest'} = 'bilinear'")
                   .Attr("extrapolation_value: float = 0")
                   .SetShapeFn(CropAndResizeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("NonMaxSuppressionV2")
                   .Input("boxes: T")
                   .Input("scores: T")
                   .Input("max_output_size: int32")
                   .Input("iou_threshold: T_threshold")
                   .Output("selected_indices: int32")
                   .Attr(kNmsT)
                   .Attr(kNmsThreshold)
                   .SetShapeFn(NmsV2Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("NonMaxSuppressionV3")
                   .Input("boxes: T")
                   .Input("scores: T")
                   .Input("max_output_size: int32")
                   .Input("iou_threshold: T_threshold")
                   .Input("score_threshold: T_threshold")
                   .Output("selected_indices: int32")
                   .Attr(kNmsT)
                   .Attr(kNmsThreshold)
                   .SetShapeFn(NmsV3Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("NonMaxSuppressionV4")
                   .Input("boxes: T")
                   .Input("scores: T")
                   .Input("max_output_size: int32")
                   .Input("iou_threshold: T_threshold")
                   .Input("score_threshold: T_threshold")
                   .Output("selected_indices: int32")
                   .Output("valid_outputs: int32")
                   .Attr(kNmsT)
                   .Attr(kNmsThreshold)
                   .Attr("pad_to_max_output_size: bool = false")
                   .SetShapeFn(NmsV3Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("NonMaxSuppressionV5")
                   .Input("boxes: T")
                   .Input("scores: T")
                   .Input("max_output_size: int32")
                   .Input("iou_threshold: T")
                   .Input("score_threshold: T")
                   .Input("soft_nms_sigma: T")
                   .Output("selected_indices: int32")
                   .Output("selected_scores: T")
                   .Output("valid_outputs: int32")
                   .Attr(kNmsT)
                   .Attr("pad_to_max_output_size: bool = false")
                   .SetShapeFn(NmsV5Shape)
                   .Finalize(r));
}

}  // namespace tfpersist
