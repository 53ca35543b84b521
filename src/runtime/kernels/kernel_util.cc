#include "runtime/kernels/kernel_util.h"

#include <limits>

namespace tfpersist {

StatusOr<std::vector<int64_t>> ReadIndexTensor(const Tensor& t,
                                               std::string_view what) {
  std::vector<int64_t> out;
  out.reserve(t.NumElements());
  if (t.dtype() == DT_INT32) {
    for (int32_t v : t.flat<int32_t>()) out.push_back(v);
  } else if (t.dtype() == DT_INT64) {
    for (int64_t v : t.flat<int64_t>()) out.push_back(v);
  } else if (t.dtype() == DT_INT16) {  // int16 index types (GatherNd, ...)
    for (int16_t v : t.flat<int16_t>()) out.push_back(v);
  } else if (t.dtype() == DT_INT8) {  // SplitV's Tlen
    for (int8_t v : t.flat<int8_t>()) out.push_back(v);
  } else if (t.dtype() == DT_UINT16) {  // TensorScatterUpdate's Tindices
    for (uint16_t v : t.flat<uint16_t>()) out.push_back(v);
  } else {
    return errors::InvalidArgument(what, " must be int32 or int64, got ",
                                   DataTypeString(t.dtype()));
  }
  return out;
}

StatusOr<int64_t> ReadIndexScalar(const Tensor& t, std::string_view what) {
  if (t.NumElements() != 1) {
    return errors::InvalidArgument(what, " must be a scalar, got shape ",
                                   t.shape().DebugString());
  }
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> v, ReadIndexTensor(t, what));
  return v[0];
}

StatusOr<Tensor> MakeIndexVector(DataType dtype,
                                 const std::vector<int64_t>& values) {
  TensorShape shape({static_cast<int64_t>(values.size())});
  if (dtype == DT_INT64) return Tensor::FromVector(values, shape);
  if (dtype != DT_INT32) {
    return errors::InvalidArgument("index type must be int32 or int64, got ",
                                   DataTypeString(dtype));
  }
  Tensor t(DT_INT32, shape);
  int32_t* data = t.data<int32_t>();
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] > std::numeric_limits<int32_t>::max() ||
        values[i] < std::numeric_limits<int32_t>::min()) {
      return errors::InvalidArgument("value ", values[i],
                                     " does not fit in int32");
    }
    data[i] = static_cast<int32_t>(values[i]);
  }
  return t;
}

StatusOr<int> CanonicalAxis(int64_t axis, int rank, std::string_view what) {
  if (axis < -rank || axis >= rank) {
    return errors::InvalidArgument(
        what, " ", axis, " is out of range for a tensor of rank ", rank,
        " (expected [", -rank, ", ", rank, "))");
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

int64_t DimProduct(const TensorShape& shape, int begin, int end) {
  int64_t p = 1;
  for (int d = begin; d < end; ++d) p *= shape.dim_size(d);
  return p;
}

}  // namespace tfpersist
