// TensorList: the value of a DT_VARIANT list tensor (TF's TensorList in
// kernels/tensor_list.h): element dtype, element shape (possibly partial)
// and the elements (an unset element is an uninitialized Tensor; reading
// it gives zeros when its shape is known).
//
// A list travels as a scalar DT_VARIANT Tensor whose buffer owns one
// immutable TensorList (Tensor::FromExternal); kernels never modify a list
// in place: they copy it (elements share their buffers) and wrap the copy.
// Thread-safety: immutable once wrapped.
#ifndef TFPERSIST_RUNTIME_KERNELS_LIST_TENSOR_LIST_H_
#define TFPERSIST_RUNTIME_KERNELS_LIST_TENSOR_LIST_H_

#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

struct TensorList {
  DataType element_dtype = DT_INVALID;
  PartialTensorShape element_shape;  // unknown rank by default
  int64_t max_num_elements = -1;
  std::vector<Tensor> tensors;
};

// A scalar DT_VARIANT tensor owning `list`.
Tensor WrapTensorList(TensorList list);

// The list held by a DT_VARIANT scalar. INVALID_ARGUMENT "Input handle is
// not a list" otherwise, and when its element dtype is not `dtype` (unless
// dtype is DT_INVALID).
StatusOr<const TensorList*> GetTensorList(const Tensor& t,
                                          DataType dtype = DT_INVALID);

// An element_shape input: scalar -1 = unknown rank, else a vector with -1
// for unknown dims (int32 or int64). INVALID_ARGUMENT otherwise.
StatusOr<PartialTensorShape> ShapeFromTensor(const Tensor& t);

// The most specific of two compatible partial shapes; INVALID_ARGUMENT
// "Incompatible shapes ..." otherwise.
StatusOr<PartialTensorShape> MergeShapes(const PartialTensorShape& a,
                                         const PartialTensorShape& b);

// Element i, or zeros when unset and `shape` (merged with the list's) is
// fully defined; INVALID_ARGUMENT otherwise.
StatusOr<Tensor> ElementOrZeros(const TensorList& list, int64_t i,
                                const PartialTensorShape& shape);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_LIST_TENSOR_LIST_H_
