// The engine of the element-wise binary kernels (Add, Mul, Less, ...):
// NumPy broadcasting collapsed to as few dims as possible, inner loops over
// contiguous runs, blocks spread over the context's threads.
//
// Each element is computed as FromCompute(fn(ToCompute(x), ToCompute(y)))
// with the functors of reference/numeric.h, so results equal the reference
// loop (reference/broadcast.h) exactly.
// Thread-safety: a BinaryBroadcast is immutable after Init.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_CWISE_BINARY_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_CWISE_BINARY_H_

#include <cstdint>
#include <type_traits>
#include <vector>

#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// z = f(x, y) over broadcast shapes, collapsed: dims of equal broadcast
// pattern are merged and size-1 output dims dropped. The innermost
// collapsed dim is the contiguous run; the others index rows.
class BinaryBroadcast {
 public:
  // INVALID_ARGUMENT "Incompatible shapes: [2,3] vs. [4]" (TF's BCast).
  Status Init(const TensorShape& x, const TensorShape& y);

  const TensorShape& out_shape() const { return out_shape_; }
  int64_t num_rows() const { return rows_; }
  int64_t inner() const { return inner_; }
  // 1 when the operand advances along the inner run, 0 when broadcast.
  int64_t x_inner_stride() const { return x_inner_stride_; }
  int64_t y_inner_stride() const { return y_inner_stride_; }
  // Offsets of row r's first element in x and y.
  void RowOffsets(int64_t r, int64_t* x_off, int64_t* y_off) const;

 private:
  TensorShape out_shape_;
  std::vector<int64_t> outer_dims_, x_strides_, y_strides_;  // row dims
  int64_t rows_ = 1, inner_ = 1;
  int64_t x_inner_stride_ = 1, y_inner_stride_ = 1;
};

// Converts a functor result to the output element type (bool stays bool).
template <typename Out, typename V>
inline Out ToOutput(V v) {
  if constexpr (std::is_same_v<Out, bool>) {
    return static_cast<bool>(v);
  } else {
    return reference::FromCompute<Out>(v);
  }
}

// z[i..] = fn(x[..], y[..]) for n elements with the given strides (0/1).
template <typename T, typename Out, typename Fn>
void BinaryRun(const T* x, int64_t sx, const T* y, int64_t sy, Out* z,
               int64_t n, const Fn& fn) {
  using reference::ToCompute;
  if (sx == 1 && sy == 1) {
    for (int64_t i = 0; i < n; ++i) {
      z[i] = ToOutput<Out>(fn(ToCompute(x[i]), ToCompute(y[i])));
    }
  } else if (sx == 1) {
    const auto yv = ToCompute(y[0]);
    for (int64_t i = 0; i < n; ++i)
      z[i] = ToOutput<Out>(fn(ToCompute(x[i]), yv));
  } else if (sy == 1) {
    const auto xv = ToCompute(x[0]);
    for (int64_t i = 0; i < n; ++i)
      z[i] = ToOutput<Out>(fn(xv, ToCompute(y[i])));
  } else {
    const Out v = ToOutput<Out>(fn(ToCompute(x[0]), ToCompute(y[0])));
    for (int64_t i = 0; i < n; ++i) z[i] = v;
  }
}

// Applies fn over the plan; `cost` is rough cycles per element.
template <typename T, typename Out, typename Fn>
void ApplyBinary(const OpKernelContext* ctx, const BinaryBroadcast& b,
                 const T* x, const T* y, Out* z, const Fn& fn,
                 double cost = 1) {
  const int64_t sx = b.x_inner_stride(), sy = b.y_inner_stride();
  const int64_t inner = b.inner();
  if (b.num_rows() == 1) {
    ParallelFor(ctx, inner, cost, [&](int64_t begin, int64_t end) {
      BinaryRun(x + begin * sx, sx, y + begin * sy, sy, z + begin, end - begin,
                fn);
    });
    return;
  }
  ParallelFor(ctx, b.num_rows(), cost * inner, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      int64_t xo, yo;
      b.RowOffsets(r, &xo, &yo);
      BinaryRun(x + xo, sx, y + yo, sy, z + r * inner, inner, fn);
    }
  });
}

// Per-op check of the inputs before computing; the default accepts all.
struct AcceptAll {
  template <typename T>
  static Status Check(const T* y, int64_t n) {
    return OkStatus();
  }
};

// An element-wise binary kernel: T from attr "T" in `Types`, output T (or
// bool when kBoolOut), broadcasting inputs 0 and 1.
template <typename Fn, typename Types, bool kBoolOut = false,
          typename Check = AcceptAll, int kCost = 1>
class BinaryOpKernel : public OpKernel {
 public:
  explicit BinaryOpKernel(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, Types{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    BinaryBroadcast b;
    OP_REQUIRES_OK(ctx, b.Init(x.shape(), y.shape()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * z, ctx->allocate_output(0, b.out_shape()));
    if (z->NumElements() == 0) return;
    DispatchDType(Types{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using Out = std::conditional_t<kBoolOut, bool, T>;
      Status s = Check::Check(y.data<T>(), y.NumElements());
      if (!s.ok()) {
        ctx->SetStatus(s);
        return;
      }
      ApplyBinary<T, Out>(ctx, b, x.data<T>(), y.data<T>(), z->data<Out>(),
                          Fn(), kCost);
    });
  }
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_CWISE_BINARY_H_
