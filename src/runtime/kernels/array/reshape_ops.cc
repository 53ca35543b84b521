// Shape-changing ops that keep the elements in order and share the input's
// buffer: Reshape (one -1 inferred), ExpandDims, Squeeze. TF's messages.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Resolves a Reshape "shape" vector against `num_elements`.
StatusOr<TensorShape> ResolveReshape(const std::vector<int64_t>& sizes,
                                     int64_t num_elements) {
  int unknown = -1;
  int64_t product = 1;
  std::vector<int64_t> dims = sizes;
  for (int i = 0; i < static_cast<int>(dims.size()); ++i) {
    if (dims[i] == -1) {
      if (unknown >= 0) {
        return errors::InvalidArgument(
            "Only one input size may be -1, not both ", unknown, " and ", i);
      }
      unknown = i;
    } else if (dims[i] < 0) {
      return errors::InvalidArgument("Size ", i, " must be non-negative, not ",
                                     dims[i]);
    } else if (__builtin_mul_overflow(product, dims[i], &product)) {
      return errors::InvalidArgument("Requested shape overflows int64");
    }
  }
  if (unknown >= 0) {
    if (product == 0) {
      return errors::InvalidArgument(
          "Reshape cannot infer the missing input size for an empty tensor "
          "unless all specified input sizes are non-zero");
    }
    if (num_elements % product != 0) {
      return errors::InvalidArgument(
          "Input to reshape is a tensor with ", num_elements,
          " values, but the requested shape requires a multiple of ", product);
    }
    dims[unknown] = num_elements / product;
    product = num_elements;
  }
  if (product != num_elements) {
    return errors::InvalidArgument(
        "Input to reshape is a tensor with ", num_elements,
        " values, but the requested shape has ", product);
  }
  return TensorShape::Build(dims);
}

class ReshapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& sizes = ctx->input(1);
    OP_REQUIRES(ctx, sizes.dims() == 1,
                errors::InvalidArgument("sizes input must be 1-D, not ",
                                        sizes.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> dims,
                       ReadIndexTensor(sizes, "Reshape shape"));
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape,
                       ResolveReshape(dims, input.NumElements()));
    OP_REQUIRES_ASSIGN(ctx, Tensor out, input.Reshaped(shape));
    ctx->set_output(0, std::move(out));
  }
};

class ExpandDimsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(
        ctx, ctx->input(1).NumElements() == 1,
        errors::InvalidArgument("'dim' must be a tensor with a single value"));
    OP_REQUIRES_ASSIGN(ctx, int64_t dim,
                       ReadIndexScalar(ctx->input(1), "ExpandDims dim"));
    const int rank = input.dims();
    OP_REQUIRES(
        ctx, dim >= -1 - rank && dim <= rank,
        errors::InvalidArgument("Tried to expand dim index ", dim,
                                " for tensor with ", rank, " dimensions."));
    if (dim < 0) dim += rank + 1;
    TensorShape shape = input.shape();
    shape.InsertDim(static_cast<int>(dim), 1);
    OP_REQUIRES_ASSIGN(ctx, Tensor out, input.Reshaped(shape));
    ctx->set_output(0, std::move(out));
  }
};

class SqueezeOp : public OpKernel {
 public:
  explicit SqueezeOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("squeeze_dims", &squeeze_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int rank = input.dims();
    std::vector<bool> drop(rank, squeeze_dims_.empty());
    for (int64_t d : squeeze_dims_) {
      OP_REQUIRES(
          ctx, d >= -rank && d < rank,
          errors::InvalidArgument("Tried to squeeze dim index ", d,
                                  " for tensor with ", rank, " dimensions."));
      if (d < 0) d += rank;
      OP_REQUIRES(ctx, input.dim_size(d) == 1,
                  errors::InvalidArgument("Can not squeeze dim[", d,
                                          "], expected a dimension of 1, got ",
                                          input.dim_size(d)));
      drop[d] = true;
    }
    TensorShape shape;
    for (int d = 0; d < rank; ++d) {
      bool size_one = input.dim_size(d) == 1;
      if (!(drop[d] && size_one)) shape.AddDim(input.dim_size(d));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor out, input.Reshaped(shape));
    ctx->set_output(0, std::move(out));
  }

 private:
  std::vector<int64_t> squeeze_dims_;
};

}  // namespace

void RegisterReshapeKernels(KernelRegistry* r) {
  r->Register<ReshapeOp>("Reshape");
  r->Register<ExpandDimsOp>("ExpandDims");
  r->Register<SqueezeOp>("Squeeze");
}

}  // namespace tfpersist
