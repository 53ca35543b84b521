// DepthwiseConv2dNative: NHWC input [N, H, W, C], filter [fh, fw, C, M],
// output [N, H', W', C * M] with
//   out[b, oy, ox, c * M + q] = sum in[b, iy, ix, c] * filter[fy, fx, c, q]
// over in-bounds taps (reference/conv.h DepthwiseConv2D). Direct loops:
// one output row at a time, accumulated over taps along the contiguous
// C * M channels in the compute type; rows run in parallel.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/math/vector_ops.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/nn/window_attrs.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::ConvGeometry;

// Output pixel (b, oy, ox): acc[C * M] = sum over taps.
template <typename T, typename C>
void DepthwisePixel(const ConvGeometry& g, int64_t mult, const T* in,
                    const T* filter, int64_t b, int64_t oy, int64_t ox,
                    C* acc) {
  using reference::ToCompute;
  const int64_t out_c = g.in_c * mult;
  std::fill(acc, acc + out_c, C(0));
  reference::ForEachTap(
      g, oy, ox, [&](int64_t iy, int64_t ix, int64_t fy, int64_t fx) {
        const T* x = in + ((b * g.in_h + iy) * g.in_w + ix) * g.in_c;
        const T* f = filter + (fy * g.filter_w + fx) * out_c;
        if constexpr (std::is_same_v<T, C>) {
          if (mult == 1) {
            VecMulAdd(x, f, acc, g.in_c);
            return;
          }
        }
        if (mult == 1) {
          for (int64_t c = 0; c < g.in_c; ++c) {
            acc[c] += ToCompute(x[c]) * ToCompute(f[c]);
          }
        } else {
          for (int64_t c = 0; c < g.in_c; ++c) {
            const C xv = ToCompute(x[c]);
            for (int64_t q = 0; q < mult; ++q) {
              acc[c * mult + q] += xv * ToCompute(f[c * mult + q]);
            }
          }
        }
      });
}

template <typename T>
void Depthwise(const OpKernelContext* ctx, const ConvGeometry& g, int64_t mult,
               const T* in, const T* filter, T* out) {
  using C = reference::ComputeType<T>;
  const int64_t out_c = g.in_c * mult;
  const double cost = 2.0 * g.out_w * out_c * g.filter_h * g.filter_w;
  ParallelFor(ctx, g.batch * g.out_h, cost, [&](int64_t r0, int64_t r1) {
    std::vector<C> acc(out_c);
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t b = r / g.out_h, oy = r % g.out_h;
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        DepthwisePixel(g, mult, in, filter, b, oy, ox, acc.data());
        T* o = out + ((b * g.out_h + oy) * g.out_w + ox) * out_c;
        for (int64_t k = 0; k < out_c; ++k) {
          o[k] = reference::FromCompute<T>(acc[k]);
        }
      }
    }
  });
}

class DepthwiseConv2dNativeOp : public OpKernel {
 public:
  explicit DepthwiseConv2dNativeOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(
        c, ParseWindowAttrs(
               c, {.has_dilations = true, .has_explicit_paddings = true},
               &attrs_));
    RequireDType(c, FloatTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& filter = ctx->input(1);
    OP_REQUIRES_OK(ctx, Require4D(input, "input"));
    OP_REQUIRES_OK(ctx, Require4D(filter, "filter"));
    OP_REQUIRES(
        ctx, input.dim_size(3) == filter.dim_size(2),
        errors::InvalidArgument("input and filter must have the same depth: ",
                                input.dim_size(3), " vs ", filter.dim_size(2)));
    OP_REQUIRES_ASSIGN(ctx, ConvGeometry g,
                       MakeGeometry(attrs_, input.shape(), filter.dim_size(0),
                                    filter.dim_size(1)));
    const int64_t mult = filter.dim_size(3);
    int64_t out_c;
    OP_REQUIRES(ctx, !__builtin_mul_overflow(g.in_c, mult, &out_c),
                errors::InvalidArgument("Output depth ", g.in_c, " * ", mult,
                                        " overflows"));
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, OutputShape(g, out_c));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (out->NumElements() == 0) return;
    DispatchDType(FloatTypes{}, input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Depthwise(ctx, g, mult, input.data<T>(), filter.data<T>(),
                out->data<T>());
    });
  }

 private:
  WindowAttrs attrs_;
};

}  // namespace

void RegisterDepthwiseConvKernels(KernelRegistry* r) {
  r->Register<DepthwiseConv2dNativeOp>("DepthwiseConv2dNative");
}

}  // namespace tfpersist
