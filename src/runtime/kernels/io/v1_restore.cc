#include "runtime/kernels/io/v1_restore.h"

#include <optional>

#include "io/v1/tensor_slice_reader.h"

namespace tfpersist {
namespace {

StatusOr<Tensor> RestoreOneV1(const v1::TensorSliceReader& reader,
                              const std::string& pattern,
                              const RestoreRequest& request) {
  const std::string& name = request.name;
  auto it = reader.tensors().find(name);
  if (it == reader.tensors().end()) {
    return errors::NotFound("Key ", name, " not found in checkpoint ", pattern,
                            " (V1 checkpoint files)");
  }
  const v1::TensorSliceReader::TensorInfo& info = it->second;
  if (info.dtype != request.dtype) {
    return errors::InvalidArgument(
        "Expected to restore a tensor of type ", DataTypeString(request.dtype),
        ", got a tensor of type ", DataTypeString(info.dtype),
        " instead: tensor_name = ", name, " (checkpoint ", pattern, ")");
  }
  std::optional<ShapeAndSlice> spec;
  if (!request.shape_and_slice.empty()) {
    TFP_ASSIGN_OR_RETURN(spec, ParseShapeAndSlice(request.shape_and_slice));
    if (!(spec->full_shape == info.shape)) {
      return errors::InvalidArgument(
          "Shape in shape_and_slice spec ", spec->full_shape.DebugString(),
          " does not match the shape in the save file: ",
          info.shape.DebugString(), ", tensor_name = ", name);
    }
  }
  auto full = reader.GetTensor(name);
  if (!full.ok()) {
    return full.status().WithContext(
        StrCat("restoring '", name, "' from ", pattern));
  }
  if (!spec.has_value()) return std::move(full).value();
  return ExtractSlice(*full, spec->slice);
}

}  // namespace

Status RestoreFromV1(Env* env, const std::string& pattern,
                     const std::vector<RestoreRequest>& requests,
                     int preferred_shard, std::vector<Tensor>* out) {
  (void)preferred_shard;  // Only changes TF's file opening order.
  auto reader = v1::TensorSliceReader::Open(env, pattern);
  if (!reader.ok()) {
    return reader.status().WithContext(StrCat(
        "Unsuccessful TensorSliceReader constructor: opening ", pattern));
  }
  for (const RestoreRequest& request : requests) {
    TFP_ASSIGN_OR_RETURN(Tensor t, RestoreOneV1(**reader, pattern, request));
    out->push_back(std::move(t));
  }
  return OkStatus();
}

}  // namespace tfpersist
