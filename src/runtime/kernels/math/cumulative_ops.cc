// Cumsum and Cumprod along a (possibly negative) axis, with TF's exclusive
// and reverse attrs; integer arithmetic wraps, half/bfloat16 accumulate in
// float. Real number dtypes (TF also registers complex types: not
// supported). Semantics: reference/scan.h. TF's messages.
#include <cstdint>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// One line x[o, :, r] of n elements spaced by `stride`.
template <typename T, typename Fn>
void ScanLine(const T* x, T* y, int64_t n, int64_t stride, bool exclusive,
              bool reverse, Fn fn) {
  using C = reference::ComputeType<T>;
  C acc = Fn::template Identity<C>();
  for (int64_t s = 0; s < n; ++s) {
    const int64_t i = (reverse ? n - 1 - s : s) * stride;
    const C v = reference::ToCompute(x[i]);
    if (exclusive) {
      y[i] = reference::FromCompute<T>(acc);
      acc = fn(acc, v);
    } else {
      acc = fn(acc, v);
      y[i] = reference::FromCompute<T>(acc);
    }
  }
}

struct SumFn : reference::AddFn {
  template <typename C>
  static C Identity() {
    return C(0);
  }
};
struct ProdFn : reference::MulFn {
  template <typename C>
  static C Identity() {
    return C(1);
  }
};

template <typename Fn>
class ScanOp : public OpKernel {
 public:
  explicit ScanOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("exclusive", &exclusive_));
    OP_REQUIRES_OK(c, c->GetAttr("reverse", &reverse_));
    RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& axis_t = ctx->input(1);
    OP_REQUIRES(ctx, axis_t.dims() == 0,
                errors::InvalidArgument("ScanOp: axis must be a scalar, not ",
                                        axis_t.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, int64_t axis, ReadIndexScalar(axis_t, "axis"));
    const int rank = x.dims();
    OP_REQUIRES(
        ctx, axis >= -rank && axis < rank,
        errors::InvalidArgument("ScanOp: Expected scan axis in the range [",
                                -rank, ", ", rank, "), but got ", axis));
    if (axis < 0) axis += rank;
    OP_REQUIRES_ASSIGN(ctx, Tensor * y, ctx->allocate_output(0, x.shape()));
    if (x.NumElements() == 0) return;
    const int a = static_cast<int>(axis);
    const int64_t outer = DimProduct(x.shape(), 0, a);
    const int64_t n = x.dim_size(a);
    const int64_t inner = DimProduct(x.shape(), a + 1, rank);
    DispatchDType(FloatAndIntTypes{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t r = 0; r < inner; ++r) {
          const int64_t base = o * n * inner + r;
          ScanLine(x.data<T>() + base, y->data<T>() + base, n, inner,
                   exclusive_, reverse_, Fn());
        }
      }
    });
  }

 private:
  bool exclusive_ = false, reverse_ = false;
};

}  // namespace

void RegisterCumulativeKernels(KernelRegistry* r) {
  r->Register<ScanOp<SumFn>>("Cumsum");
  r->Register<ScanOp<ProdFn>>("Cumprod");
}

}  // namespace tfpersist
