// OpDefs of the nn family: BiasAdd, activations, Softmax/LogSoftmax,
// Conv2D, DepthwiseConv2dNative, MaxPool, AvgPool, FusedBatchNorm{,V2,V3}
// and LRN.
//
// Each registration equals TensorFlow's current one (core/ops/nn_ops.cc;
// the last entry of ops_history_v2/<Op>.pbtxt), written with the same
// REGISTER_OP spec strings so OpDefBuilder yields the same OpDef.
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

// TF's shared attr strings (util/padding.h, util/tensor_format.h).
constexpr std::string_view kPaddingWithExplicit =
    "padding: {'SAME', 'VALID', 'EXPLICIT'}";
constexpr std::string_view kPadding = "padding: {'SAME', 'VALID'}";
constexpr std::string_view kExplicitPaddings =
    "explicit_paddings: list(int) = []";
constexpr std::string_view kDataFormat =
    "data_format: {'NHWC', 'NCHW'} = 'NHWC'";
constexpr std::string_view kDataFormat2D3D =
    "data_format: {'NHWC', 'NCHW', 'NDHWC', 'NCDHW'} = 'NHWC'";
constexpr std::string_view kFloatTypes = "T: {half, bfloat16, float, double}";

// ---- Shape functions (TF's, over PartialTensorShape). ----

// Positions of the batch, height, width and channel dims of a 4-D tensor.
struct Layout {
  int n, h, w, c;
};
Layout LayoutOf(const tensorflow::NodeDef& node) {
  auto format = GetStringAttr(node, "data_format");
  if (format.ok() && (*format == "NCHW" || *format == "NCHW_VECT_C")) {
    return {0, 2, 3, 1};
  }
  return {0, 1, 2, 3};
}

// The windowed output size along one dim (ops-core.md section 4); -1 when
// `in` is unknown.
StatusOr<int64_t> WindowedSize(int64_t in, int64_t k, int64_t stride,
                               int64_t dilation, const std::string& padding,
                               int64_t pad_before, int64_t pad_after) {
  if (stride <= 0) {
    return errors::InvalidArgument("Stride must be > 0, but got ", stride);
  }
  if (dilation < 1) {
    return errors::InvalidArgument("Dilation rate must be >= 1, but got ",
                                   dilation);
  }
  if (in < 0 || k < 0) return int64_t{-1};
  const int64_t ke = (k - 1) * dilation + 1;
  int64_t out;
  if (padding == "SAME") {
    out = (in + stride - 1) / stride;
  } else if (padding == "EXPLICIT") {
    out = (in + pad_before + pad_after - ke + stride) / stride;
  } else {
    out = (in - ke + stride) / stride;
  }
  if (out < 0) {
    return errors::InvalidArgument(
        "Computed output size would be negative: ", out, " [input_size: ", in,
        ", effective_filter_size: ", ke, ", stride: ", stride, "]");
  }
  return out;
}

