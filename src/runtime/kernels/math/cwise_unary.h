// The engine of the element-wise unary kernels (Neg, Exp, Relu, ...): a
// flat loop applying a functor of reference/unary_math.h through
// ToCompute/FromCompute, in blocks over the context's threads. Results
// equal the reference functor applied element by element.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_CWISE_UNARY_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_CWISE_UNARY_H_

#include <cstdint>

#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {

// y[i] = fn(x[i]) for i in [0, n); `cost` is rough cycles per element.
template <typename T, typename Fn>
void ApplyUnary(const OpKernelContext* ctx, const T* x, T* y, int64_t n,
                const Fn& fn, double cost = 1) {
  ParallelFor(ctx, n, cost, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      y[i] = reference::FromCompute<T>(fn(reference::ToCompute(x[i])));
    }
  });
}

// An element-wise unary kernel over attr "T" in `Types`; input 0 -> output
// 0 of the same shape. Subclasses may configure fn_ (LeakyRelu's alpha).
template <typename Fn, typename Types, int kCost = 1>
class UnaryOpKernel : public OpKernel {
 public:
  explicit UnaryOpKernel(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, Types{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * y, ctx->allocate_output(0, x.shape()));
    DispatchDType(Types{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      ApplyUnary(ctx, x.data<T>(), y->data<T>(), x.NumElements(), fn_, kCost);
    });
  }

 protected:
  Fn fn_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_CWISE_UNARY_H_
