#include "runtime/kernels/lookup/lookup_table.h"

#include <cstring>

namespace tfpersist {
namespace {

bool IsKeyType(DataType t) {
  return t == DT_STRING || t == DT_INT32 || t == DT_INT64;
}
bool IsValueType(DataType t) {
  return t == DT_STRING || t == DT_INT32 || t == DT_INT64 || t == DT_FLOAT ||
         t == DT_DOUBLE || t == DT_BOOL;
}

// The bytes identifying element i.
std::string Encode(const Tensor& t, int64_t i) {
  if (t.dtype() == DT_STRING) return t.data<std::string>()[i];
  const size_t n = DataTypeSize(t.dtype());
  return std::string(t.raw_data() + i * n, n);
}

void Decode(const std::string& bytes, int64_t i, Tensor* out) {
  if (out->dtype() == DT_STRING) {
    out->data<std::string>()[i] = bytes;
    return;
  }
  std::memcpy(out->raw_data() + i * bytes.size(), bytes.data(), bytes.size());
}

// The element as TF prints it in messages.
std::string Show(DataType dtype, const std::string& bytes) {
  Tensor t(dtype, TensorShape({1}));
  Decode(bytes, 0, &t);
  return t.SummarizeValue(1);
}

}  // namespace

Status LookupTable::CheckDtypes(DataType key_dtype, DataType value_dtype) {
  if (!IsKeyType(key_dtype) || !IsValueType(value_dtype)) {
    return errors::Unimplemented(
        "No lookup table kernel for key_dtype ", DataTypeString(key_dtype),
        " and value_dtype ", DataTypeString(value_dtype),
        " (keys: string, int32, int64; values: bool, int32, int64, float, "
        "double, string)");
  }
  return OkStatus();
}

Status LookupTable::CheckTypes(const Tensor& keys, const Tensor& values) const {
  if (keys.dtype() != key_dtype_) {
    return errors::InvalidArgument("Key must be type ",
                                   DataTypeString(key_dtype_), " but got ",
                                   DataTypeString(keys.dtype()));
  }
  if (values.dtype() != value_dtype_) {
    return errors::InvalidArgument("Value must be type ",
                                   DataTypeString(value_dtype_), " but got ",
                                   DataTypeString(values.dtype()));
  }
  if (keys.NumElements() != values.NumElements()) {
    return errors::InvalidArgument("Keys and values must have the same size ",
                                   keys.NumElements(), " vs ",
                                   values.NumElements());
  }
  return OkStatus();
}

Status LookupTable::InsertInto(
    const Tensor& keys, const Tensor& values,
    std::unordered_map<std::string, std::string>* map, bool overwrite) const {
  for (int64_t i = 0; i < keys.NumElements(); ++i) {
    std::string key = Encode(keys, i);
    std::string value = Encode(values, i);
    auto [it, inserted] = map->try_emplace(std::move(key), value);
    if (inserted || it->second == value) continue;
    if (overwrite) {
      it->second = std::move(value);
      continue;
    }
    return errors::FailedPrecondition(
        "HashTable has different value for same key. Key ",
        Show(key_dtype_, it->first), " has ", Show(value_dtype_, it->second),
        " and trying to add value ", Show(value_dtype_, value));
  }
  return OkStatus();
}

Status LookupTable::Initialize(const Tensor& keys, const Tensor& values) {
  TFP_RETURN_IF_ERROR(CheckTypes(keys, values));
  std::unordered_map<std::string, std::string> fresh;
  TFP_RETURN_IF_ERROR(InsertInto(keys, values, &fresh, is_mutable_));
  std::lock_guard<std::mutex> lock(mu_);
  if (initialized_ && !is_mutable_) {
    if (fresh != map_) {
      return errors::FailedPrecondition(
          "Table was already initialized with different data.");
    }
    return OkStatus();
  }
  map_ = std::move(fresh);
  initialized_ = true;
  return OkStatus();
}

Status LookupTable::Insert(const Tensor& keys, const Tensor& values) {
  if (!is_mutable_) {
    return errors::Unimplemented(
        "Insert not supported by InitializableLookupTable implementations");
  }
  TFP_RETURN_IF_ERROR(CheckTypes(keys, values));
  std::lock_guard<std::mutex> lock(mu_);
  initialized_ = true;
  return InsertInto(keys, values, &map_, /*overwrite=*/true);
}

Status LookupTable::Find(const Tensor& keys, const Tensor& default_value,
                         Tensor* out) const {
  if (keys.dtype() != key_dtype_) {
    return errors::InvalidArgument("Key must be type ",
                                   DataTypeString(key_dtype_), " but got ",
                                   DataTypeString(keys.dtype()));
  }
  if (default_value.dtype() != value_dtype_) {
    return errors::InvalidArgument("Value must be type ",
                                   DataTypeString(value_dtype_), " but got ",
                                   DataTypeString(default_value.dtype()));
  }
  if (default_value.dims() != 0) {
    return errors::InvalidArgument(
        "Expected shape [] for argument 'default_value', got ",
        default_value.shape().DebugString());
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!initialized_ && !is_mutable_) {
    return errors::FailedPrecondition("Table not initialized.");
  }
  const std::string fallback = Encode(default_value, 0);
  for (int64_t i = 0; i < keys.NumElements(); ++i) {
    auto it = map_.find(Encode(keys, i));
    Decode(it == map_.end() ? fallback : it->second, i, out);
  }
  return OkStatus();
}

int64_t LookupTable::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int64_t>(map_.size());
}

std::string LookupTable::DebugString() const {
  return StrCat(is_mutable_ ? "MutableHashTable" : "HashTable", " ",
                DataTypeString(key_dtype_), " -> ",
                DataTypeString(value_dtype_));
}

}  // namespace tfpersist
