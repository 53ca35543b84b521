// Tensor storage: aligned, ref-counted buffers; copies and comparisons.
//
// Buffer layout: numeric tensors hold NumElements() * DataTypeSize() bytes
// of little-endian, row-major elements at a 64-byte-aligned address
// (2 MiB-aligned and marked MADV_HUGEPAGE from 2 MiB up). DT_STRING tensors
// hold NumElements() placement-constructed std::string objects, destroyed
// by the buffer. Zero-element tensors have no buffer.
#include "tfpersist/core/tensor.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

#include "tfpersist/core/memory_limits.h"

namespace tfpersist {
namespace {

constexpr size_t kHugePageSize = size_t{2} << 20;

// Heap storage from aligned_alloc; destroys `num_strings` strings first.
class HeapBuffer : public TensorBuffer {
 public:
  HeapBuffer(void* data, size_t size, int64_t num_strings)
      : TensorBuffer(data, size), num_strings_(num_strings) {}
  ~HeapBuffer() override {
    auto* strings = static_cast<std::string*>(data_);
    for (int64_t i = 0; i < num_strings_; ++i) strings[i].~basic_string();
    std::free(data_);
  }

 private:
  int64_t num_strings_;
};

// Caller memory released through the caller's deallocator.
class ExternalBuffer : public TensorBuffer {
 public:
  ExternalBuffer(void* data, size_t size,
                 std::function<void(void*, size_t)> deallocator)
      : TensorBuffer(data, size), deallocator_(std::move(deallocator)) {}
  ~ExternalBuffer() override {
    if (deallocator_) deallocator_(data_, size_);
  }

