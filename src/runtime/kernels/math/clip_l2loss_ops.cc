// ClipByValue (min(max(t, lo), hi) with scalar or same-shape bounds; real
// number dtypes) and L2Loss (sum(t^2) / 2, accumulated in double; float
// dtypes). TF's messages.
#include <algorithm>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class ClipByValueOp : public OpKernel {
 public:
  explicit ClipByValueOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& t = ctx->input(0);
    const Tensor& lo = ctx->input(1);
    const Tensor& hi = ctx->input(2);
    const auto fits = [&](const Tensor& b) {
      return b.shape() == t.shape() || b.dims() == 0;
    };
    OP_REQUIRES(ctx, fits(lo) && fits(hi),
                errors::InvalidArgument(
                    "clip_value_min and clip_value_max must be either scalars "
                    "or have the same shape as the input. Found: input: ",
                    t.shape().DebugString(),
                    ", clip_value_min: ", lo.shape().DebugString(),
                    ", clip_value_max: ", hi.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, t.shape()));
    const int64_t slo = lo.dims() == 0 ? 0 : 1, shi = hi.dims() == 0 ? 0 : 1;
    DispatchDType(FloatAndIntTypes{}, t.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using reference::ToCompute;
      const T* x = t.data<T>();
      T* y = out->data<T>();
      for (int64_t i = 0; i < t.NumElements(); ++i) {
        const auto v =
            std::min(ToCompute(x[i]), ToCompute(hi.data<T>()[i * shi]));
        y[i] = reference::FromCompute<T>(
            std::max(v, ToCompute(lo.data<T>()[i * slo])));
      }
    });
  }
};

class L2LossOp : public OpKernel {
 public:
  explicit L2LossOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, FloatTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& t = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, {}));
    DispatchDType(FloatTypes{}, t.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      double sum = 0;
      for (const T& v : t.flat<T>()) {
        const double d = reference::ToCompute(v);
        sum += d * d;
      }
      out->data<T>()[0] = reference::FromCompute<T>(
          static_cast<reference::ComputeType<T>>(sum / 2));
    });
  }
};

}  // namespace

void RegisterClipL2LossKernels(KernelRegistry* r) {
  r->Register<ClipByValueOp>("ClipByValue");
  r->Register<L2LossOp>("L2Loss");
}

}  // namespace tfpersist
