// VariableShape and ResourceGather (embedding lookups on resource
// variables, batch_dims 0), TF's messages.
#include <algorithm>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

StatusOr<Tensor> ReadValue(OpKernelContext* ctx) {
  const ResourceHandle& h = ctx->input_handle(0);
  TFP_ASSIGN_OR_RETURN(std::shared_ptr<Var> var,
                       ctx->resource_manager()->Lookup<Var>(h));
  Tensor value;
  if (!var->Snapshot(&value)) {
    return errors::FailedPrecondition(
        "Error while reading resource variable ", h.name,
        " from Container: ", h.container,
        ". This could mean that the variable was uninitialized.");
  }
  return value;
}

class VariableShapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, Tensor value, ReadValue(ctx));
    OP_REQUIRES_ASSIGN(
        ctx, Tensor shape,
        MakeIndexVector(output_type(0), value.shape().dim_sizes()));
    ctx->set_output(0, std::move(shape));
  }
};

class ResourceGatherOp : public OpKernel {
 public:
  explicit ResourceGatherOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    int64_t batch_dims = 0;
    if (c->HasAttr("batch_dims")) {
      OP_REQUIRES_OK(c, c->GetAttr("batch_dims", &batch_dims));
    }
    OP_REQUIRES(c, batch_dims == 0,
                errors::Unimplemented("ResourceGather with batch_dims ",
                                      batch_dims, " is not supported"));
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, Tensor params, ReadValue(ctx));
    OP_REQUIRES(
        ctx, params.dtype() == dtype_,
        errors::InvalidArgument(
            "Trying to read variable with wrong dtype. Expected ",
            DataTypeString(dtype_), " got ", DataTypeString(params.dtype())));
    OP_REQUIRES(
        ctx, params.dims() >= 1,
        errors::InvalidArgument("params must be at least 1 dimensional"));
    const Tensor& indices = ctx->input(1);
    const int64_t rows = params.dim_size(0);
    const int64_t row_size = rows == 0 ? 0 : params.NumElements() / rows;
    TensorShape out_shape = indices.shape();
    for (int d = 1; d < params.dims(); ++d)
      out_shape.AddDim(params.dim_size(d));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    for (int64_t i = 0; i < indices.NumElements(); ++i) {
      const int64_t index = indices.dtype() == DT_INT32
                                ? int64_t{indices.data<int32_t>()[i]}
                                : indices.data<int64_t>()[i];
      OP_REQUIRES(ctx, index >= 0 && index < rows,
                  errors::InvalidArgument("indices[", i, "] = ", index,
                                          " is not in [0, ", rows, ")"));
      VisitStorageType(dtype_, [&](auto tag) {
        using S = typename decltype(tag)::type;
        const S* src = StorageData<S>(params) + index * row_size;
        std::copy(src, src + row_size, StorageData<S>(*out) + i * row_size);
      });
    }
  }

 private:
  DataType dtype_;
};

}  // namespace

void RegisterVariableShapeGatherKernels(KernelRegistry* r) {
  r->Register<VariableShapeOp>("VariableShape");
  r->Register<ResourceGatherOp>("ResourceGather");
}

}  // namespace tfpersist
