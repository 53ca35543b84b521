#include "runtime/kernels/data_flow/tensor_array.h"

#include <algorithm>
#include <cstring>

#include "graph/shape_inference.h"
#include "runtime/kernels/kernel_util.h"

namespace tfpersist {

TensorArray::TensorArray(std::string key, Options options)
    : key_(std::move(key)),
      options_(std::move(options)),
      element_shape_(options_.element_shape),
      size_(options_.size) {}

Status TensorArray::LockedCheckOpen() const {
  if (closed_) {
    return errors::InvalidArgument("TensorArray ", key_,
                                   " has already been closed.");
  }
  return OkStatus();
}

Status TensorArray::Write(int32_t index, const Tensor& value) {
  std::lock_guard<std::mutex> lock(mu_);
  return LockedWrite(index, value);
}

Status TensorArray::WriteMany(const std::vector<int32_t>& indices,
                              const std::vector<Tensor>& values) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t k = 0; k < indices.size(); ++k) {
    TFP_RETURN_IF_ERROR(LockedWrite(indices[k], values[k]));
  }
  return OkStatus();
}

Status TensorArray::LockedWrite(int32_t index, const Tensor& value) {
  TFP_RETURN_IF_ERROR(LockedCheckOpen());
  if (index < 0 || (!options_.dynamic_size && index >= size_)) {
    return errors::InvalidArgument(
        "TensorArray ", key_, ": Tried to write to index ", index,
        " but array is not resizeable and size is: ", size_);
  }
  if (value.dtype() != options_.dtype) {
    return errors::InvalidArgument(
        "TensorArray ", key_, ": Could not write to TensorArray index ", index,
        " because the value dtype is ", DataTypeString(value.dtype()),
        " but TensorArray dtype is ", DataTypeString(options_.dtype), ".");
  }
  if (!element_shape_.IsCompatibleWith(value.shape())) {
    return errors::InvalidArgument(
        "TensorArray ", key_, ": Could not write to TensorArray index ", index,
        " because the value shape is ", value.shape().DebugString(),
        " which is incompatible with the TensorArray's inferred element "
        "shape: ",
        element_shape_.DebugString(), " (consider setting infer_shape=False).");
  }
  if (options_.identical_element_shapes && !element_shape_.IsFullyDefined()) {
    element_shape_ = PartialTensorShape(value.shape());
  }
  Slot& slot = slots_[index];
  if (slot.read) {
    return errors::InvalidArgument("TensorArray ", key_,
                                   ": Could not write to TensorArray index ",
                                   index, " because it has already been read.");
  }
  if (slot.written) {
    return errors::InvalidArgument(
        "TensorArray ", key_, ": Could not write to TensorArray index ", index,
        " because it has already been written to.");
  }
  slot.tensor = value;
  slot.shape = value.shape();
  slot.written = true;
  size_ = std::max<int64_t>(size_, int64_t{index} + 1);
  return OkStatus();
}

Status TensorArray::Read(int32_t index, Tensor* value) {
  std::lock_guard<std::mutex> lock(mu_);
  return LockedRead(index, value);
}

Status TensorArray::ReadMany(const std::vector<int32_t>& indices,
                             std::vector<Tensor>* values) {
  std::lock_guard<std::mutex> lock(mu_);
  values->assign(indices.size(), Tensor());
  for (size_t k = 0; k < indices.size(); ++k) {
    TFP_RETURN_IF_ERROR(LockedRead(indices[k], &(*values)[k]));
  }
  return OkStatus();
}

namespace {

// A zero tensor of `shape` (RESOURCE_EXHAUSTED when too large).
StatusOr<Tensor> ZerosOf(DataType dtype, const TensorShape& shape) {
  TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));
  if (DataTypeCanMemcpy(dtype) && t.TotalBytes() > 0) {
    std::memset(t.raw_data(), 0, t.TotalBytes());
  }
  return t;
}

}  // namespace

Status TensorArray::LockedRead(int32_t index, Tensor* value) {
  TFP_RETURN_IF_ERROR(LockedCheckOpen());
  if (index < 0 || index >= size_) {
    return errors::InvalidArgument("Tried to read from index ", index,
                                   " but array size is: ", size_);
  }
  Slot& slot = slots_[index];
  if (!slot.written) {
    if (!element_shape_.IsFullyDefined()) {
      return errors::InvalidArgument(
          "TensorArray ", key_, ": Could not read from TensorArray index ",
          index, ".  Furthermore, the element shape is not fully defined: ",
          element_shape_.DebugString(),
          ".  It is possible you are working with a resizeable TensorArray "
          "and stop_gradients is not allowing the gradients to be written.  "
          "If you set the full element_shape property on the forward "
          "TensorArray, the proper all-zeros tensor will be returned instead "
          "of incurring this error.");
    }
    TFP_ASSIGN_OR_RETURN(
        slot.tensor, ZerosOf(options_.dtype, element_shape_.AsTensorShape()));
    slot.shape = slot.tensor.shape();
    slot.written = true;
  }
  if (slot.cleared) {
    return errors::InvalidArgument(
        "TensorArray ", key_, ": Could not read index ", index,
        " twice because it was cleared after a previous read (perhaps try "
        "setting clear_after_read = false?).");
  }
  *value = slot.tensor;
  if (options_.clear_after_read) {
    slot.tensor = Tensor();
    slot.cleared = true;
  }
  slot.read = true;
  return OkStatus();
}

StatusOr<int32_t> TensorArray::Size() const {
  std::lock_guard<std::mutex> lock(mu_);
  TFP_RETURN_IF_ERROR(LockedCheckOpen());
  return static_cast<int32_t>(size_);
}

PartialTensorShape TensorArray::ElemShape() const {
  std::lock_guard<std::mutex> lock(mu_);
  return element_shape_;
}

Status TensorArray::SetElemShape(const PartialTensorShape& shape) {
  std::lock_guard<std::mutex> lock(mu_);
  PartialTensorShape merged;
  TFP_RETURN_IF_ERROR(InferenceContext::Merge(element_shape_, shape, &merged));
  element_shape_ = merged;
  return OkStatus();
}

void TensorArray::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  slots_.clear();
  closed_ = true;
}

std::string TensorArray::DebugString() const {
  std::lock_guard<std::mutex> lock(mu_);
  return StrCat("TensorArray[", size_, "]");
}

StatusOr<std::shared_ptr<TensorArray>> GetTensorArray(OpKernelContext* ctx,
                                                      int input) {
  return ctx->step_resource_manager()->Lookup<TensorArray>(
      ctx->input_handle(input));
}

Status CheckRequestedDtype(const TensorArray& ta, DataType want) {
  if (ta.dtype() == want) return OkStatus();
  return errors::InvalidArgument(
      "TensorArray dtype is ", DataTypeString(ta.dtype()),
      " but Op requested dtype ", DataTypeString(want), ".");
}

void CopyElementsInto(const Tensor& src, int64_t offset, Tensor* dst) {
  const int64_t n = src.NumElements();
  if (n == 0) return;
  VisitStorageType(src.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    const S* from = StorageData<S>(src);
    std::copy(from, from + n, StorageData<S>(*dst) + offset);
  });
}

}  // namespace tfpersist
