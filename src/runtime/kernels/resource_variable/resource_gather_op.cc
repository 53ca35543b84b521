// ResourceGather: rows of a resource variable (embedding lookups of TF1
// resource variables), out = var[indices] along axis 0 with
// shape indices.shape + var.shape[1:]. batch_dims must be 0 (what
// embedding_lookup emits). TF's messages.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class ResourceGatherOp : public OpKernel {
 public:
  explicit ResourceGatherOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    int64_t batch_dims = 0;
    OP_REQUIRES_OK(c, c->GetAttr("batch_dims", &batch_dims));
    OP_REQUIRES(c, batch_dims == 0,
                errors::Unimplemented("ResourceGather with batch_dims ",
                                      batch_dims, " (only 0 is supported)"));
  }

  void Compute(OpKernelContext* ctx) override {
    const ResourceHandle& h = ctx->input_handle(0);
    auto var = ctx->resource_manager()->Lookup<Var>(h);
    Tensor params;
    OP_REQUIRES(ctx, var.ok() && (*var)->Snapshot(&params),
                errors::FailedPrecondition(
                    "Error while reading resource variable ", h.name,
                    " from Container: ", h.container,
                    ". This could mean that the variable was uninitialized."));
    OP_REQUIRES(
        ctx, params.dtype() == dtype_,
        errors::InvalidArgument(
            "Trying to read variable with wrong dtype. Expected ",
            DataTypeString(dtype_), " got ", DataTypeString(params.dtype())));
    OP_REQUIRES(ctx, params.dims() >= 1,
                errors::InvalidArgument("params must be at least 1 "
                                        "dimensional"));
    const Tensor& indices = ctx->input(1);
    std::vector<int64_t> ix(indices.NumElements());
    const int64_t limit = params.dim_size(0);
    for (int64_t i = 0; i < indices.NumElements(); ++i) {
      ix[i] = indices.dtype() == DT_INT32 ? indices.data<int32_t>()[i]
                                          : indices.data<int64_t>()[i];
      OP_REQUIRES(ctx, ix[i] >= 0 && ix[i] < limit,
                  errors::InvalidArgument("indices[", i, "] = ", ix[i],
                                          " is not in [0, ", limit, ")"));
    }
    std::vector<int64_t> dims = indices.shape().dim_sizes();
    int64_t inner = 1;
    for (int d = 1; d < params.dims(); ++d) {
      dims.push_back(params.dim_size(d));
      inner *= params.dim_size(d);
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    VisitStorageType(params.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = StorageData<S>(params);
      S* dst = StorageData<S>(*out);
      for (int64_t i : ix)
        dst = std::copy(src + i * inner, src + (i + 1) * inner, dst);
    });
  }

 private:
  DataType dtype_ = DT_FLOAT;
};

}  // namespace

void RegisterResourceGatherKernels(KernelRegistry* r) {
  r->Register<ResourceGatherOp>("ResourceGather");
}

}  // namespace tfpersist
