// Tensor: a typed n-dimensional array over a ref-counted, 64-byte-aligned
// buffer. Copying a Tensor shares the buffer (cheap); DeepCopy() duplicates
// it. DT_STRING tensors hold std::string elements.
//
// Thread-safety: distinct Tensor objects may be used concurrently even when
// they share a buffer; writing elements of a shared buffer while another
// thread reads it is a data race (as in TensorFlow).
#ifndef TFPERSIST_CORE_TENSOR_H_
#define TFPERSIST_CORE_TENSOR_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/logging.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

// Owns (or references) the bytes of a tensor. Subclasses free them.
class TensorBuffer {
 public:
  TensorBuffer(void* data, size_t size) : data_(data), size_(size) {}
  virtual ~TensorBuffer() = default;
  TensorBuffer(const TensorBuffer&) = delete;
  TensorBuffer& operator=(const TensorBuffer&) = delete;
  void* data() const { return data_; }
  size_t size() const { return size_; }

 protected:
  void* data_;
  size_t size_;
};

class Tensor {
 public:
  static constexpr size_t kAlignment = 64;

  // Not initialized: dtype DT_INVALID, no buffer.
  Tensor() = default;
  // Allocates storage for shape.num_elements() elements. Numeric elements
  // are NOT zeroed (callers overwrite them; use Zeros() otherwise); string
  // elements are empty. REQUIRES: DataTypeIsStorable(dtype) and a size that
  // fits in memory (aborts otherwise; use Allocate for untrusted input).
  Tensor(DataType dtype, const TensorShape& shape);

  // Like the constructor, for untrusted dtype/shape: INVALID_ARGUMENT for an
  // unsupported dtype, RESOURCE_EXHAUSTED when the bytes cannot be allocated.
  static StatusOr<Tensor> Allocate(DataType dtype, const TensorShape& shape);
  // A tensor of zeros (empty strings, false).
  static Tensor Zeros(DataType dtype, const TensorShape& shape);
  // Wraps caller memory without copying; `deallocator(data, len)` runs when
  // the last Tensor sharing it is destroyed. REQUIRES: memcpy-able dtype and
  // len >= num_elements * DataTypeSize(dtype).
  static Tensor FromExternal(DataType dtype, const TensorShape& shape,
                             void* data, size_t len,
                             std::function<void(void*, size_t)> deallocator);

  template <typename T>
  static Tensor Scalar(T value) {
    Tensor t(DataTypeToEnum<T>::value, TensorShape());
    t.data<T>()[0] = std::move(value);
    return t;
  }
  // REQUIRES: values.size() == shape.num_elements().
  template <typename T>
  static Tensor FromVector(const std::vector<T>& values,
                           const TensorShape& shape) {
    Tensor t(DataTypeToEnum<T>::value, shape);
    TFP_CHECK(static_cast<int64_t>(values.size()) == shape.num_elements())
        << values.size() << " values for shape " << shape.DebugString();
    std::copy(values.begin(), values.end(), t.data<T>());
    return t;
  }
  template <typename T>
  static Tensor FromVector(const std::vector<T>& values) {
    return FromVector(values, TensorShape({static_cast<int64_t>(values.size())}));
  }

  DataType dtype() const { return dtype_; }
  const TensorShape& shape() const { return shape_; }
  int dims() const { return shape_.dims(); }
  int64_t dim_size(int i) const { return shape_.dim_size(i); }
  int64_t NumElements() const { return shape_.num_elements(); }
  // Bytes of element storage: NumElements() * DataTypeSize() for memcpy-able
  // types; for strings the sum of the string lengths.
  size_t TotalBytes() const;
  // True when the tensor has storage (or has zero elements).
  bool IsInitialized() const;

  // Typed element access. REQUIRES: DataTypeToEnum<T>::value == dtype().
  template <typename T>
  T* data() {
    TFP_DCHECK(DataTypeToEnum<T>::value == dtype_) << DataTypeString(dtype_);
    return buf_ ? static_cast<T*>(buf_->data()) : nullptr;
  }
  template <typename T>
  const T* data() const {
    TFP_DCHECK(DataTypeToEnum<T>::value == dtype_) << DataTypeString(dtype_);
    return buf_ ? static_cast<const T*>(buf_->data()) : nullptr;
  }
  template <typename T>
  std::span<T> flat() {
    return std::span<T>(data<T>(), static_cast<size_t>(NumElements()));
  }
  template <typename T>
  std::span<const T> flat() const {
    return std::span<const T>(data<T>(), static_cast<size_t>(NumElements()));
  }
  // REQUIRES: NumElements() == 1.
  template <typename T>
  T& scalar() {
    TFP_DCHECK(NumElements() == 1);
    return data<T>()[0];
  }
  template <typename T>
  const T& scalar() const {
    TFP_DCHECK(NumElements() == 1);
    return data<T>()[0];
  }

  // Raw element bytes. REQUIRES: DataTypeCanMemcpy(dtype()).
  std::string_view tensor_data() const;
  char* raw_data() { return buf_ ? static_cast<char*>(buf_->data()) : nullptr; }
  const char* raw_data() const {
    return buf_ ? static_cast<const char*>(buf_->data()) : nullptr;
  }

  // The same buffer viewed with another shape of equal element count;
  // INVALID_ARGUMENT otherwise.
  StatusOr<Tensor> Reshaped(const TensorShape& shape) const;
  // Rows [start, limit) of dimension 0, sharing nothing (a copy).
  // REQUIRES: dims() >= 1 and 0 <= start <= limit <= dim_size(0).
  Tensor SliceDim0(int64_t start, int64_t limit) const;
  Tensor DeepCopy() const;
  bool SharesBufferWith(const Tensor& other) const {
    return buf_ != nullptr && buf_ == other.buf_;
  }
  // Same dtype, shape and element values (bitwise for floats, so NaNs with
  // equal bits compare equal).
  bool IsSameAs(const Tensor& other) const;

  // "Tensor<type: float shape: [2] values: 1 2>" (TF's DebugString).
  std::string DebugString(int64_t max_entries = 3) const;
  // Values only, as TF's SummarizeValue: "1 2 3..." — nested brackets for
  // rank > 1 ("[1 2][3 4]"), "..." after max_entries.
  std::string SummarizeValue(int64_t max_entries) const;
  // Element i (flat index) as a double; REQUIRES a real numeric or bool type.
  double ElementAsDouble(int64_t i) const;

 private:
  Tensor(DataType dtype, const TensorShape& shape,
         std::shared_ptr<TensorBuffer> buf)
      : dtype_(dtype), shape_(shape), buf_(std::move(buf)) {}

  DataType dtype_ = DT_INVALID;
  TensorShape shape_;
  std::shared_ptr<TensorBuffer> buf_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_TENSOR_H_
