// MergeV2Checkpoints: joins the per-shard bundles written by a sharded
// Saver (P_temp_<uuid>/part-0000i-of-0000N) into one bundle at the
// destination prefix P (spec checkpoint-v2.md §7): data files are renamed to
// P.data-0000i-of-0000N, the merged P.index is written last, the input
// indexes are deleted and, with delete_old_dirs, their directories removed.
//
// Inputs: checkpoint_prefixes (string vector), destination_prefix (scalar).
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

class MergeV2CheckpointsOp : public OpKernel {
 public:
  explicit MergeV2CheckpointsOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("delete_old_dirs", &delete_old_dirs_));
    OP_REQUIRES_OK(c, c->GetAttr("allow_missing_files", &allow_missing_files_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& prefixes = ctx->input(0);
    const Tensor& destination = ctx->input(1);
    OP_REQUIRES(ctx, prefixes.dims() <= 1,
                errors::InvalidArgument(
                    "Input checkpoint_prefixes should be a scalar or 1-D "
                    "tensor, but got shape: ",
                    prefixes.shape().DebugString()));
    OP_REQUIRES(ctx, destination.dims() == 0,
                errors::InvalidArgument(
                    "Input destination_prefix should be a scalar tensor, but "
                    "got shape: ",
                    destination.shape().DebugString()));
    std::vector<std::string> inputs(prefixes.flat<tstring>().begin(),
                                    prefixes.flat<tstring>().end());
    const std::string& merged = destination.scalar<tstring>();
    Status s = MergeBundles(ctx->env(), inputs, merged, delete_old_dirs_,
                            allow_missing_files_);
    OP_REQUIRES(
        ctx, s.ok(),
        s.WithContext(StrCat("merging checkpoint shards into ", merged)));
  }

 private:
  bool delete_old_dirs_ = true;
  bool allow_missing_files_ = false;
};

}  // namespace

void RegisterMergeV2CheckpointsKernels(KernelRegistry* r) {
  r->Register<MergeV2CheckpointsOp>("MergeV2Checkpoints");
}

}  // namespace tfpersist
