// StridedCopy: fills `out` from a strided view of `in`, the core of Slice,
// StridedSlice and Transpose:
//   out[i_0, ..., i_k] = in_flat[base + sum_d i_d * src_strides[d]]
// Strides may be negative (reversed slices) or zero.
#ifndef TFPERSIST_RUNTIME_KERNELS_ARRAY_STRIDED_COPY_H_
#define TFPERSIST_RUNTIME_KERNELS_ARRAY_STRIDED_COPY_H_

#include <cstdint>
#include <vector>

#include "tfpersist/core/tensor.h"

namespace tfpersist {

// Row-major element strides of shape (the last dim has stride 1).
std::vector<int64_t> RowMajorStrides(const TensorShape& shape);

// REQUIRES: in and out have the same dtype, src_strides.size() ==
// out->dims(), and every addressed element lies inside `in` (callers
// validate indices first).
void StridedCopy(const Tensor& in, int64_t base,
                 const std::vector<int64_t>& src_strides, Tensor* out);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_ARRAY_STRIDED_COPY_H_
