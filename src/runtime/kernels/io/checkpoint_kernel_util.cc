#include "runtime/kernels/io/checkpoint_kernel_util.h"

#include <charconv>
#include <vector>

#include "runtime/kernels/array/strided_copy.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {

StatusOr<ShapeAndSlice> ParseShapeAndSlice(std::string_view spec) {
  std::vector<std::string> parts = StrSplit(spec, ' ');
  if (parts.size() < 2) {
    return errors::InvalidArgument(
        "Need least two elements in shape_and_slice specification: ", spec);
  }
  ShapeAndSlice result;
  TFP_ASSIGN_OR_RETURN(result.slice, TensorSlice::Parse(parts.back()));
  parts.pop_back();
  std::vector<int64_t> dims;
  for (const std::string& part : parts) {
    int64_t dim = 0;
    auto [end, ec] =
        std::from_chars(part.data(), part.data() + part.size(), dim);
    if (ec != std::errc() || end != part.data() + part.size() || dim < 0) {
      return errors::InvalidArgument(
          "Non numerical dimension in shape_and_slice: ", spec);
    }
    dims.push_back(dim);
  }
  TFP_ASSIGN_OR_RETURN(result.full_shape, TensorShape::Build(dims));
  auto slice_shape = result.slice.SliceShape(result.full_shape);
  if (!slice_shape.ok()) {
    return slice_shape.status().WithContext(
        StrCat("shape_and_slice '", spec, "'"));
  }
  result.slice_shape = *slice_shape;
  return result;
}

Status ValidateSaveRestoreV2Inputs(const Tensor& prefix, const Tensor& names,
                                   const Tensor& slices, int64_t num_tensors,
                                   bool is_save) {
  if (prefix.dims() != 0) {
    return errors::InvalidArgument(
        "Input prefix should have a single element, got ", prefix.NumElements(),
        " instead.");
  }
  if (names.dims() != 1 || slices.dims() != 1) {
    return errors::InvalidArgument(
        "Input tensor_names and shape_and_slices should be an 1-D tensors, "
        "got ",
        names.shape().DebugString(), " and ", slices.shape().DebugString(),
        " instead.");
  }
  if (names.NumElements() != slices.NumElements()) {
    return errors::InvalidArgument(
        "tensor_names and shape_and_slices have different number of elements: ",
        names.NumElements(), " vs. ", slices.NumElements());
  }
  if (names.NumElements() != num_tensors) {
    if (is_save) {
      return errors::InvalidArgument("Got ", names.NumElements(),
                                     " tensor names but ", num_tensors,
                                     " tensors.");
    }
    return errors::InvalidArgument("Got ", names.NumElements(),
                                   " tensor names, but ", num_tensors,
                                   " expected dtypes.");
  }
  return OkStatus();
}

StatusOr<Tensor> ExtractSlice(const Tensor& full, const TensorSlice& slice) {
  TFP_ASSIGN_OR_RETURN(TensorShape shape, slice.SliceShape(full.shape()));
  if (slice.CoversAll(full.shape())) return full;
  TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(full.dtype(), shape));
  if (out.NumElements() == 0) return out;
  std::vector<int64_t> strides = RowMajorStrides(full.shape());
  int64_t base = 0;
  for (int d = 0; d < full.dims(); ++d) {
    base += slice.Concrete(d, full.shape()).first * strides[d];
  }
  StridedCopy(full, base, strides, &out);
  return out;
}

}  // namespace tfpersist
