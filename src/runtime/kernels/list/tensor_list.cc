// TensorList wrapping and shape helpers.
#include "runtime/kernels/list/tensor_list.h"

namespace tfpersist {

Tensor WrapTensorList(TensorList list) {
  auto* owned = new TensorList(std::move(list));
  return Tensor::FromExternal(
      DT_VARIANT, TensorShape(), owned, sizeof(TensorList),
      [](void* p, size_t) { delete static_cast<TensorList*>(p); });
}

StatusOr<const TensorList*> GetTensorList(const Tensor& t, DataType dtype) {
  if (t.dtype() != DT_VARIANT || t.dims() != 0 || t.raw_data() == nullptr) {
    return errors::InvalidArgument("Input handle is not a list. Saw: '",
                                   DataTypeString(t.dtype()), " ",
                                   t.shape().DebugString(), "'");
  }
  const auto* list = reinterpret_cast<const TensorList*>(t.raw_data());
  if (dtype != DT_INVALID && list->element_dtype != dtype) {
    return errors::InvalidArgument("Invalid data types; op elements ",
                                   DataTypeString(dtype), " but list elements ",
                                   DataTypeString(list->element_dtype));
  }
  return list;
}

StatusOr<PartialTensorShape> ShapeFromTensor(const Tensor& t) {
  auto dim = [&](int64_t i) {
    return t.dtype() == DT_INT32 ? int64_t{t.data<int32_t>()[i]}
                                 : t.data<int64_t>()[i];
  };
  if (t.dtype() != DT_INT32 && t.dtype() != DT_INT64) {
    return errors::InvalidArgument("element_shape must be int32 or int64, got ",
                                   DataTypeString(t.dtype()));
  }
  if (t.dims() == 0) {
    if (dim(0) != -1) {
      return errors::InvalidArgument(
          "The only valid scalar shape tensor is the fully unknown shape "
          "specified as -1.");
    }
    return PartialTensorShape::UnknownRank();
  }
  if (t.dims() != 1) {
    return errors::InvalidArgument("Shape must be at most rank 1 but is rank ",
                                   t.dims());
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < t.NumElements(); ++i) dims.push_back(dim(i));
  return PartialTensorShape::Build(dims);
}

StatusOr<PartialTensorShape> MergeShapes(const PartialTensorShape& a,
                                         const PartialTensorShape& b) {
  if (a.unknown_rank()) return b;
  if (b.unknown_rank()) return a;
  if (!a.IsCompatibleWith(b)) {
    return errors::InvalidArgument("Incompatible shapes during merge: ",
                                   a.DebugString(), " vs. ", b.DebugString());
  }
  std::vector<int64_t> dims = a.dim_sizes();
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0) dims[i] = b.dim_size(static_cast<int>(i));
  }
  return PartialTensorShape::Build(dims);
}

StatusOr<Tensor> ElementOrZeros(const TensorList& list, int64_t i,
                                const PartialTensorShape& shape) {
  const Tensor& t = list.tensors[i];
  if (t.dtype() != DT_INVALID) return t;
  TFP_ASSIGN_OR_RETURN(PartialTensorShape s,
                       MergeShapes(list.element_shape, shape));
  if (!s.IsFullyDefined()) {
    return errors::InvalidArgument(
        "Trying to read an uninitialized tensor but element_shape: ",
        s.DebugString(), " is not fully defined.");
  }
  return Tensor::Zeros(list.element_dtype, s.AsTensorShape());
}

}  // namespace tfpersist
