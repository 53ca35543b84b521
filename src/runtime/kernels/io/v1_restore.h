// Restoring tensors from V1 ("tensor slice") checkpoints, shared by the
// Restore and RestoreSlice kernels and by RestoreV2's fallback for
// prefixes that have no ".index" (spec checkpoint-v1.md §1, §6).
// Thread-safety: pure functions over the Env.
#ifndef TFPERSIST_RUNTIME_KERNELS_IO_V1_RESTORE_H_
#define TFPERSIST_RUNTIME_KERNELS_IO_V1_RESTORE_H_

#include <string>
#include <vector>

#include "runtime/kernels/io/checkpoint_kernel_util.h"
#include "tfpersist/base/env.h"

namespace tfpersist {

// Opens every V1 file matching `pattern` once and appends one tensor per
// request to *out, in request order. `preferred_shard` is accepted for
// TF's signature and does not change the result. Errors: NOT_FOUND when no
// file matches or a name is absent (naming tensor and pattern);
// INVALID_ARGUMENT for a dtype other than requested or a slice spec whose
// shape differs from the stored one; DATA_LOSS for corrupt files.
Status RestoreFromV1(Env* env, const std::string& pattern,
                     const std::vector<RestoreRequest>& requests,
                     int preferred_shard, std::vector<Tensor>* out);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_IO_V1_RESTORE_H_
