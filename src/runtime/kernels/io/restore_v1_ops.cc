// Restore and RestoreSlice: the V1 graph ops that read one tensor from the
// V1 checkpoint files matching file_pattern (spec checkpoint-v1.md §6).
//
// Restore:      file_pattern, tensor_name                  -> tensor (dt)
// RestoreSlice: file_pattern, tensor_name, shape_and_slice -> tensor (dt)
// All inputs are string scalars; attr preferred_shard only orders TF's file
// opening and is ignored here.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/io/v1_restore.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

Status CheckScalarInput(const Tensor& t, int index, const char* what) {
  if (t.NumElements() != 1) {
    return errors::InvalidArgument(
        "Input ", index, " (", what,
        ") must be a string scalar; got a tensor of ", t.NumElements(),
        " elements");
  }
  return OkStatus();
}

class RestoreV1Op : public OpKernel {
 public:
  explicit RestoreV1Op(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dt", &dtype_));
    OP_REQUIRES_OK(c, c->GetAttr("preferred_shard", &preferred_shard_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& pattern = ctx->input(0);
    const Tensor& name = ctx->input(1);
    OP_REQUIRES_OK(ctx, CheckScalarInput(pattern, 0, "file_pattern"));
    OP_REQUIRES_OK(ctx, CheckScalarInput(name, 1, "tensor_name"));
    RestoreRequest request{name.flat<tstring>()[0], "", dtype_};
    if (ctx->num_inputs() > 2) {
      const Tensor& spec = ctx->input(2);
      OP_REQUIRES_OK(ctx, CheckScalarInput(spec, 2, "shape_and_slice"));
      request.shape_and_slice = spec.flat<tstring>()[0];
    }
    std::vector<Tensor> out;
    OP_REQUIRES_OK(ctx, RestoreFromV1(ctx->env(), pattern.flat<tstring>()[0],
                                      {request}, preferred_shard_, &out));
    ctx->set_output(0, std::move(out[0]));
  }

 private:
  DataType dtype_ = DT_INVALID;
  int64_t preferred_shard_ = -1;
};

}  // namespace

void RegisterRestoreV1Kernels(KernelRegistry* r) {
  r->Register<RestoreV1Op>("Restore");
  r->Register<RestoreV1Op>("RestoreSlice");
}

}  // namespace tfpersist
