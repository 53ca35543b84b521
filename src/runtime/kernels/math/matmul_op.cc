// MatMul (2-D, transpose_a/b) and BatchMatMulV2 (batch dims broadcast,
// adj_x/adj_y; adjoint = transpose for real types) over Gemm.
#include <cstdint>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/gemm.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/broadcast.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using MatMulTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT32, DT_INT64>;

class MatMulOp : public OpKernel {
 public:
  explicit MatMulOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("transpose_a", &transpose_a_));
    OP_REQUIRES_OK(c, c->GetAttr("transpose_b", &transpose_b_));
    RequireDType(c, MatMulTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& a = ctx->input(0);
    const Tensor& b = ctx->input(1);
    OP_REQUIRES(ctx, a.dims() == 2 && b.dims() == 2,
                errors::InvalidArgument("In[0] and In[1] has different ndims: ",
                                        a.shape().DebugString(), " vs. ",
                                        b.shape().DebugString()));
    const int64_t m = a.dim_size(transpose_a_ ? 1 : 0);
    const int64_t k = a.dim_size(transpose_a_ ? 0 : 1);
    const int64_t k2 = b.dim_size(transpose_b_ ? 1 : 0);
    const int64_t n = b.dim_size(transpose_b_ ? 0 : 1);
    OP_REQUIRES(ctx, k == k2,
                errors::InvalidArgument("Matrix size-incompatible: In[0]: ",
                                        a.shape().DebugString(),
                                        ", In[1]: ", b.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape,
                       TensorShape::Build(std::vector<int64_t>{m, n}));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    DispatchDType(MatMulTypes{}, a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Gemm<T>(ctx, a.data<T>(), b.data<T>(), out->data<T>(), m, k, n,
              transpose_a_, transpose_b_);
    });
  }

 private:
  bool transpose_a_ = false, transpose_b_ = false;
};

class BatchMatMulV2Op : public OpKernel {
 public:
  explicit BatchMatMulV2Op(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("adj_x", &adj_x_));
    OP_REQUIRES_OK(c, c->GetAttr("adj_y", &adj_y_));
    RequireDType(c, MatMulTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    OP_REQUIRES(ctx, x.dims() >= 2 && y.dims() >= 2,
                errors::InvalidArgument("In[0] and In[1] ndims must be >= 2: ",
                                        x.dims(), " vs. ", y.dims()));
    const int xr = x.dims(), yr = y.dims();
    const int64_t m = x.dim_size(adj_x_ ? xr - 1 : xr - 2);
    const int64_t k = x.dim_size(adj_x_ ? xr - 2 : xr - 1);
    const int64_t k2 = y.dim_size(adj_y_ ? yr - 1 : yr - 2);
    const int64_t n = y.dim_size(adj_y_ ? yr - 2 : yr - 1);
    OP_REQUIRES(ctx, k == k2,
                errors::InvalidArgument("Matrix size-incompatible: In[0]: ",
                                        x.shape().DebugString(),
                                        ", In[1]: ", y.shape().DebugString()));
    const std::vector<int64_t> xb(x.shape().dim_sizes().begin(),
                                  x.shape().dim_sizes().end() - 2);
    const std::vector<int64_t> yb(y.shape().dim_sizes().begin(),
                                  y.shape().dim_sizes().end() - 2);
    OP_REQUIRES_ASSIGN(ctx, reference::Dims batch,
                       reference::BroadcastShape(xb, yb));
    reference::Dims out_dims = batch;
    out_dims.push_back(m);
    out_dims.push_back(n);
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(out_dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    DispatchDType(MatMulTypes{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Run<T>(ctx, x.data<T>(), xb, y.data<T>(), yb, batch, m, k, n,
             out->data<T>());
    });
  }

 private:
  // One Gemm per output batch; batches in parallel, or one parallel Gemm
  // when there is a single batch.
  template <typename T>
  void Run(OpKernelContext* ctx, const T* x, const reference::Dims& xb,
           const T* y, const reference::Dims& yb, const reference::Dims& batch,
           int64_t m, int64_t k, int64_t n, T* out) const {
    const int64_t count = reference::NumElements(batch);
    if (count == 1) {
      Gemm<T>(ctx, x, y, out, m, k, n, adj_x_, adj_y_);
      return;
    }
    ParallelFor(ctx, count, 2.0 * m * k * n, [&](int64_t begin, int64_t end) {
      std::vector<int64_t> index(batch.size());
      for (int64_t i = begin; i < end; ++i) {
        int64_t rest = i;
        for (size_t d = batch.size(); d-- > 0;) {
          index[d] = rest % batch[d];
          rest /= batch[d];
        }
        const int64_t xi = reference::BroadcastIndex(xb, batch, index);
        const int64_t yi = reference::BroadcastIndex(yb, batch, index);
        Gemm<T>(nullptr, x + xi * m * k, y + yi * k * n, out + i * m * n, m, k,
                n, adj_x_, adj_y_);
      }
    });
  }

  bool adj_x_ = false, adj_y_ = false;
};

}  // namespace

void RegisterMatMulKernels(KernelRegistry* r) {
  r->Register<MatMulOp>("MatMul");
  r->Register<BatchMatMulV2Op>("BatchMatMulV2");
}

}  // namespace tfpersist
