// LookupTable: the resource behind HashTableV2 / MutableHashTableV2 handles
// (TF's lookup::HashTable and MutableHashTableOfScalars): scalar keys
// (string, int32, int64) to scalar values (bool, int32, int64, float,
// double, string), held in the session's ResourceMgr.
//
// A HashTable is initializable: InitializeTableV2 / text-file / import fill
// it once (again with the same data is a no-op; with other data
// FAILED_PRECONDITION "Table was already initialized with different
// data."), finds before that fail with "Table not initialized.", and Insert
// is UNIMPLEMENTED. A mutable table is always initialized; Insert adds or
// overwrites, Import replaces the contents.
//
// Thread-safety: every method is thread-safe (one mutex per table).
#ifndef TFPERSIST_RUNTIME_KERNELS_LOOKUP_LOOKUP_TABLE_H_
#define TFPERSIST_RUNTIME_KERNELS_LOOKUP_LOOKUP_TABLE_H_

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/resource_mgr.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

class LookupTable : public ResourceBase {
 public:
  // INVALID_ARGUMENT / UNIMPLEMENTED for unsupported dtypes (the kernels
  // call this before creating a table).
  static Status CheckDtypes(DataType key_dtype, DataType value_dtype);

  LookupTable(DataType key_dtype, DataType value_dtype, bool is_mutable)
      : key_dtype_(key_dtype),
        value_dtype_(value_dtype),
        is_mutable_(is_mutable) {}

  DataType key_dtype() const { return key_dtype_; }
  DataType value_dtype() const { return value_dtype_; }

  // Fills an initializable table from keys[i] -> values[i] (same number of
  // elements, the table's dtypes); see the class comment for repeats.
  // Mutable tables: replaces the contents (Import).
  Status Initialize(const Tensor& keys, const Tensor& values);
  // Mutable tables only: adds or overwrites.
  Status Insert(const Tensor& keys, const Tensor& values);
  // out[i] = table[keys[i]] or the scalar default. REQUIRES: out has the
  // value dtype and keys' element count.
  Status Find(const Tensor& keys, const Tensor& default_value,
              Tensor* out) const;
  int64_t size() const;

  std::string DebugString() const override;

 private:
  Status CheckTypes(const Tensor& keys, const Tensor& values) const;
  // Adds every pair to `map`; FAILED_PRECONDITION for a key repeated with
  // another value.
  Status InsertInto(const Tensor& keys, const Tensor& values,
                    std::unordered_map<std::string, std::string>* map,
                    bool overwrite) const;

  const DataType key_dtype_;
  const DataType value_dtype_;
  const bool is_mutable_;
  mutable std::mutex mu_;
  bool initialized_ = false;
  // Element bytes (numeric) or the string itself -> value likewise.
  std::unordered_map<std::string, std::string> map_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_LOOKUP_LOOKUP_TABLE_H_
