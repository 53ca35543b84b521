// ShardedFilename ("%s-%05d-of-%05d") and ShardedFilespec
// ("%s-?????-of-%05d"), as the Saver uses them. Scalar inputs.
#include <cstdio>

#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

Status RequireScalar(OpKernelContext* ctx, int i, const char* what) {
  if (ctx->input(i).NumElements() == 1) return OkStatus();
  return errors::InvalidArgument("Input ", i, " (", what,
                                 ") must be a scalar, got shape ",
                                 ctx->input(i).shape().DebugString());
}

class ShardedFilenameOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, RequireScalar(ctx, 0, "basename"));
    OP_REQUIRES_OK(ctx, RequireScalar(ctx, 1, "shard"));
    OP_REQUIRES_OK(ctx, RequireScalar(ctx, 2, "num_shards"));
    char suffix[64];
    std::snprintf(suffix, sizeof(suffix), "-%05d-of-%05d",
                  ctx->input(1).scalar<int32_t>(),
                  ctx->input(2).scalar<int32_t>());
    ctx->set_output(0, Tensor::Scalar<std::string>(
                           ctx->input(0).scalar<std::string>() + suffix));
  }
};

class ShardedFilespecOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, RequireScalar(ctx, 0, "basename"));
    OP_REQUIRES_OK(ctx, RequireScalar(ctx, 1, "num_shards"));
    char suffix[64];
    std::snprintf(suffix, sizeof(suffix),
                  "-????"
                  "?-of-%05d",  // no trigraph
                  ctx->input(1).scalar<int32_t>());
    ctx->set_output(0, Tensor::Scalar<std::string>(
                           ctx->input(0).scalar<std::string>() + suffix));
  }
};

}  // namespace

void RegisterShardedFilenameKernels(KernelRegistry* r) {
  r->Register<ShardedFilenameOp>("ShardedFilename");
  r->Register<ShardedFilespecOp>("ShardedFilespec");
}

}  // namespace tfpersist
