// Slice (begin, size with -1 = to the end) and Transpose (perm). TF's
// messages. Both copy through StridedCopy.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class SliceOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& begin_t = ctx->input(1);
    const Tensor& size_t_ = ctx->input(2);
    const int rank = input.dims();
    OP_REQUIRES(
        ctx,
        begin_t.dims() == 1 && size_t_.dims() == 1 &&
            begin_t.NumElements() == rank && size_t_.NumElements() == rank,
        errors::InvalidArgument(
            "Expected begin and size arguments to be 1-D tensors of size ",
            rank, ", but got shapes ", begin_t.shape().DebugString(), " and ",
            size_t_.shape().DebugString(), " instead."));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> begin,
                       ReadIndexTensor(begin_t, "Slice begin"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> size,
                       ReadIndexTensor(size_t_, "Slice size"));
    std::vector<int64_t> strides = RowMajorStrides(input.shape());
    int64_t base = 0;
    for (int d = 0; d < rank; ++d) {
      const int64_t n = input.dim_size(d);
      OP_REQUIRES(ctx, begin[d] >= 0 && begin[d] <= n,
                  errors::InvalidArgument("Expected begin[", d, "] in [0, ", n,
                                          "], but got ", begin[d]));
      if (size[d] == -1) size[d] = n - begin[d];
      OP_REQUIRES(
          ctx, size[d] >= 0 && size[d] <= n - begin[d],
          errors::InvalidArgument("Expected size[", d, "] in [0, ",
                                  n - begin[d], "], but got ", size[d]));
      base += begin[d] * strides[d];
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, TensorShape(size)));
    StridedCopy(input, base, strides, out);
  }
};

class TransposeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& perm_t = ctx->input(1);
    const int rank = input.dims();
    OP_REQUIRES(ctx, perm_t.dims() == 1,
                errors::InvalidArgument("perm must be a vector, not ",
                                        perm_t.shape().DebugString()));
    OP_REQUIRES(
        ctx, perm_t.NumElements() == rank,
        errors::InvalidArgument("transpose expects a vector of size ", rank,
                                ". But input(1) is a vector of size ",
                                perm_t.NumElements()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> perm,
                       ReadIndexTensor(perm_t, "Transpose perm"));
    std::vector<bool> seen(rank, false);
    std::vector<int64_t> in_strides = RowMajorStrides(input.shape());
    std::vector<int64_t> src_strides(rank);
    TensorShape out_shape;
    for (int i = 0; i < rank; ++i) {
      const int64_t p = perm[i];
      OP_REQUIRES(
          ctx, p >= 0 && p < rank,
          errors::InvalidArgument(p, " is out of range [0 .. ", rank, ")"));
      OP_REQUIRES(ctx, !seen[p],
                  errors::InvalidArgument(p, " is duplicated in the input."));
      seen[p] = true;
      out_shape.AddDim(input.dim_size(p));
      src_strides[i] = in_strides[p];
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    StridedCopy(input, 0, src_strides, out);
  }
};

}  // namespace

void RegisterSliceTransposeKernels(KernelRegistry* r) {
  r->Register<SliceOp>("Slice");
  r->Register<TransposeOp>("Transpose");
}

}  // namespace tfpersist
