// TF_Tensor: creation over caller memory or library memory, accessors, and
// the conversions to and from tfpersist::Tensor used by sessions and eager.
#include <cstdlib>
#include <cstring>
#include <new>

#include "c_api/c_api_internal.h"
#include "tfpersist/core/types.h"

namespace tfpersist::capi {
namespace {

constexpr size_t kAlign = Tensor::kAlignment;  // 64, as TF's largest

// Non-NULL data pointer for 0-byte tensors (cppflow v1 treats NULL as an
// error).
char kEmptyData[kAlign] alignas(kAlign);

void* AlignedAlloc(size_t len) {
  const size_t rounded = (len + kAlign - 1) / kAlign * kAlign;
  return std::aligned_alloc(kAlign, rounded == 0 ? kAlign : rounded);
}

bool ValidDims(const int64_t* dims, int num_dims) {
  if (num_dims < 0 || (num_dims > 0 && dims == nullptr)) return false;
  for (int i = 0; i < num_dims; ++i) {
    if (dims[i] < 0) return false;
  }
  return true;
}

// Element count, or -1 on overflow.
int64_t NumElements(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d != 0 && n > INT64_MAX / d) return -1;
    n *= d;
  }
  return n;
}

TF_Tensor* MakeTensor(TF_DataType dtype, const int64_t* dims, int num_dims,
                      std::shared_ptr<TensorStorage> storage) {
  auto* t = new TF_Tensor;
  t->dtype = dtype;
  if (num_dims > 0) t->dims.assign(dims, dims + num_dims);
  t->storage = std::move(storage);
  return t;
}

// The TF_TString records of a string tensor as std::strings.
Status DecodeTStrings(const TF_Tensor& t, int64_t n, Tensor* out) {
  // A single record may live beyond `len` (cppflow v1 passes len = 1 for a
  // scalar TF_TString it owns); more elements must fit.
  if (n > 1 && static_cast<uint64_t>(n) > t.storage->len / sizeof(TF_TString)) {
    return errors::InvalidArgument(
        "Malformed TF_STRING tensor; too short to hold number of elements (", n,
        " elements in ", t.storage->len, " bytes)");
  }
  const auto* recs = static_cast<const TF_TString*>(t.storage->data);
  std::string* dst = out->data<std::string>();
  for (int64_t i = 0; i < n; ++i) {
    const TF_TString* r = &recs[i];
    const size_t size = TF_TString_GetSize(r);
    const char* p = TF_TString_GetDataPointer(r);
    if (TF_TString_GetType(r) == TF_TSTR_OFFSET) {
      const size_t off = r->u.offset.offset;
      const size_t base = static_cast<size_t>(i) * sizeof(TF_TString);
      if (off + size + base > t.storage->len || off + size < off) {
        return errors::InvalidArgument(
            "Malformed TF_STRING tensor: element ", i,
            " has an offset past the end of the buffer");
      }
    }
    if (size > 0 && p == nullptr) {
      return errors::InvalidArgument("Malformed TF_STRING tensor: element ", i,
                                     " has a NULL data pointer");
    }
    dst[i].assign(p == nullptr ? "" : p, size);
  }
  return OkStatus();
}

// The legacy (TF < 2.4) layout: uint64 offsets[n], then varint+bytes.
Status DecodeLegacyStrings(const TF_Tensor& t, int64_t n, Tensor* out) {
  const char* base = static_cast<const char*>(t.storage->data);
  const size_t len = t.storage->len;
  if (static_cast<uint64_t>(n) > len / 8) {
    return errors::InvalidArgument(
        "Malformed TF_STRING tensor; too short to "
        "hold number of elements");
  }
  const uint64_t table = static_cast<uint64_t>(n) * 8;
  const char* data = base + table;
  const size_t data_len = len - table;
  std::string* dst = out->data<std::string>();
  for (int64_t i = 0; i < n; ++i) {
    uint64_t offset;
    std::memcpy(&offset, base + i * 8, 8);
    if (offset >= data_len) {
      return errors::InvalidArgument("Malformed TF_STRING tensor; element ", i,
                                     " out of range");
    }
    const char* p = nullptr;
    size_t plen = 0;
    TF_Status status;
    TF_StringDecode(data + offset, data_len - offset, &p, &plen, &status);
    if (status.code != TF_OK) {
      return errors::InvalidArgument("Malformed TF_STRING tensor; element ", i,
                                     ": ", status.message);
    }
    dst[i].assign(p, plen);
  }
  return OkStatus();
}

