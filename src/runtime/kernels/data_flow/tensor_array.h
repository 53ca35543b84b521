// TensorArray: the resource behind TF's TensorArrayV3 family (cf. TF's
// kernels/tensor_array.h). A TensorArray holds `size` slots of one dtype;
// each slot is written once and, with clear_after_read, read once. It lives
// in the Run's step container (OpKernelContext::step_resource_manager), so
// it disappears when the Run ends, as in TF; a TensorArray created inside a
// while loop gets a new resource per iteration (unique key per creation).
//
// The flow scalar (a float, always 0 here) is what orders the ops on one
// TensorArray in the graph: every op that writes takes flow_in and returns
// flow_out, so a Read that consumes a Write's flow_out runs after it. The
// executor's data edges give that order; the value itself carries nothing.
//
// Slots are kept sparsely (a map), so a hostile `size` (up to 2^31-1)
// allocates nothing until elements are written.
//
// Errors are TF's messages, prefixed "TensorArray <key>: " where TF names
// the array. Thread-safety: all methods are thread-safe.
#ifndef TFPERSIST_RUNTIME_KERNELS_DATA_FLOW_TENSOR_ARRAY_H_
#define TFPERSIST_RUNTIME_KERNELS_DATA_FLOW_TENSOR_ARRAY_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/op_kernel.h"
#include "runtime/resource_mgr.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// The step-container "container" that holds TensorArrays.
inline constexpr char kTensorArrayContainer[] = "_tensor_arrays";

class TensorArray : public ResourceBase {
 public:
  struct Options {
    DataType dtype = DT_FLOAT;
    int32_t size = 0;  // REQUIRES: >= 0
    PartialTensorShape element_shape;
    bool dynamic_size = false;
    bool clear_after_read = true;
    bool identical_element_shapes = false;
  };

  TensorArray(std::string key, Options options);

  const std::string& key() const { return key_; }
  DataType dtype() const { return options_.dtype; }
  bool dynamic_size() const { return options_.dynamic_size; }

  // Writes `value` at `index` (growing the array when dynamic_size).
  // INVALID_ARGUMENT when closed, out of range, of the wrong dtype or
  // shape, or when the slot was already written or read.
  Status Write(int32_t index, const Tensor& value);
  // Writes values[k] at indices[k], all under one lock; stops at the first
  // error. REQUIRES: indices.size() == values.size().
  Status WriteMany(const std::vector<int32_t>& indices,
                   const std::vector<Tensor>& values);
  // Reads slot `index`. An unwritten slot reads as zeros when the element
  // shape is fully defined (TF's rule), else INVALID_ARGUMENT.
  Status Read(int32_t index, Tensor* value);
  Status ReadMany(const std::vector<int32_t>& indices,
                  std::vector<Tensor>* values);
  // The current number of slots; INVALID_ARGUMENT when closed.
  StatusOr<int32_t> Size() const;
  // The element shape known so far (attr merged with written values).
  PartialTensorShape ElemShape() const;
  // Merges `shape` into the element shape; INVALID_ARGUMENT on a conflict.
  Status SetElemShape(const PartialTensorShape& shape);
  // Drops every value; later calls fail with "... has already been closed."
  void Close();

  std::string DebugString() const override;

 private:
  struct Slot {
    Tensor tensor;
    TensorShape shape;
    bool written = false;
    bool read = false;
    bool cleared = false;
  };
  Status LockedCheckOpen() const;
  Status LockedWrite(int32_t index, const Tensor& value);
  Status LockedRead(int32_t index, Tensor* value);

  const std::string key_;
  const Options options_;
  mutable std::mutex mu_;
  PartialTensorShape element_shape_;
  int64_t size_;
  std::map<int32_t, Slot> slots_;
  bool closed_ = false;
};

// The TensorArray named by resource input `input` of the kernel, from the
// Run's step container. NOT_FOUND when it does not exist.
StatusOr<std::shared_ptr<TensorArray>> GetTensorArray(OpKernelContext* ctx,
                                                      int input);

// INVALID_ARGUMENT "TensorArray dtype is float but Op requested dtype
// int32." unless ta.dtype() == want.
Status CheckRequestedDtype(const TensorArray& ta, DataType want);

// Copies all elements of `src` into `dst` starting at flat element
// `offset`. REQUIRES: same dtype, offset + src.NumElements() <=
// dst->NumElements().
void CopyElementsInto(const Tensor& src, int64_t offset, Tensor* dst);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_DATA_FLOW_TENSOR_ARRAY_H_
