// TensorShape and PartialTensorShape.
#include "tfpersist/core/tensor_shape.h"

#include <limits>

#include "tfpersist/base/logging.h"

namespace tfpersist {
namespace {

// Multiplies a running element count by one dimension; false on overflow.
bool MulNoOverflow(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}

std::string DimsString(const std::vector<int64_t>& dims, bool unknown_as_q) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i > 0) s += ",";
    s += (unknown_as_q && dims[i] == -1) ? "?" : std::to_string(dims[i]);
  }
  s += "]";
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------
// TensorShape

TensorShape::TensorShape(std::initializer_list<int64_t> dims)
    : TensorShape(std::span<const int64_t>(dims.begin(), dims.size())) {}

TensorShape::TensorShape(std::span<const int64_t> dims) {
  StatusOr<TensorShape> shape = Build(dims);
  TFP_CHECK(shape.ok()) << shape.status().ToString();
  *this = std::move(shape).value();
}

StatusOr<TensorShape> TensorShape::Build(std::span<const int64_t> dims) {
  TensorShape shape;
  int64_t n = 1;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0) {
      return errors::InvalidArgument(
          "Dimension ", i, " of shape ",
          DimsString({dims.begin(), dims.end()}, false), " is negative (",
          dims[i], ")");
    }
    if (!MulNoOverflow(n, dims[i], &n)) {
      return errors::InvalidArgument(
          "Shape ", DimsString({dims.begin(), dims.end()}, false),
          " has too many elements: the product overflows int64 at dimension ",
          i);
    }
  }
  shape.dims_.assign(dims.begin(), dims.end());
  shape.num_elements_ = n;
  return shape;
}

void TensorShape::Recompute() {
  int64_t n = 1;
  for (size_t i = 0; i < dims_.size(); ++i) {
    TFP_CHECK(dims_[i] >= 0)
        << "negative dimension " << i << " in " << DebugString();
    TFP_CHECK(MulNoOverflow(n, dims_[i], &n))
        << "element count overflows int64 in " << DebugString();
  }
  num_elements_ = n;
}

void TensorShape::AddDim(int64_t size) {
  dims_.push_back(size);
  Recompute();
}

void TensorShape::InsertDim(int d, int64_t size) {
  TFP_CHECK(d >= 0 && d <= dims())
      << "InsertDim " << d << " of " << DebugString();
  dims_.insert(dims_.begin() + d, size);
  Recompute();
}

void TensorShape::RemoveDim(int d) {
  TFP_CHECK(d >= 0 && d < dims())
      << "RemoveDim " << d << " of " << DebugString();
  dims_.erase(dims_.begin() + d);
  Recompute();
}

void TensorShape::set_dim(int d, int64_t size) {
  TFP_CHECK(d >= 0 && d < dims()) << "set_dim " << d << " of " << DebugString();
  dims_[d] = size;
  Recompute();
}

std::string TensorShape::DebugString() const {
  return DimsString(dims_, false);
}

// ---------------------------------------------------------------------------
// PartialTensorShape

PartialTensorShape::PartialTensorShape(std::initializer_list<int64_t> dims)
    : PartialTensorShape(std::span<const int64_t>(dims.begin(), dims.size())) {}

PartialTensorShape::PartialTensorShape(std::span<const int64_t> dims) {
  StatusOr<PartialTensorShape> shape = Build(dims);
  TFP_CHECK(shape.ok()) << shape.status().ToString();
  *this = std::move(shape).value();
}

PartialTensorShape::PartialTensorShape(const TensorShape& shape)
    : unknown_rank_(false), dims_(shape.dim_sizes()) {}

StatusOr<PartialTensorShape> PartialTensorShape::Build(
    std::span<const int64_t> dims) {
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < -1) {
      return errors::InvalidArgument(
          "Dimension ", i, " of partial shape ",
          DimsString({dims.begin(), dims.end()}, true), " is ", dims[i],
          "; expected -1 (unknown) or a size >= 0");
    }
  }
  PartialTensorShape shape;
  shape.unknown_rank_ = false;
  shape.dims_.assign(dims.begin(), dims.end());
  return shape;
}

bool PartialTensorShape::IsFullyDefined() const {
  if (unknown_rank_) return false;
  for (int64_t d : dims_) {
    if (d < 0) return false;
  }
  return true;
}

TensorShape PartialTensorShape::AsTensorShape() const {
  TFP_CHECK(IsFullyDefined()) << "AsTensorShape of " << DebugString();
  return TensorShape(std::span<const int64_t>(dims_));
}

bool PartialTensorShape::IsCompatibleWith(const TensorShape& shape) const {
  return IsCompatibleWith(PartialTensorShape(shape));
}

bool PartialTensorShape::IsCompatibleWith(
    const PartialTensorShape& other) const {
  if (unknown_rank_ || other.unknown_rank_) return true;
  if (dims_.size() != other.dims_.size()) return false;
  for (size_t i = 0; i < dims_.size(); ++i) {
    if (dims_[i] >= 0 && other.dims_[i] >= 0 && dims_[i] != other.dims_[i]) {
      return false;
    }
  }
  return true;
}

std::string PartialTensorShape::DebugString() const {
  if (unknown_rank_) return "<unknown>";
  return DimsString(dims_, true);
}

}  // namespace tfpersist
