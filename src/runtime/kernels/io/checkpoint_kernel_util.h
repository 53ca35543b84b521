// Helpers shared by the checkpoint kernels (SaveV2, RestoreV2, Save,
// SaveSlices, Restore, RestoreSlice): input validation with TF's messages,
// "shape and slice" specs and cutting a slice out of a full tensor.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_IO_CHECKPOINT_KERNEL_UTIL_H_
#define TFPERSIST_RUNTIME_KERNELS_IO_CHECKPOINT_KERNEL_UTIL_H_

#include <string>
#include <string_view>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist {

// A parsed shape-and-slice spec, "d0 d1 ... dk-1 SLICE" (e.g.
// "10 20 0,5:-"): the full tensor's shape, the slice, and the slice's shape.
struct ShapeAndSlice {
  TensorShape full_shape;
  TensorSlice slice;
  TensorShape slice_shape;
};

// One tensor a restore op asks for: its checkpoint key, its
// shape-and-slice spec ("" = the whole tensor) and the dtype it must have.
struct RestoreRequest {
  std::string name;
  std::string shape_and_slice;
  DataType dtype = DT_INVALID;
};

// TF's checkpoint::ParseShapeAndSlice. INVALID_ARGUMENT quoting the spec
// when it has fewer than two space-separated parts, a non-numeric or
// negative dimension, a malformed slice, or a slice that leaves the shape.
StatusOr<ShapeAndSlice> ParseShapeAndSlice(std::string_view spec);

// Checks the inputs common to SaveV2 and RestoreV2: `prefix` is a scalar,
// `names` and `slices` are vectors of `num_tensors` elements (tensors given
// for a save, dtypes expected for a restore). INVALID_ARGUMENT with TF's
// wording otherwise. REQUIRES: all three are DT_STRING.
Status ValidateSaveRestoreV2Inputs(const Tensor& prefix, const Tensor& names,
                                   const Tensor& slices, int64_t num_tensors,
                                   bool is_save);

// Region `slice` of `full`, as a new tensor. INVALID_ARGUMENT if the slice
// does not fit full's shape.
StatusOr<Tensor> ExtractSlice(const Tensor& full, const TensorSlice& slice);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_IO_CHECKPOINT_KERNEL_UTIL_H_
