// MaxPool and AvgPool over NHWC windows (ksize, strides, SAME / VALID, and
// EXPLICIT for MaxPool). Padded cells take no part: a max starts from the
// lowest finite value, an average divides by the in-bounds cell count
// (reference/pooling.h). Output rows run in parallel; the inner loops run
// along the contiguous channels.
#include <algorithm>
#include <cstdint>
#include <limits>
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
using MaxPoolTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT32, DT_INT64,
              DT_UINT8, DT_INT16, DT_INT8, DT_UINT16>;

// Folds the in_c values at x into acc: max, or sum.
template <bool kMax, typename T, typename C>
void PoolTap(const T* x, int64_t n, C* acc) {
  if constexpr (std::is_same_v<T, C> && std::is_floating_point_v<T>) {
    if constexpr (kMax) {
      VecMax(x, acc, n);
    } else {
      VecAdd(x, acc, n);
    }
  } else {
    for (int64_t c = 0; c < n; ++c) {
      const C v = reference::ToCompute(x[c]);
      if constexpr (kMax) {
        if (v > acc[c]) acc[c] = v;
      } else {
        acc[c] += v;
      }
    }
  }
}

// Pools one output pixel into acc (in_c values).
template <bool kMax, typename T, typename C>
void PoolPixel(const ConvGeometry& g, const T* in, int64_t b, int64_t oy,
               int64_t ox, C* acc) {
  std::fill(acc, acc + g.in_c, kMax ? std::numeric_limits<C>::lowest() : C(0));
  int64_t count = 0;
  reference::ForEachTap(
      g, oy, ox, [&](int64_t iy, int64_t ix, int64_t, int64_t) {
        PoolTap<kMax>(in + ((b * g.in_h + iy) * g.in_w + ix) * g.in_c, g.in_c,
                      acc);
        ++count;
      });
  if constexpr (!kMax) {
    const C scale = count > 0 ? C(1) / static_cast<C>(count) : C(0);
    for (int64_t c = 0; c < g.in_c; ++c) acc[c] *= scale;
  }
}

template <bool kMax, typename T>
void Pool(const OpKernelContext* ctx, const ConvGeometry& g, const T* in,
          T* out) {
  using C = reference::ComputeType<T>;
  const double cost = 1.0 * g.out_w * g.in_c * g.filter_h * g.filter_w;
  ParallelFor(ctx, g.batch * g.out_h, cost, [&](int64_t r0, int64_t r1) {
    std::vector<C> acc(g.in_c);
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t b = r / g.out_h, oy = r % g.out_h;
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        PoolPixel<kMax>(g, in, b, oy, ox, acc.data());
        T* o = out + ((b * g.out_h + oy) * g.out_w + ox) * g.in_c;
        for (int64_t c = 0; c < g.in_c; ++c) {
          o[c] = reference::FromCompute<T>(acc[c]);
        }
      }
    }
  });
}

template <bool kMax, typename Types>
class PoolOp : public OpKernel {
 public:
  explicit PoolOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(
        c, ParseWindowAttrs(
               c, {.has_ksize = true, .has_explicit_paddings = kMax}, &attrs_));
    RequireDType(c, Types{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES_OK(ctx, Require4D(input, "input"));
    OP_REQUIRES_ASSIGN(
        ctx, ConvGeometry g,
        MakeGeometry(attrs_, input.shape(), attrs_.ksize[1], attrs_.ksize[2]));
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, OutputShape(g, g.in_c));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (out->NumElements() == 0) return;
    DispatchDType(Types{}, input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Pool<kMax>(ctx, g, input.data<T>(), out->data<T>());
    });
  }

 private:
  WindowAttrs attrs_;
};

}  // namespace

void RegisterPoolingKernels(KernelRegistry* r) {
  r->Register<PoolOp<true, MaxPoolTypes>>("MaxPool");
  r->Register<PoolOp<false, FloatTypes>>("AvgPool");
}

}  // namespace tfpersist
