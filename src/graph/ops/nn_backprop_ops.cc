// Convolution backprop ops that inference graphs use as layers:
// Conv2DBackpropInput (transposed convolution: conv2d_transpose, Keras
// Conv2DTranspose). OpDef and shape function as TF's core/ops/nn_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// The output is the shape in input_sizes (4 values, or the 2 spatial ones
// with batch and depth from out_backprop and filter).
Status Conv2DBackpropInputShape(InferenceContext* c) {
  PartialTensorShape sizes, filter, grad;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 1, &sizes));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 4, &filter));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 4, &grad));
  TFP_ASSIGN_OR_RETURN(auto values, c->GetIntVectorInput(0));
  auto format = GetStringAttr(c->node_def(), "data_format");
  const bool nchw = format.ok() && *format == "NCHW";
  const int h = nchw ? 2 : 1, w = nchw ? 3 : 2, ch = nchw ? 1 : 3;
  // As TF: a non-constant input_sizes gives four unknown dimensions.
  std::vector<int64_t> out(4, -1);
  if (values.has_value() && values->size() == 4) {
    out = *values;
  } else if (values.has_value() && values->size() == 2) {
    out[0] = grad.dim_size(0);
    out[ch] = filter.dim_size(2);
    out[h] = (*values)[0];
    out[w] = (*values)[1];
  } else if (values.has_value()) {
    return errors::InvalidArgument(
        "Conv2DBackpropInput requires input_sizes to contain 4 values or 2 "
        "values, but got: ",
        values->size());
  }
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

}  // namespace

void RegisterNnBackpropOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("Conv2DBackpropInput")
                   .Input("input_sizes: int32")
                   .Input("filter: T")
                   .Input("out_backprop: T")
                   .Output("output: T")
                   .Attr("T: {half, bfloat16, float, double, int32}")
                   .Attr("strides: list(int)")
                   .Attr("use_cudnn_on_gpu: bool = true")
                   .Attr("padding: {'SAME', 'VALID', 'EXPLICIT'}")
                   .Attr("explicit_paddings: list(int) = []")
                   .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
                   .Attr("dilations: list(int) = [1, 1, 1, 1]")
                   .SetShapeFn(Conv2DBackpropInputShape)
                   .Finalize(r));
}

}  // namespace tfpersist