// Output [N, H', W', C'] of a conv or pool in the node's layout, given the
// window (k_h, k_w) and the output depth.
Status SetWindowedOutput(InferenceContext* c, const PartialTensorShape& in,
                         int64_t k_h, int64_t k_w, int64_t out_depth,
                         bool has_dilations) {
  const tensorflow::NodeDef& node = c->node_def();
  const Layout l = LayoutOf(node);
  TFP_ASSIGN_OR_RETURN(auto strides, GetIntListAttr(node, "strides"));
  std::vector<int64_t> dilations = {1, 1, 1, 1};
  if (has_dilations) {
    TFP_ASSIGN_OR_RETURN(dilations, GetIntListAttr(node, "dilations"));
  }
  if (strides.size() != 4 || dilations.size() != 4) {
    return errors::InvalidArgument(
        "Sliding window strides and dilations must have 4 elements");
  }
  TFP_ASSIGN_OR_RETURN(std::string padding, GetStringAttr(node, "padding"));
  std::vector<int64_t> pads(8, 0);
  if (padding == "EXPLICIT") {
    TFP_ASSIGN_OR_RETURN(pads, GetIntListAttr(node, "explicit_paddings"));
    if (pads.size() != 8) {
      return errors::InvalidArgument(
          "explicit_paddings must have 8 elements, got ", pads.size());
    }
  }
  TFP_ASSIGN_OR_RETURN(
      int64_t h,
      WindowedSize(in.dim_size(l.h), k_h, strides[l.h], dilations[l.h], padding,
                   pads[2 * l.h], pads[2 * l.h + 1]));
  TFP_ASSIGN_OR_RETURN(
      int64_t w,
      WindowedSize(in.dim_size(l.w), k_w, strides[l.w], dilations[l.w], padding,
                   pads[2 * l.w], pads[2 * l.w + 1]));
  std::vector<int64_t> out(4);
  out[l.n] = in.dim_size(l.n);
  out[l.h] = h;
  out[l.w] = w;
  out[l.c] = out_depth;
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// Conv2D (depthwise = false) and DepthwiseConv2dNative; filter is HWIO.
Status ConvShape(InferenceContext* c, bool depthwise) {
  PartialTensorShape in, filter;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 4, &in));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 4, &filter));
  const int64_t in_depth = in.dim_size(LayoutOf(c->node_def()).c);
  const int64_t f_in = filter.dim_size(2), f_out = filter.dim_size(3);
  int64_t out_depth = f_out;
  if (depthwise) {
    int64_t unused;
    TFP_RETURN_IF_ERROR(InferenceContext::MergeDim(in_depth, f_in, &unused));
    out_depth = (f_in < 0 || f_out < 0) ? -1 : f_in * f_out;
  } else if (in_depth >= 0 && f_in > 0 && in_depth % f_in != 0) {
    return errors::InvalidArgument("Depth of input (", in_depth,
                                   ") is not a multiple of input depth of "
                                   "filter (",
                                   f_in, ")");
  }
  return SetWindowedOutput(c, in, filter.dim_size(0), filter.dim_size(1),
                           out_depth, /*has_dilations=*/true);
}
Status Conv2DShape(InferenceContext* c) { return ConvShape(c, false); }
Status DepthwiseConv2DShape(InferenceContext* c) { return ConvShape(c, true); }

// MaxPool / AvgPool: window from ksize, depth unchanged.
Status PoolShape(InferenceContext* c) {
  PartialTensorShape in;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 4, &in));
  TFP_ASSIGN_OR_RETURN(auto ksize, GetIntListAttr(c->node_def(), "ksize"));
  if (ksize.size() != 4) {
    return errors::InvalidArgument("ksize must have 4 elements");
  }
  const Layout l = LayoutOf(c->node_def());
  if (ksize[l.n] != 1 || ksize[l.c] != 1) {
    return errors::Unimplemented(
        "Pooling is not yet supported on the batch nor depth dimension.");
  }
  return SetWindowedOutput(c, in, ksize[l.h], ksize[l.w], in.dim_size(l.c),
                           /*has_dilations=*/false);
}

// BiasAdd: the value's shape; bias is [C] along the channel dim.
Status BiasAddShape(InferenceContext* c) {
  const PartialTensorShape& value = c->input(0);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(value, 2));
  PartialTensorShape bias;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &bias));
  if (value.unknown_rank()) {
    c->set_output(0, value);
    return OkStatus();
  }
  const bool nchw = LayoutOf(c->node_def()).c == 1;
  const int channel = nchw ? 1 : value.dims() - 1;
  std::vector<int64_t> out = value.dim_sizes();
  TFP_RETURN_IF_ERROR(InferenceContext::MergeDim(out[channel], bias.dim_size(0),
                                                 &out[channel]));
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// Softmax / LogSoftmax: rank >= 1, shape unchanged.
Status SoftmaxShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(0), 1));
  c->set_output(0, c->input(0));
  return OkStatus();
}

// FusedBatchNorm*: y like x (rank 4), statistics [C].
Status FusedBatchNormShape(InferenceContext* c) {
  PartialTensorShape x;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(0), 4));
  x = c->input(0);
  int64_t depth = -1;
  if (!x.unknown_rank()) {
    depth = x.dim_size(LayoutOf(c->node_def()).c == 1 ? 1 : x.dims() - 1);
  }
  for (int i = 1; i < 5; ++i) {
    PartialTensorShape v;
    TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(i), 1, &v));
  }
  c->set_output(0, x);
  for (int i = 1; i < 5; ++i) c->set_output(i, PartialTensorShape({depth}));
  if (c->num_outputs() > 5) c->set_output(5, PartialTensorShape());
  return OkStatus();
}

