// Family Io: the checkpoint kernels. One line per kernel file; each file's
// Register* function holds one line per op.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterSaveV2Kernels(KernelRegistry* r);     // save_v2_op.cc
void RegisterRestoreV2Kernels(KernelRegistry* r);  // restore_v2_op.cc
void RegisterMergeV2CheckpointsKernels(
    KernelRegistry* r);                            // merge_v2_checkpoints_op.cc
void RegisterRestoreV1Kernels(KernelRegistry* r);  // restore_v1_ops.cc
void RegisterSaveV1Kernels(KernelRegistry* r);     // save_v1_ops.cc

void RegisterIoKernels(KernelRegistry* r) {
  RegisterSaveV2Kernels(r);              // SaveV2
  RegisterRestoreV2Kernels(r);           // RestoreV2
  RegisterMergeV2CheckpointsKernels(r);  // MergeV2Checkpoints
  RegisterRestoreV1Kernels(r);           // Restore, RestoreSlice
  RegisterSaveV1Kernels(r);              // Save, SaveSlices
}

}  // namespace tfpersist
