// Softmax and LogSoftmax over the last dimension (reference/softmax.h);
// rows in parallel, sums in float (double for double).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

template <typename T>
void SoftmaxRow(const T* x, T* y, int64_t depth, bool log) {
  using C = reference::ComputeType<T>;
  using reference::ToCompute;
  C max = -std::numeric_limits<C>::infinity();
  for (int64_t i = 0; i < depth; ++i) max = std::fmax(max, ToCompute(x[i]));
  C sum = 0;
  for (int64_t i = 0; i < depth; ++i) sum += std::exp(ToCompute(x[i]) - max);
  if (log) {
    const C log_sum = std::log(sum);
    for (int64_t i = 0; i < depth; ++i) {
      y[i] = reference::FromCompute<T>(ToCompute(x[i]) - max - log_sum);
    }
  } else {
    const C inv = C(1) / sum;
    for (int64_t i = 0; i < depth; ++i) {
      y[i] = reference::FromCompute<T>(std::exp(ToCompute(x[i]) - max) * inv);
    }
  }
}

template <bool kLog>
class SoftmaxOp : public OpKernel {
 public:
  explicit SoftmaxOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, FloatTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& logits = ctx->input(0);
    OP_REQUIRES(ctx, logits.dims() >= 1,
                errors::InvalidArgument("logits must have >= 1 dimension, got ",
                                        logits.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, logits.shape()));
    const int64_t depth = logits.dim_size(logits.dims() - 1);
    if (logits.NumElements() == 0) return;
    const int64_t rows = logits.NumElements() / depth;
    DispatchDType(FloatTypes{}, logits.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* x = logits.data<T>();
      T* y = out->data<T>();
      ParallelFor(ctx, rows, 30.0 * depth, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) {
          SoftmaxRow(x + r * depth, y + r * depth, depth, kLog);
        }
      });
    });
  }
};

}  // namespace

void RegisterSoftmaxKernels(KernelRegistry* r) {
  r->Register<SoftmaxOp<false>>("Softmax");
  r->Register<SoftmaxOp<true>>("LogSoftmax");
}

}  // namespace tfpersist