// A malformed OpDef is a bug in this file: abort naming the op.
void Add(OpRegistry* registry, OpDefBuilder& b) {
  MustRegister(b.Finalize(registry));
}
void Add(OpRegistry* registry, OpDefBuilder&& b) { Add(registry, b); }

// features: T -> activations: T.
OpDefBuilder Activation(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("features: T")
      .Output("activations: T")
      .Attr(types)
      .SetShapeFn(UnchangedShape);
  return b;
}

// FusedBatchNormV2/V3: x, y of type T; statistics of type U.
OpDefBuilder FusedBatchNormU(std::string name, std::string_view u_types,
                             std::string_view data_format, bool v3) {
  OpDefBuilder b(std::move(name));
  b.Input("x: T")
      .Input("scale: U")
      .Input("offset: U")
      .Input("mean: U")
      .Input("variance: U")
      .Output("y: T")
      .Output("batch_mean: U")
      .Output("batch_variance: U")
      .Output("reserve_space_1: U")
      .Output("reserve_space_2: U");
  if (v3) b.Output("reserve_space_3: U");
  b.Attr("T: {half, bfloat16, float}")
      .Attr(u_types)
      .Attr("epsilon: float = 0.0001")
      .Attr("exponential_avg_factor: float = 1.0")
      .Attr(data_format)
      .Attr("is_training: bool = true")
      .SetShapeFn(FusedBatchNormShape);
  return b;
}

void RegisterActivationOps(OpRegistry* r) {
  Add(r, OpDefBuilder("BiasAdd")
             .Attr("T: numbertype")
             .Input("value: T")
             .Input("bias: T")
             .Attr(kDataFormat)
             .Output("output: T")
             .SetShapeFn(BiasAddShape));
  Add(r, Activation("Relu", "T: {realnumbertype, qint8}"));
  Add(r, Activation("Relu6", "T: realnumbertype"));
  Add(r, Activation("Elu", kFloatTypes));
  Add(r, OpDefBuilder("LeakyRelu")
             .Input("features: T")
             .Output("activations: T")
             .Attr("alpha: float = 0.2")
             .Attr("T: {half, bfloat16, float, double} = DT_FLOAT")
             .SetShapeFn(UnchangedShape));
  Add(r, Activation("Softplus", kFloatTypes));
  Add(r, OpDefBuilder("Softmax")
             .Input("logits: T")
             .Output("softmax: T")
             .Attr(kFloatTypes)
             .SetShapeFn(SoftmaxShape));
  Add(r, OpDefBuilder("LogSoftmax")
             .Input("logits: T")
             .Output("logsoftmax: T")
             .Attr(kFloatTypes)
             .SetShapeFn(SoftmaxShape));
  Add(r, OpDefBuilder("LRN")
             .Input("input: T")
             .Output("output: T")
             .Attr("depth_radius: int = 5")
             .Attr("bias: float = 1.0")
             .Attr("alpha: float = 1.0")
             .Attr("beta: float = 0.5")
             .Attr("T: {half, bfloat16, float} = DT_FLOAT")
             .SetShapeFn(UnchangedShape));
}

void RegisterConvAndPoolOps(OpRegistry* r) {
  Add(r, OpDefBuilder("Conv2D")
             .Input("input: T")
             .Input("filter: T")
             .Output("output: T")
             .Attr("T: {half, bfloat16, float, double, int32}")
             .Attr("strides: list(int)")
             .Attr("use_cudnn_on_gpu: bool = true")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr(kDataFormat)
             .Attr("dilations: list(int) = [1, 1, 1, 1]")
             .SetShapeFn(Conv2DShape));
  Add(r, OpDefBuilder("DepthwiseConv2dNative")
             .Input("input: T")
             .Input("filter: T")
             .Output("output: T")
             .Attr(kFloatTypes)
             .Attr("strides: list(int)")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr(kDataFormat)
             .Attr("dilations: list(int) = [1, 1, 1, 1]")
             .SetShapeFn(DepthwiseConv2DShape));
  Add(r, OpDefBuilder("MaxPool")
             .Attr("T: {half, bfloat16, float, double, int32, int64, uint8, "
                   "int16, int8, uint16, qint8} = DT_FLOAT")
             .Attr("ksize: list(int) >= 4")
             .Attr("strides: list(int) >= 4")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
             .Input("input: T")
             .Output("output: T")
             .SetShapeFn(PoolShape));
  Add(r, OpDefBuilder("AvgPool")
             .Input("value: T")
             .Output("output: T")
             .Attr("ksize: list(int) >= 4")
             .Attr("strides: list(int) >= 4")
             .Attr(kPadding)
             .Attr(kDataFormat)
             .Attr(kFloatTypes)
             .SetShapeFn(PoolShape));
}

