// SparseReshape: the indices of a SparseTensor of input_shape re-expressed
// for new_shape (one dimension may be -1 and is inferred), as TF's
// reshape_util.cc: each index is linearized row-major in the input shape
// and split again in the output shape. Errors are TF's messages.
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// The output shape with the -1 resolved, for `dense_size` elements.
StatusOr<std::vector<int64_t>> ResolveShape(const Tensor& target,
                                            int64_t dense_size) {
  std::vector<int64_t> out(target.data<int64_t>(),
                           target.data<int64_t>() + target.NumElements());
  int64_t product = 1;
  int unknown = -1;
  for (size_t d = 0; d < out.size(); ++d) {
    if (out[d] == -1) {
      if (unknown != -1) {
        return errors::InvalidArgument(
            "only one output dimension may be -1, not both ", unknown, " and ",
            d);
      }
      unknown = static_cast<int>(d);
    } else if (out[d] < 0) {
      return errors::InvalidArgument("size ", d,
                                     " must be non-negative, not ", out[d]);
    } else if (out[d] != 0 &&
               product > std::numeric_limits<int64_t>::max() / out[d]) {
      return errors::InvalidArgument("Requested shape is too large");
    } else {
      product *= out[d];
    }
  }
  if (unknown != -1) {
    if (product == 0 || dense_size % product != 0) {
      return errors::InvalidArgument(
          "Input to reshape is a SparseTensor with ", dense_size,
          " dense values, but the requested shape requires a multiple of ",
          product, ". inferred output shape may not be accurate");
    }
    out[unknown] = dense_size / product;
  } else if (product != dense_size) {
    return errors::InvalidArgument("Input to reshape is a tensor with ",
                                   dense_size,
                                   " dense values, but the requested shape has ",
                                   product);
  }
  return out;
}

class SparseReshapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& in_shape = ctx->input(1);
    const Tensor& target = ctx->input(2);
    OP_REQUIRES(ctx, indices.dims() == 2,
                errors::InvalidArgument(
                    "Input indices should be a matrix but received shape ",
                    indices.shape().DebugString()));
    OP_REQUIRES(ctx, in_shape.dims() == 1,
                errors::InvalidArgument(
                    "Input shape should be a vector but received shape ",
                    in_shape.shape().DebugString()));
    OP_REQUIRES(ctx, target.dims() == 1,
                errors::InvalidArgument(
                    "Target shape should be a vector but received shape ",
                    target.shape().DebugString()));
    const int64_t rank_in = in_shape.NumElements();
    OP_REQUIRES(ctx, indices.dim_size(1) == rank_in,
                errors::InvalidArgument(
                    "Input tensor rank must match input shape length: ",
                    indices.dim_size(1), " vs. ", rank_in));
    std::vector<int64_t> in_dims(in_shape.data<int64_t>(),
                                 in_shape.data<int64_t>() + rank_in);
    OP_REQUIRES_ASSIGN(ctx, TensorShape dense, TensorShape::Build(in_dims));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> out_dims,
                       ResolveShape(target, dense.num_elements()));
    const int64_t n = indices.dim_size(0);
    const int64_t rank_out = static_cast<int64_t>(out_dims.size());
    OP_REQUIRES_ASSIGN(ctx, Tensor * out_idx,
                       ctx->allocate_output(0, TensorShape({n, rank_out})));
    Tensor* out_shape;
    OP_REQUIRES_ASSIGN(ctx, out_shape,
                       ctx->allocate_output(1, TensorShape({rank_out})));
    std::copy(out_dims.begin(), out_dims.end(), out_shape->data<int64_t>());
    Reindex(indices.data<int64_t>(), n, in_dims, out_dims,
            out_idx->data<int64_t>());
  }

 private:
  static void Reindex(const int64_t* in, int64_t n,
                      const std::vector<int64_t>& in_dims,
                      const std::vector<int64_t>& out_dims, int64_t* out) {
    const size_t rin = in_dims.size(), rout = out_dims.size();
    for (int64_t i = 0; i < n; ++i) {
      int64_t linear = 0;
      for (size_t d = 0; d < rin; ++d) {
        linear = linear * in_dims[d] + in[i * rin + d];
      }
      for (size_t d = rout; d-- > 0;) {
        const int64_t size = out_dims[d];
        out[i * rout + d] = size == 0 ? 0 : linear % size;
        linear = size == 0 ? 0 : linear / size;
      }
    }
  }
};

}  // namespace

void RegisterSparseReshapeKernels(KernelRegistry* r) {
  r->Register<SparseReshapeOp>("SparseReshape");
}

}  // namespace tfpersist