// True if the bytes are exactly a legacy string tensor: offsets[0] == 0,
// each element's varint string starting at the next offset and the last
// one ending at the end of the buffer (how TensorFlowSharp writes them).
bool LooksLegacy(const TF_Tensor& t, int64_t n) {
  const char* base = static_cast<const char*>(t.storage->data);
  const uint64_t len = t.storage->len;
  const uint64_t table = static_cast<uint64_t>(n) * 8;
  if (n <= 0 || static_cast<uint64_t>(n) > len / 8 || table >= len) {
    return false;
  }
  const char* data = base + table;
  const size_t data_len = static_cast<size_t>(len - table);
  size_t pos = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint64_t offset;
    std::memcpy(&offset, base + i * 8, 8);
    if (offset != pos || pos >= data_len) return false;
    TF_Status status;
    const size_t used =
        TF_StringDecode(data + pos, data_len - pos, nullptr, nullptr, &status);
    if (status.code != TF_OK) return false;
    pos += used;
  }
  return pos == data_len;
}

// True if `len` holds the elements of a fixed-size dtype (any len for
// TF_STRING and other variable-size types, as TF).
bool LenFits(TF_DataType dtype, const int64_t* dims, int num_dims, size_t len) {
  const int64_t n = NumElements(std::vector<int64_t>(dims, dims + num_dims));
  const size_t elem = TF_DataTypeSize(dtype);
  if (n < 0) return false;
  if (elem == 0) return true;
  return static_cast<uint64_t>(n) <= static_cast<uint64_t>(SIZE_MAX) / elem &&
         len >= static_cast<size_t>(n) * elem;
}

using Deallocator = void (*)(void* data, size_t len, void* arg);

// Storage over caller memory: shared until the last reference dies, or, for
// fixed-size data that is not 64-byte aligned, copied and released at once
// (as TF does). nullptr (memory released) if the copy cannot be allocated.
std::shared_ptr<TensorStorage> CallerStorage(bool fixed_size, void* data,
                                             size_t len, Deallocator dealloc,
                                             void* arg) {
  auto storage = std::make_shared<TensorStorage>();
  const bool unaligned = reinterpret_cast<uintptr_t>(data) % kAlign != 0;
  if (fixed_size && (unaligned || data == nullptr)) {
    void* copy = AlignedAlloc(len);
    if (copy != nullptr && len > 0 && data != nullptr) {
      std::memcpy(copy, data, len);
    }
    if (dealloc != nullptr) dealloc(data, len, arg);
    if (copy == nullptr) return nullptr;
    storage->data = copy;
    storage->len = len;
    storage->release = [copy] { std::free(copy); };
  } else {
    storage->data = data == nullptr ? static_cast<void*>(kEmptyData) : data;
    storage->len = len;
    if (dealloc != nullptr) {
      storage->release = [dealloc, data, len, arg] { dealloc(data, len, arg); };
    }
  }
  return storage;
}

}  // namespace

