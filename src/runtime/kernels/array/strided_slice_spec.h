// StridedSlice index arithmetic (ops-core.md §5): turns begin/end/strides
// and the five masks into a per-input-dim plan plus the final shape.
// Thread-safety: pure function.
#ifndef TFPERSIST_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_
#define TFPERSIST_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_

#include <cstdint>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor_shape.h"

namespace tfpersist {

struct StridedSliceMasks {
  int64_t begin = 0, end = 0, ellipsis = 0, new_axis = 0, shrink_axis = 0;
};

struct StridedSlicePlan {
  // One entry per input dim: first index and step; `sizes` the number of
  // elements taken (1 for shrunk dims).
  std::vector<int64_t> begin, stride, sizes;
  // The output shape after adding new axes and dropping shrunk dims.
  TensorShape final_shape;
};

// INVALID_ARGUMENT with TF's messages for bad specs (unequal lengths,
// several ellipses, zero stride, shrink index out of bounds).
StatusOr<StridedSlicePlan> PlanStridedSlice(const TensorShape& input,
                                            const std::vector<int64_t>& begin,
                                            const std::vector<int64_t>& end,
                                            const std::vector<int64_t>& strides,
                                            const StridedSliceMasks& masks);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_