void RegisterBatchNormOps(OpRegistry* r) {
  Add(r, OpDefBuilder("FusedBatchNorm")
             .Input("x: T")
             .Input("scale: T")
             .Input("offset: T")
             .Input("mean: T")
             .Input("variance: T")
             .Output("y: T")
             .Output("batch_mean: T")
             .Output("batch_variance: T")
             .Output("reserve_space_1: T")
             .Output("reserve_space_2: T")
             .Attr("T: {float}")
             .Attr("epsilon: float = 0.0001")
             .Attr("exponential_avg_factor: float = 1.0")
             .Attr(kDataFormat)
             .Attr("is_training: bool = true")
             .SetShapeFn(FusedBatchNormShape));
  Add(r, FusedBatchNormU("FusedBatchNormV2", "U: {float}", kDataFormat,
                         /*v3=*/false));
  Add(r, FusedBatchNormU("FusedBatchNormV3", "U: {bfloat16, float}",
                         kDataFormat2D3D, /*v3=*/true));
}

}  // namespace

// Grappler's fused contractions (remapper), created by tfpersist's session
// optimizer; the args are the bias when fused_ops starts with "BiasAdd".
void RegisterFusedContractionOps(OpRegistry* r) {
  Add(r, OpDefBuilder("_FusedConv2D")
             .Input("input: T")
             .Input("filter: T")
             .Input("args: num_args * T")
             .Output("output: T")
             .Attr("T: {half, float, double}")
             .Attr("num_args: int >= 0")
             .Attr("strides: list(int)")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr(kDataFormat)
             .Attr("dilations: list(int) = [1, 1, 1, 1]")
             .Attr("use_cudnn_on_gpu: bool = true")
             .Attr("fused_ops: list(string) = []")
             .Attr("epsilon: float = 0.0001")
             .Attr("leakyrelu_alpha: float = 0.2")
             .SetShapeFn(Conv2DShape));
  Add(r, OpDefBuilder("_FusedDepthwiseConv2dNative")
             .Input("input: T")
             .Input("filter: T")
             .Input("args: num_args * T")
             .Output("output: T")
             .Attr("T: {half, bfloat16, float, double}")
             .Attr("num_args: int >= 0")
             .Attr("strides: list(int)")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr(kDataFormat)
             .Attr("dilations: list(int) = [1, 1, 1, 1]")
             .Attr("fused_ops: list(string) = []")
             .Attr("epsilon: float = 0.0001")
             .Attr("leakyrelu_alpha: float = 0.2")
             .SetShapeFn(DepthwiseConv2DShape));
  Add(r, OpDefBuilder("_FusedMatMul")
             .Input("a: T")
             .Input("b: T")
             .Input("args: num_args * T")
             .Output("product: T")
             .Attr("transpose_a: bool = false")
             .Attr("transpose_b: bool = false")
             .Attr("T: {bfloat16, half, float}")
             .Attr("num_args: int >= 0")
             .Attr("fused_ops: list(string) = []")
             .Attr("epsilon: float = 0.0001")
             .Attr("leakyrelu_alpha: float = 0.2")
             .SetShapeFn(MatMulShape));
}

void RegisterNnOps(OpRegistry* registry) {
  RegisterFusedContractionOps(registry);
  RegisterActivationOps(registry);
  RegisterConvAndPoolOps(registry);
  RegisterBatchNormOps(registry);
}

}  // namespace tfpersist