StatusOr<Tensor> ToTensor(const TF_Tensor& t) {
  const auto dtype = static_cast<DataType>(t.dtype);
  TFP_ASSIGN_OR_RETURN(TensorShape shape, TensorShape::Build(t.dims));
  if (!IsValidDataType(t.dtype) || IsRefType(dtype) ||
      !DataTypeIsStorable(dtype)) {
    return errors::InvalidArgument("Unsupported tensor dtype ",
                                   static_cast<int>(t.dtype),
                                   " in a TF_Tensor");
  }
  const int64_t n = shape.num_elements();
  if (dtype == DT_STRING) {
    const bool legacy = LooksLegacy(t, n);
    if (!legacy && n > 1 &&
        static_cast<uint64_t>(n) > t.storage->len / sizeof(TF_TString)) {
      return errors::InvalidArgument(
          "Malformed TF_STRING tensor; too short to hold number of elements (",
          n, " elements in ", t.storage->len, " bytes)");
    }
    TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(DT_STRING, shape));
    if (n == 0) return out;
    // TensorFlowSharp writes the legacy layout; TF >= 2.4 clients write
    // TF_TString records (cppflow v1 even passes len = 1 for a scalar
    // record it owns, so the length alone cannot tell).
    if (legacy) {
      TFP_RETURN_IF_ERROR(DecodeLegacyStrings(t, n, &out));
    } else {
      TFP_RETURN_IF_ERROR(DecodeTStrings(t, n, &out));
    }
    return out;
  }
  if (!DataTypeCanMemcpy(dtype)) {
    return errors::InvalidArgument("Cannot feed a ", DataTypeString(dtype),
                                   " tensor through the C API");
  }
  const uint64_t need = static_cast<uint64_t>(n) * DataTypeSize(dtype);
  if (t.storage->len < need) {
    return errors::InvalidArgument(
        "TF_Tensor of ", t.storage->len, " bytes is too small for shape ",
        shape.DebugString(), " of ", DataTypeString(dtype));
  }
  std::shared_ptr<TensorStorage> keep = t.storage;
  return Tensor::FromExternal(dtype, shape, t.storage->data, t.storage->len,
                              [keep](void*, size_t) mutable { keep.reset(); });
}

TF_Tensor* FromTensor(const Tensor& t) {
  auto storage = std::make_shared<TensorStorage>();
  const DataType base = BaseType(t.dtype());
  const auto& dims = t.shape().dim_sizes();
  if (base == DT_STRING) {
    const int64_t n = t.NumElements();
    const size_t len = static_cast<size_t>(n) * sizeof(TF_TString);
    auto* recs = static_cast<TF_TString*>(AlignedAlloc(len));
    if (recs == nullptr) throw std::bad_alloc();
    const std::string* src = t.data<std::string>();
    for (int64_t i = 0; i < n; ++i) {
      TF_TString_Init(&recs[i]);
      TF_TString_Copy(&recs[i], src[i].data(), src[i].size());
    }
    storage->data = recs;
    storage->len = len;
    storage->release = [recs, n] {
      for (int64_t i = 0; i < n; ++i) TF_TString_Dealloc(&recs[i]);
      std::free(recs);
    };
  } else {
    auto* keep = new Tensor(t);
    storage->data = keep->raw_data() == nullptr
                        ? static_cast<void*>(kEmptyData)
                        : static_cast<void*>(keep->raw_data());
    storage->len = t.NumElements() * DataTypeSize(base);
    storage->release = [keep] { delete keep; };
  }
  return MakeTensor(static_cast<TF_DataType>(base), dims.data(),
                    static_cast<int>(dims.size()), std::move(storage));
}

TF_Tensor* ShareTensor(const TF_Tensor& t) { return new TF_Tensor(t); }

}  // namespace tfpersist::capi

using tfpersist::capi::AlignedAlloc;
using tfpersist::capi::CallerStorage;
using tfpersist::capi::kAlign;
using tfpersist::capi::LenFits;
using tfpersist::capi::MakeTensor;
using tfpersist::capi::NumElements;
using tfpersist::capi::ValidDims;

