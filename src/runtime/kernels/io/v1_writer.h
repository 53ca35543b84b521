// Writing V1 ("tensor slice") checkpoint files, as TF's TensorSliceWriter
// does for the Save and SaveSlices ops (spec checkpoint-v1.md §2-§3).
//
// One file is an SSTable (no compression, TF's table options):
//   ""                          -> SavedTensorSlices{meta: one SavedSliceMeta
//                                  per tensor in Add order (name, full shape,
//                                  dtype, its slices), versions{producer 1}}
//   EncodeTensorNameSlice(n, s) -> SavedTensorSlices{data: name, slice and a
//                                  TensorProto holding only the typed value
//                                  field (float_val, int_val, ...)}
// The table goes to "<filename>.tempstate<random>" and is renamed over
// <filename> by Finish, so readers never see a partial file.
// Thread-safety: not thread-safe.
#ifndef TFPERSIST_RUNTIME_KERNELS_IO_V1_WRITER_H_
#define TFPERSIST_RUNTIME_KERNELS_IO_V1_WRITER_H_

#include <map>
#include <string>

#include "tensorflow/core/util/saved_tensor_slice.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist {

class V1CheckpointWriter {
 public:
  // `env` must outlive the writer.
  V1CheckpointWriter(Env* env, std::string filename);

  // Adds `data` as `slice` of tensor `name` whose full shape is `shape`.
  // INVALID_ARGUMENT naming the tensor for an empty name, a dtype TF's V1
  // writer cannot write (bfloat16, qint16, quint16, resource, variant, ...), data whose shape is not the slice's, a dtype/shape differing from
  // earlier slices of the name, or a slice added twice.
  Status Add(const std::string& name, const TensorShape& shape,
             const TensorSlice& slice, const Tensor& data);
  // Writes the table and publishes it. Env errors name the file.
  Status Finish();

 private:
  // The meta entry of `name`, added if new; INVALID_ARGUMENT if it exists
  // with another dtype or shape.
  StatusOr<tensorflow::SavedSliceMeta*> MetaFor(const std::string& name,
                                                const TensorShape& shape,
                                                DataType dtype);

  Env* const env_;
  const std::string filename_;
  tensorflow::SavedTensorSlices meta_;
  std::map<std::string, std::string> data_;  // slice key -> SavedTensorSlices
};

// The values of `data` in the typed TensorProto field V1 uses for its dtype.
// REQUIRES: a dtype V1 can hold.
void EncodeV1SliceValues(const Tensor& data, tensorflow::TensorProto* proto);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_IO_V1_WRITER_H_
