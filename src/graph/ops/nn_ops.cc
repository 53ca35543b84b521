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

#include "graph/op_registry.h"
#include "tfpersist/base/logging.h"

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

// A malformed OpDef is a bug in this file: abort naming the op.
void Add(OpRegistry* registry, OpDefBuilder& b) {
  Status s = b.Finalize(registry);
  TFP_CHECK(s.ok()) << s;
}
void Add(OpRegistry* registry, OpDefBuilder&& b) { Add(registry, b); }

// features: T -> activations: T.
OpDefBuilder Activation(std::string name, std::string_view types) {
  OpDefBuilder b(std::move(name));
  b.Input("features: T").Output("activations: T").Attr(types);
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
      .Attr("is_training: bool = true");
  return b;
}

void RegisterActivationOps(OpRegistry* r) {
  Add(r, OpDefBuilder("BiasAdd")
             .Attr("T: numbertype")
             .Input("value: T")
             .Input("bias: T")
             .Attr(kDataFormat)
             .Output("output: T"));
  Add(r, Activation("Relu", "T: {realnumbertype, qint8}"));
  Add(r, Activation("Relu6", "T: realnumbertype"));
  Add(r, Activation("Elu", kFloatTypes));
  Add(r, OpDefBuilder("LeakyRelu")
             .Input("features: T")
             .Output("activations: T")
             .Attr("alpha: float = 0.2")
             .Attr("T: {half, bfloat16, float, double} = DT_FLOAT"));
  Add(r, Activation("Softplus", kFloatTypes));
  Add(r, OpDefBuilder("Softmax")
             .Input("logits: T")
             .Output("softmax: T")
             .Attr(kFloatTypes));
  Add(r, OpDefBuilder("LogSoftmax")
             .Input("logits: T")
             .Output("logsoftmax: T")
             .Attr(kFloatTypes));
  Add(r, OpDefBuilder("LRN")
             .Input("input: T")
             .Output("output: T")
             .Attr("depth_radius: int = 5")
             .Attr("bias: float = 1.0")
             .Attr("alpha: float = 1.0")
             .Attr("beta: float = 0.5")
             .Attr("T: {half, bfloat16, float} = DT_FLOAT"));
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
             .Attr("dilations: list(int) = [1, 1, 1, 1]"));
  Add(r, OpDefBuilder("DepthwiseConv2dNative")
             .Input("input: T")
             .Input("filter: T")
             .Output("output: T")
             .Attr(kFloatTypes)
             .Attr("strides: list(int)")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr(kDataFormat)
             .Attr("dilations: list(int) = [1, 1, 1, 1]"));
  Add(r, OpDefBuilder("MaxPool")
             .Attr("T: {half, bfloat16, float, double, int32, int64, uint8, "
                   "int16, int8, uint16, qint8} = DT_FLOAT")
             .Attr("ksize: list(int) >= 4")
             .Attr("strides: list(int) >= 4")
             .Attr(kPaddingWithExplicit)
             .Attr(kExplicitPaddings)
             .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
             .Input("input: T")
             .Output("output: T"));
  Add(r, OpDefBuilder("AvgPool")
             .Input("value: T")
             .Output("output: T")
             .Attr("ksize: list(int) >= 4")
             .Attr("strides: list(int) >= 4")
             .Attr(kPadding)
             .Attr(kDataFormat)
             .Attr(kFloatTypes));
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
             .Attr("is_training: bool = true"));
  Add(r, FusedBatchNormU("FusedBatchNormV2", "U: {float}", kDataFormat,
                         /*v3=*/false));
  Add(r, FusedBatchNormU("FusedBatchNormV3", "U: {bfloat16, float}",
                         kDataFormat2D3D, /*v3=*/true));
}

}  // namespace

void RegisterNnOps(OpRegistry* registry) {
  RegisterActivationOps(registry);
  RegisterConvAndPoolOps(registry);
  RegisterBatchNormOps(registry);
}

}  // namespace tfpersist