 private:
  std::function<void(void*, size_t)> deallocator_;
};

// nullptr when the memory is not available. Large blocks get huge pages to
// cut the page-fault cost of filling them.
void* AllocateAligned(size_t bytes) {
  const size_t align =
      bytes >= kHugePageSize ? kHugePageSize : Tensor::kAlignment;
  if (bytes > std::numeric_limits<size_t>::max() - align) return nullptr;
  const size_t rounded = (bytes + align - 1) / align * align;
  void* p = std::aligned_alloc(align, rounded);
  if (p != nullptr && align == kHugePageSize) {
    (void)madvise(p, rounded, MADV_HUGEPAGE);  // Advisory: ignore failure.
  }
  return p;
}

// Bytes one element occupies in a buffer.
size_t ElementStorageSize(DataType dtype) {
  return dtype == DT_STRING ? sizeof(std::string) : DataTypeSize(dtype);
}

// Copies `count` elements from src[src_off...] to dst[dst_off...].
// REQUIRES: same dtype, ranges in bounds.
void CopyElements(const Tensor& src, int64_t src_off, Tensor* dst,
                  int64_t dst_off, int64_t count) {
  if (count == 0) return;
  if (src.dtype() == DT_STRING) {
    const std::string* from = src.data<std::string>() + src_off;
    std::copy(from, from + count, dst->data<std::string>() + dst_off);
    return;
  }
  const size_t size = DataTypeSize(src.dtype());
  std::memcpy(dst->raw_data() + dst_off * size, src.raw_data() + src_off * size,
              count * size);
}

}  // namespace

Tensor::Tensor(DataType dtype, const TensorShape& shape) {
  StatusOr<Tensor> t = Allocate(dtype, shape);
  TFP_CHECK(t.ok()) << t.status().ToString();
  *this = std::move(t).value();
}

StatusOr<Tensor> Tensor::Allocate(DataType dtype, const TensorShape& shape) {
  if (!DataTypeIsStorable(dtype)) {
    return errors::InvalidArgument("Cannot allocate a tensor of type ",
                                   DataTypeString(dtype),
                                   ": tfpersist tensors cannot hold it");
  }
  const int64_t n = shape.num_elements();
  if (n == 0) return Tensor(dtype, shape, nullptr);
  const size_t elem = ElementStorageSize(dtype);
  if (static_cast<uint64_t>(n) > std::numeric_limits<size_t>::max() / elem) {
    return errors::ResourceExhausted("A ", DataTypeString(dtype),
                                     " tensor of shape ", shape.DebugString(),
                                     " needs more bytes than size_t can hold");
  }
  const size_t bytes = static_cast<size_t>(n) * elem;
  // Checked before the allocator: sanitizer allocators abort on absurd
  // sizes instead of returning nullptr, and overcommit would accept them.
  if (bytes > MaxTensorBytes()) {
    return errors::ResourceExhausted(
        "OOM when allocating tensor with shape", shape.DebugString(),
        " and type ", DataTypeString(dtype), ": ", bytes,
        " bytes exceed the per-tensor limit of ", MaxTensorBytes(),
        " bytes (TFP_MAX_TENSOR_BYTES)");
  }
  void* p = AllocateAligned(bytes);
  if (p == nullptr) {
    return errors::ResourceExhausted("Out of memory allocating ", bytes,
                                     " bytes for a ", DataTypeString(dtype),
                                     " tensor of shape ", shape.DebugString());
  }
  const int64_t num_strings = dtype == DT_STRING ? n : 0;
  auto* strings = static_cast<std::string*>(p);
  for (int64_t i = 0; i < num_strings; ++i) new (strings + i) std::string();
  try {
    return Tensor(dtype, shape,
                  std::make_shared<HeapBuffer>(p, bytes, num_strings));
  } catch (const std::bad_alloc&) {
    HeapBuffer release(p, bytes, num_strings);
    return errors::ResourceExhausted("Out of memory wrapping a ",
                                     DataTypeString(dtype), " tensor buffer");
  }
}

Tensor Tensor::Zeros(DataType dtype, const TensorShape& shape) {
  Tensor t(dtype, shape);
  if (dtype != DT_STRING && t.raw_data() != nullptr) {
    std::memset(t.raw_data(), 0, t.buf_->size());
  }
  return t;
}

Tensor Tensor::FromExternal(DataType dtype, const TensorShape& shape,
                            void* data, size_t len,
                            std::function<void(void*, size_t)> deallocator) {
  // Beyond the header contract: DT_VARIANT wraps an opaque object the
  // deallocator owns (the runtime TensorList, kernels/list/tensor_list.h);
  // such a tensor is only forwarded, never deep-copied or printed.
  TFP_CHECK((DataTypeCanMemcpy(dtype) && DataTypeIsStorable(dtype)) ||
            dtype == DT_VARIANT)
      << "FromExternal needs a plain-bytes dtype, got "
      << DataTypeString(dtype);
  const uint64_t need =
      static_cast<uint64_t>(shape.num_elements()) * DataTypeSize(dtype);
  TFP_CHECK(len >= need) << "FromExternal: " << len << " bytes for "
                         << shape.DebugString() << " " << DataTypeString(dtype)
                         << " (need " << need << ")";
  return Tensor(
      dtype, shape,
      std::make_shared<ExternalBuffer>(data, len, std::move(deallocator)));
}

size_t Tensor::TotalBytes() const {
  if (buf_ == nullptr) return 0;
  if (dtype_ == DT_STRING) {
    size_t total = 0;
    for (const std::string& s : flat<std::string>()) total += s.size();
    return total;
  }
  return static_cast<size_t>(NumElements()) * DataTypeSize(dtype_);
}

bool Tensor::IsInitialized() const {
  return buf_ != nullptr || NumElements() == 0;
}

std::string_view Tensor::tensor_data() const {
  TFP_CHECK(DataTypeCanMemcpy(dtype_))
      << "tensor_data() of a " << DataTypeString(dtype_) << " tensor";
  if (buf_ == nullptr) return {};
  return std::string_view(raw_data(), TotalBytes());
}

StatusOr<Tensor> Tensor::Reshaped(const TensorShape& shape) const {
  if (shape.num_elements() != NumElements()) {
    return errors::InvalidArgument("Cannot reshape a tensor of shape ",
                                   shape_.DebugString(), " (", NumElements(),
                                   " elements) to shape ", shape.DebugString(),
                                   " (", shape.num_elements(), " elements)");
  }
  return Tensor(dtype_, shape, buf_);
}

Tensor Tensor::SliceDim0(int64_t start, int64_t limit) const {
  TFP_CHECK(dims() >= 1 && 0 <= start && start <= limit && limit <= dim_size(0))
      << "SliceDim0(" << start << ", " << limit << ") of shape "
      << shape_.DebugString();
  TensorShape out_shape = shape_;
  out_shape.set_dim(0, limit - start);
  Tensor out(dtype_, out_shape);
  const int64_t row = dim_size(0) == 0 ? 0 : NumElements() / dim_size(0);
  CopyElements(*this, start * row, &out, 0, out.NumElements());
  return out;
}

Tensor Tensor::DeepCopy() const {
  if (buf_ == nullptr) return Tensor(dtype_, shape_, nullptr);
  Tensor out(dtype_, shape_);
  CopyElements(*this, 0, &out, 0, NumElements());
  return out;
}

bool Tensor::IsSameAs(const Tensor& other) const {
  if (dtype_ != other.dtype_ || !(shape_ == other.shape_)) return false;
  if (NumElements() == 0) return true;
  if (buf_ == nullptr || other.buf_ == nullptr) {
    return buf_ == other.buf_;
  }
  if (dtype_ == DT_STRING) {
    auto a = flat<std::string>();
    auto b = other.flat<std::string>();
    return std::equal(a.begin(), a.end(), b.begin());
  }
  return tensor_data() == other.tensor_data();
}

}  // namespace tfpersist
