// Conv2DBackpropInput (transposed convolution, NHWC): the gradient of
// Conv2D with respect to its input, as inference graphs use it for
// upsampling (conv2d_transpose, Keras Conv2DTranspose):
//
//   output[b, iy, ix, ic] = sum over taps (oy, ox, fy, fx) with
//       iy = oy*sh - pad_top + fy*dh, ix = ox*sw - pad_left + fx*dw of
//       filter[fy, fx, ic, oc] * out_backprop[b, oy, ox, oc]
//
// (reference/conv_transpose.h). The geometry is the forward Conv2D's over
// input_sizes, so out_backprop must have the forward output's shape.
// Computed as GEMM (out_backprop rows x filter^T -> per-pixel patch
// columns) followed by col2im, in pixel chunks of bounded memory.
#include <algorithm>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/gemm.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/nn/window_attrs.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::ConvGeometry;
using BackpropTypes =
    DTypeList<DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32>;
constexpr int64_t kColBudget = int64_t{1} << 18;

// Adds the patch columns of pixels [p0, p1) into the image `out`.
template <typename T>
void Col2Im(const ConvGeometry& g, const T* cols, int64_t p0, int64_t p1,
            T* out) {
  const int64_t patch = g.filter_h * g.filter_w * g.in_c;
  for (int64_t p = p0; p < p1; ++p) {
    const int64_t b = p / (g.out_h * g.out_w);
    const int64_t oy = (p / g.out_w) % g.out_h, ox = p % g.out_w;
    const T* col = cols + (p - p0) * patch;
    reference::ForEachTap(
        g, oy, ox, [&](int64_t iy, int64_t ix, int64_t fy, int64_t fx) {
          T* dst = out + ((b * g.in_h + iy) * g.in_w + ix) * g.in_c;
          const T* src = col + (fy * g.filter_w + fx) * g.in_c;
          for (int64_t c = 0; c < g.in_c; ++c) {
            dst[c] = reference::FromCompute<T>(reference::ToCompute(dst[c]) +
                                               reference::ToCompute(src[c]));
          }
        });
  }
}

template <typename T>
void BackpropInput(const OpKernelContext* ctx, const ConvGeometry& g,
                   int64_t out_c, const T* filter, const T* grad, T* out) {
  const int64_t patch = g.filter_h * g.filter_w * g.in_c;
  const int64_t pixels = g.batch * g.out_h * g.out_w;
  const int64_t chunk =
      std::max<int64_t>(1, kColBudget / std::max<int64_t>(1, patch));
  std::fill(out, out + g.batch * g.in_h * g.in_w * g.in_c,
            reference::FromCompute<T>(0));
  std::vector<T> cols(std::min(chunk, pixels) * patch);
  for (int64_t p0 = 0; p0 < pixels; p0 += chunk) {
    const int64_t p1 = std::min(pixels, p0 + chunk);
    Gemm<T>(ctx, grad + p0 * out_c, filter, cols.data(), p1 - p0, out_c, patch,
            false, true);
    Col2Im(g, cols.data(), p0, p1, out);
  }
}

class Conv2DBackpropInputOp : public OpKernel {
 public:
  explicit Conv2DBackpropInputOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(
        c, ParseWindowAttrs(
               c, {.has_dilations = true, .has_explicit_paddings = true},
               &attrs_));
    RequireDType(c, BackpropTypes{}, "T", c->input_type(1));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& sizes = ctx->input(0);
    const Tensor& filter = ctx->input(1);
    const Tensor& grad = ctx->input(2);
    OP_REQUIRES_OK(ctx, Require4D(filter, "filter"));
    OP_REQUIRES_OK(ctx, Require4D(grad, "out_backprop"));
    OP_REQUIRES_ASSIGN(ctx, TensorShape input_shape,
                       InputShape(sizes, filter, grad));
    OP_REQUIRES(ctx, input_shape.dim_size(3) == filter.dim_size(2),
                errors::InvalidArgument("Conv2DBackpropInput: input depth ",
                                        input_shape.dim_size(3),
                                        " does not match filter input depth ",
                                        filter.dim_size(2)));
    OP_REQUIRES(
        ctx, grad.dim_size(3) == filter.dim_size(3),
        errors::InvalidArgument(
            "Conv2DBackpropInput: out_backprop depth ", grad.dim_size(3),
            " does not match filter output depth ", filter.dim_size(3)));
    OP_REQUIRES_ASSIGN(ctx, ConvGeometry g,
                       MakeGeometry(attrs_, input_shape, filter.dim_size(0),
                                    filter.dim_size(1)));
    OP_REQUIRES(ctx,
                grad.dim_size(0) == g.batch && grad.dim_size(1) == g.out_h &&
                    grad.dim_size(2) == g.out_w,
                errors::InvalidArgument(
                    "Conv2DBackpropInput: Size of out_backprop doesn't match "
                    "computed: actual = ",
                    grad.shape().DebugString(), ", computed = [", g.batch, ",",
                    g.out_h, ",", g.out_w, ",", filter.dim_size(3), "]"));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, input_shape));
    if (out->NumElements() == 0) return;
    DispatchDType(BackpropTypes{}, filter.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      BackpropInput<T>(ctx, g, filter.dim_size(3), filter.data<T>(),
                       grad.data<T>(), out->data<T>());
    });
  }

 private:
  // input_sizes: 4 values, or the 2 spatial ones (batch from out_backprop,
  // depth from filter), as TF accepts.
  static StatusOr<TensorShape> InputShape(const Tensor& sizes,
                                          const Tensor& filter,
                                          const Tensor& grad) {
    if (sizes.dims() != 1 ||
        (sizes.NumElements() != 4 && sizes.NumElements() != 2)) {
      return errors::InvalidArgument(
          "Conv2DBackpropInput: input_sizes must be 1-D with 4 or 2 "
          "elements, got ",
          sizes.shape().DebugString());
    }
    auto v = sizes.flat<int32_t>();
    std::vector<int64_t> dims =
        v.size() == 4 ? std::vector<int64_t>(v.begin(), v.end())
                      : std::vector<int64_t>{grad.dim_size(0), v[0], v[1],
                                             filter.dim_size(2)};
    return TensorShape::Build(dims);
  }

  WindowAttrs attrs_;
};

}  // namespace

void RegisterConv2DBackpropInputKernels(KernelRegistry* r) {
  r->Register<Conv2DBackpropInputOp>("Conv2DBackpropInput");
}

}  // namespace tfpersist
