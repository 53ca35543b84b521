// Conv2D (NHWC input, HWIO filter; strides, dilations, SAME / VALID /
// EXPLICIT padding) as im2col + GEMM:
//
//   patches[p, (fy, fx, c)] = input[b, oy*sh - pad_top + fy*dh,
//                                    ox*sw - pad_left + fx*dw, c]   (0 if out)
//   output[p, :] = patches[p, :] x filter[fh*fw*in_c, out_c]
//
// for every output pixel p = (b, oy, ox). Pixels are processed in chunks
// whose patch buffer stays small (cache-sized, bounded memory); chunks run
// in parallel, a single chunk uses the threaded GEMM. A 1x1 filter with
// stride 1 and no padding multiplies the input directly.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/gemm.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/nn/window_attrs.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::ConvGeometry;
using ConvTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT32>;

// Patch buffer budget per chunk, in elements.
constexpr int64_t kPatchBudget = int64_t{1} << 18;

// Writes the patch rows of pixels [p0, p1) into buf ([p1 - p0, patch]).
template <typename T>
void Im2Col(const ConvGeometry& g, const T* in, int64_t p0, int64_t p1,
            T* buf) {
  const int64_t patch = g.filter_h * g.filter_w * g.in_c;
  const T zero = reference::FromCompute<T>(0);
  for (int64_t p = p0; p < p1; ++p) {
    const int64_t b = p / (g.out_h * g.out_w);
    const int64_t oy = (p / g.out_w) % g.out_h, ox = p % g.out_w;
    T* row = buf + (p - p0) * patch;
    for (int64_t fy = 0; fy < g.filter_h; ++fy) {
      const int64_t iy = oy * g.stride_h - g.pad_top + fy * g.dilation_h;
      for (int64_t fx = 0; fx < g.filter_w; ++fx) {
        const int64_t ix = ox * g.stride_w - g.pad_left + fx * g.dilation_w;
        T* dst = row + (fy * g.filter_w + fx) * g.in_c;
        if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
          std::fill(dst, dst + g.in_c, zero);
        } else {
          const T* src = in + ((b * g.in_h + iy) * g.in_w + ix) * g.in_c;
          std::copy(src, src + g.in_c, dst);
        }
      }
    }
  }
}

template <typename T>
void ConvIm2Col(const OpKernelContext* ctx, const ConvGeometry& g,
                int64_t out_c, const T* in, const T* filter, T* out) {
  const int64_t patch = g.filter_h * g.filter_w * g.in_c;
  const int64_t pixels = g.batch * g.out_h * g.out_w;
  const bool pointwise = g.filter_h == 1 && g.filter_w == 1 &&
                         g.stride_h == 1 && g.stride_w == 1 && g.pad_top == 0 &&
                         g.pad_left == 0 && g.out_h == g.in_h &&
                         g.out_w == g.in_w;
  if (pointwise) {
    Gemm<T>(ctx, in, filter, out, pixels, patch, out_c, false, false);
    return;
  }
  const int64_t chunk =
      std::max<int64_t>(1, kPatchBudget / std::max<int64_t>(1, patch));
  const int64_t chunks = (pixels + chunk - 1) / chunk;
  if (chunks == 1) {
    std::vector<T> buf(pixels * patch);
    Im2Col(g, in, 0, pixels, buf.data());
    Gemm<T>(ctx, buf.data(), filter, out, pixels, patch, out_c, false, false);
    return;
  }
  ParallelFor(ctx, chunks, 2.0 * chunk * patch * out_c,
              [&](int64_t c0, int64_t c1) {
                std::vector<T> buf(chunk * patch);
                for (int64_t c = c0; c < c1; ++c) {
                  const int64_t p0 = c * chunk;
                  const int64_t p1 = std::min(pixels, p0 + chunk);
                  Im2Col(g, in, p0, p1, buf.data());
                  Gemm<T>(nullptr, buf.data(), filter, out + p0 * out_c,
                          p1 - p0, patch, out_c, false, false);
                }
              });
}

class Conv2DOp : public OpKernel {
 public:
  explicit Conv2DOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(
        c, ParseWindowAttrs(
               c, {.has_dilations = true, .has_explicit_paddings = true},
               &attrs_));
    RequireDType(c, ConvTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& filter = ctx->input(1);
    OP_REQUIRES_OK(ctx, Require4D(input, "input"));
    OP_REQUIRES_OK(ctx, Require4D(filter, "filter"));
    const int64_t in_c = input.dim_size(3), f_in = filter.dim_size(2);
    OP_REQUIRES(ctx, f_in > 0 && in_c % f_in == 0,
                errors::InvalidArgument(
                    "input depth must be evenly divisible by filter depth: ",
                    in_c, " vs ", f_in));
    OP_REQUIRES(
        ctx, in_c == f_in,
        errors::Unimplemented("Grouped convolution (input depth ", in_c,
                              ", filter depth ", f_in, ") is not supported"));
    OP_REQUIRES_ASSIGN(ctx, ConvGeometry g,
                       MakeGeometry(attrs_, input.shape(), filter.dim_size(0),
                                    filter.dim_size(1)));
    const int64_t out_c = filter.dim_size(3);
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, OutputShape(g, out_c));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (out->NumElements() == 0) return;
    DispatchDType(ConvTypes{}, input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      ConvIm2Col(ctx, g, out_c, input.data<T>(), filter.data<T>(),
                 out->data<T>());
    });
  }

 private:
  WindowAttrs attrs_;
};

}  // namespace

void RegisterConv2DKernels(KernelRegistry* r) {
  r->Register<Conv2DOp>("Conv2D");
}

}  // namespace tfpersist
