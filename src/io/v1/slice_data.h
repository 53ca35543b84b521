// The values of one stored slice of a V1 checkpoint, and their placement in
// the full tensor (spec checkpoint-v1.md §3, §5).
//
// A SavedSlice's TensorProto has no dtype and no shape: the dtype and the
// slice come from the file's metadata, and the values sit, row-major, in the
// typed repeated field of that dtype:
//   float_val: FLOAT   double_val: DOUBLE   int64_val: INT64   bool_val: BOOL
//   int_val: INT32 UINT8 INT16 INT8 UINT16 QINT8 QUINT8 QINT16 QUINT16 QINT32
//   half_val: HALF BFLOAT16 (raw 16-bit patterns)   string_val: STRING
//   scomplex_val / dcomplex_val: COMPLEX64 / COMPLEX128 (re, im interleaved)
//   uint32_val / uint64_val: UINT32 / UINT64
// TF writers never use tensor_content here; it is accepted when it holds
// exactly the slice's bytes.
// Thread-safety: pure functions.
#ifndef TFPERSIST_IO_V1_SLICE_DATA_H_
#define TFPERSIST_IO_V1_SLICE_DATA_H_

#include "tensorflow/core/framework/tensor.pb.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist::v1 {

// True for the dtypes a V1 checkpoint can hold (TF_CALL_SAVE_RESTORE_TYPES
// plus the integral types above).
bool IsV1DataType(DataType dtype);

// Decodes the values of a slice of shape `slice_shape`. Takes *data apart
// (its fields are moved out). DATA_LOSS if the proto holds a number of
// values other than slice_shape.num_elements(), or values in a field that
// does not belong to dtype. REQUIRES: IsV1DataType(dtype).
StatusOr<Tensor> DecodeSliceValues(DataType dtype,
                                   const TensorShape& slice_shape,
                                   tensorflow::TensorProto* data);

// Copies `values` (whose shape is slice's shape within full->shape()) into
// the region `slice` of *full. REQUIRES: same dtype, slice fits full.
void CopySliceIntoTensor(const Tensor& values, const TensorSlice& slice,
                         Tensor* full);

}  // namespace tfpersist::v1

#endif  // TFPERSIST_IO_V1_SLICE_DATA_H_