extern "C" {

TF_Tensor* TF_NewTensor(TF_DataType dtype, const int64_t* dims, int num_dims,
                        void* data, size_t len,
                        void (*deallocator)(void* data, size_t len, void* arg),
                        void* deallocator_arg) {
  if (!ValidDims(dims, num_dims) || !LenFits(dtype, dims, num_dims, len)) {
    // TF: "len ... must be >= elements * type size" -> NULL.
    if (deallocator != nullptr) deallocator(data, len, deallocator_arg);
    return nullptr;
  }
  auto storage = CallerStorage(TF_DataTypeSize(dtype) > 0, data, len,
                               deallocator, deallocator_arg);
  if (storage == nullptr) return nullptr;
  return MakeTensor(dtype, dims, num_dims, std::move(storage));
}

TF_Tensor* TF_AllocateTensor(TF_DataType dtype, const int64_t* dims,
                             int num_dims, size_t len) {
  if (!ValidDims(dims, num_dims)) return nullptr;
  void* data = AlignedAlloc(len);
  if (data == nullptr) return nullptr;
  auto storage = std::make_shared<TensorStorage>();
  storage->data = data;
  storage->len = len;
  if (dtype == TF_STRING) {
    // Empty SMALL strings; the tensor owns LARGE payloads written into it.
    std::memset(data, 0, len);
    const size_t n = len / sizeof(TF_TString);
    storage->release = [data, n] {
      auto* recs = static_cast<TF_TString*>(data);
      for (size_t i = 0; i < n; ++i) TF_TString_Dealloc(&recs[i]);
      std::free(data);
    };
  } else {
    storage->release = [data] { std::free(data); };
  }
  return MakeTensor(dtype, dims, num_dims, std::move(storage));
}

TF_Tensor* TF_TensorMaybeMove(TF_Tensor* tensor) {
  if (tensor == nullptr) return nullptr;
  return tensor->storage.use_count() == 1 ? tensor : nullptr;
}

void TF_DeleteTensor(TF_Tensor* t) { delete t; }

TF_DataType TF_TensorType(const TF_Tensor* t) {
  return t == nullptr ? static_cast<TF_DataType>(0) : t->dtype;
}

void TF_SetShape(TF_Tensor* t, const int64_t* dims, int num_dims) {
  if (t == nullptr || !ValidDims(dims, num_dims)) return;
  t->dims.assign(dims, dims + num_dims);
}

int TF_NumDims(const TF_Tensor* t) {
  return t == nullptr ? 0 : static_cast<int>(t->dims.size());
}

int64_t TF_Dim(const TF_Tensor* t, int dim_index) {
  if (t == nullptr || dim_index < 0 ||
      dim_index >= static_cast<int>(t->dims.size())) {
    return 0;
  }
  return t->dims[dim_index];
}

size_t TF_TensorByteSize(const TF_Tensor* t) {
  return t == nullptr ? 0 : t->storage->len;
}

void* TF_TensorData(const TF_Tensor* t) {
  return t == nullptr ? nullptr : t->storage->data;
}

int64_t TF_TensorElementCount(const TF_Tensor* t) {
  return t == nullptr ? 0 : NumElements(t->dims);
}

void TF_TensorBitcastFrom(const TF_Tensor* from, TF_DataType type,
                          TF_Tensor* to, const int64_t* new_dims,
                          int num_new_dims, TF_Status* status) {
  using tfpersist::capi::Set;
  namespace errors = tfpersist::errors;
  if (from == nullptr || to == nullptr || !ValidDims(new_dims, num_new_dims)) {
    Set(status, errors::InvalidArgument("TF_TensorBitcastFrom: bad arguments"));
    return;
  }
  const std::vector<int64_t> dims(new_dims, new_dims + num_new_dims);
  const int64_t n = NumElements(dims);
  const size_t elem = TF_DataTypeSize(type);
  const size_t from_elem = TF_DataTypeSize(from->dtype);
  if (elem == 0 || from_elem == 0 || n < 0 ||
      static_cast<uint64_t>(n) * elem !=
          static_cast<uint64_t>(NumElements(from->dims)) * from_elem) {
    Set(status, errors::InvalidArgument(
                    "TensorBitcastFrom: the byte size of the source (",
                    from->storage->len, ") does not match the new shape"));
    return;
  }
  to->dtype = type;
  to->dims = dims;
  to->storage = from->storage;
  tfpersist::capi::SetOk(status);
}

bool TF_TensorIsAligned(const TF_Tensor* t) {
  return t != nullptr &&
         reinterpret_cast<uintptr_t>(t->storage->data) % kAlign == 0;
}

}  // extern "C"
