// Helpers shared by kernels: dtype dispatch and reading index tensors.
//
// Dispatch calls a generic lambda with a type tag:
//   VisitStorageType(t.dtype(), [&](auto tag) {
//     using T = typename decltype(tag)::type;
//     ... copy elements of type T ...
//   });
// Storage dispatch maps every storable dtype to a type of the same size
// and copy semantics (uint8..uint64, Bytes16, std::string), for kernels that
// only move elements (Reshape, Concat, Gather, Transpose, ...).
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_KERNEL_UTIL_H_
#define TFPERSIST_RUNTIME_KERNELS_KERNEL_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

template <typename T>
struct TypeTag {
  using type = T;
};

// 16-byte element storage (complex128).
struct Bytes16 {
  uint64_t lo, hi;
};

// Calls f(TypeTag<S>) with the storage type of dt; false if dt has none.
template <typename F>
bool VisitStorageType(DataType dt, F&& f) {
  if (dt == DT_STRING) {
    f(TypeTag<std::string>{});
    return true;
  }
  if (!DataTypeCanMemcpy(dt)) return false;
  switch (DataTypeSize(dt)) {
    case 1:
      f(TypeTag<uint8_t>{});
      return true;
    case 2:
      f(TypeTag<uint16_t>{});
      return true;
    case 4:
      f(TypeTag<uint32_t>{});
      return true;
    case 8:
      f(TypeTag<uint64_t>{});
      return true;
    case 16:
      f(TypeTag<Bytes16>{});
      return true;
    default:
      return false;
  }
}

// The elements of t viewed as storage type S (see VisitStorageType).
template <typename S>
S* StorageData(Tensor& t) {
  return reinterpret_cast<S*>(t.raw_data());
}
template <typename S>
const S* StorageData(const Tensor& t) {
  return reinterpret_cast<const S*>(t.raw_data());
}

#define TFP_REAL_TYPE_CASES(f) \
  case DT_FLOAT:               \
    f(TypeTag<float>{});       \
    return true;               \
  case DT_DOUBLE:              \
    f(TypeTag<double>{});      \
    return true;               \
  case DT_INT8:                \
    f(TypeTag<int8_t>{});      \
    return true;               \
  case DT_INT16:               \
    f(TypeTag<int16_t>{});     \
    return true;               \
  case DT_INT32:               \
    f(TypeTag<int32_t>{});     \
    return true;               \
  case DT_INT64:               \
    f(TypeTag<int64_t>{});     \
    return true;               \
  case DT_UINT8:               \
    f(TypeTag<uint8_t>{});     \
    return true;               \
  case DT_UINT16:              \
    f(TypeTag<uint16_t>{});    \
    return true;               \
  case DT_UINT32:              \
    f(TypeTag<uint32_t>{});    \
    return true;               \
  case DT_UINT64:              \
    f(TypeTag<uint64_t>{});    \
    return true;

// Calls f(TypeTag<T>) for the real number types (float, double,
// int8/16/32/64, uint8/16/32/64); false otherwise.
template <typename F>
bool VisitRealType(DataType dt, F&& f) {
  switch (dt) {
    TFP_REAL_TYPE_CASES(f)
    default:
      return false;
  }
}

// VisitRealType plus complex64/128.
template <typename F>
bool VisitNumberType(DataType dt, F&& f) {
  switch (dt) {
    TFP_REAL_TYPE_CASES(f)
    case DT_COMPLEX64:
      f(TypeTag<complex64>{});
      return true;
    case DT_COMPLEX128:
      f(TypeTag<complex128>{});
      return true;
    default:
      return false;
  }
}
#undef TFP_REAL_TYPE_CASES

// The values of an int32 or int64 tensor (any shape) as int64.
// INVALID_ARGUMENT "<what> must be int32 or int64, got float" otherwise.
StatusOr<std::vector<int64_t>> ReadIndexTensor(const Tensor& t,
                                               std::string_view what);
// The single value of an int32/int64 tensor with one element.
StatusOr<int64_t> ReadIndexScalar(const Tensor& t, std::string_view what);

// Writes `values` into an int32 or int64 tensor of shape [values.size()].
// INVALID_ARGUMENT if a value does not fit in int32.
StatusOr<Tensor> MakeIndexVector(DataType dtype,
                                 const std::vector<int64_t>& values);

// Resolves a possibly negative axis against `rank` (valid range
// [-rank, rank)). INVALID_ARGUMENT "<what> <axis> is out of range for a
// tensor of rank <rank>" otherwise.
StatusOr<int> CanonicalAxis(int64_t axis, int rank, std::string_view what);

// Product of dims [begin, end) of shape.
int64_t DimProduct(const TensorShape& shape, int begin, int end);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_KERNEL_UTIL_H_
