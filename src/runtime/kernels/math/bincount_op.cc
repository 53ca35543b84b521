// Bincount: bins[v] counts the positions where arr == v (or sums their
// weights), v in [0, size); values >= size are ignored, negative values are
// an error. int32, int64, float, double weights. TF's messages.
#include <string>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using BincountTypes = DTypeList<DT_INT32, DT_INT64, DT_FLOAT, DT_DOUBLE>;

class BincountOp : public OpKernel {
 public:
  explicit BincountOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, BincountTypes{}, "T", c->input_type(2));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& arr = ctx->input(0);
    const Tensor& size_t_ = ctx->input(1);
    const Tensor& weights = ctx->input(2);
    OP_REQUIRES(ctx, size_t_.dims() == 0,
                errors::InvalidArgument("Shape must be rank 0 but is rank ",
                                        size_t_.dims()));
    const int32_t size = size_t_.scalar<int32_t>();
    OP_REQUIRES(
        ctx, size >= 0,
        errors::InvalidArgument("size (", size, ") must be non-negative"));
    OP_REQUIRES(ctx,
                weights.shape() == arr.shape() || weights.NumElements() == 0,
                errors::InvalidArgument(
                    "`weights` must be the same shape as `arr` or a length-0 "
                    "`Tensor`, in which case it acts as all weights equal to "
                    "1. Received ",
                    weights.shape().DebugString()));
    const int32_t* a = arr.data<int32_t>();
    for (int64_t i = 0; i < arr.NumElements(); ++i) {
      OP_REQUIRES(ctx, a[i] >= 0,
                  errors::InvalidArgument("Input arr must be non-negative!"));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, {size}));
    DispatchDType(BincountTypes{}, weights.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* bins = out->data<T>();
      for (int32_t b = 0; b < size; ++b) bins[b] = T(0);
      const bool unit = weights.NumElements() == 0;
      for (int64_t i = 0; i < arr.NumElements(); ++i) {
        if (a[i] < size) bins[a[i]] += unit ? T(1) : weights.data<T>()[i];
      }
    });
  }
};

}  // namespace

void RegisterBincountKernels(KernelRegistry* r) {
  r->Register<BincountOp>("Bincount");
}

}  // namespace tfpersist
