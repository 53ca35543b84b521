// TensorShape (fully known) and PartialTensorShape (unknown rank or dims).
//
// Dimension sizes are int64. A TensorShape has every dim >= 0 and a product
// that fits in int64; construct from untrusted data with TensorShape::Build.
// PartialTensorShape uses -1 for an unknown dimension, as TensorShapeProto.
// Thread-safety: value types.
#ifndef TFPERSIST_CORE_TENSOR_SHAPE_H_
#define TFPERSIST_CORE_TENSOR_SHAPE_H_

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "tfpersist/base/statusor.h"

namespace tfpersist {

class TensorShape {
 public:
  // A scalar (rank 0, one element).
  TensorShape() = default;
  // REQUIRES: every dim >= 0 and the product fits in int64 (checked; a
  // violation aborts — use Build for untrusted input).
  TensorShape(std::initializer_list<int64_t> dims);
  explicit TensorShape(std::span<const int64_t> dims);

  // INVALID_ARGUMENT naming the bad dimension or the overflow.
  static StatusOr<TensorShape> Build(std::span<const int64_t> dims);

  int dims() const { return static_cast<int>(dims_.size()); }
  int64_t dim_size(int i) const { return dims_[i]; }
  const std::vector<int64_t>& dim_sizes() const { return dims_; }
  int64_t num_elements() const { return num_elements_; }
  bool IsScalar() const { return dims_.empty(); }

  // REQUIRES: size >= 0 and no overflow (aborts otherwise).
  void AddDim(int64_t size);
  void InsertDim(int d, int64_t size);
  void RemoveDim(int d);
  void set_dim(int d, int64_t size);

  // "[2,3]", "[]" for a scalar (TF's TensorShape::DebugString).
  std::string DebugString() const;

  friend bool operator==(const TensorShape& a, const TensorShape& b) {
    return a.dims_ == b.dims_;
  }

 private:
  void Recompute();
  std::vector<int64_t> dims_;
  int64_t num_elements_ = 1;
};

class PartialTensorShape {
 public:
  // Unknown rank.
  PartialTensorShape() = default;
  // Known rank; -1 marks an unknown dimension. REQUIRES: dims >= -1.
  PartialTensorShape(std::initializer_list<int64_t> dims);
  explicit PartialTensorShape(std::span<const int64_t> dims);
  PartialTensorShape(const TensorShape& shape);  // NOLINT: implicit widening

  static PartialTensorShape UnknownRank() { return PartialTensorShape(); }
  // INVALID_ARGUMENT for dims < -1.
  static StatusOr<PartialTensorShape> Build(std::span<const int64_t> dims);

  bool unknown_rank() const { return unknown_rank_; }
  // -1 when the rank is unknown.
  int dims() const { return unknown_rank_ ? -1 : static_cast<int>(dims_.size()); }
  int64_t dim_size(int i) const { return dims_[i]; }
  const std::vector<int64_t>& dim_sizes() const { return dims_; }
  bool IsFullyDefined() const;
  // REQUIRES: IsFullyDefined().
  TensorShape AsTensorShape() const;
  // True if `shape` could be a value of this partial shape.
  bool IsCompatibleWith(const TensorShape& shape) const;
  bool IsCompatibleWith(const PartialTensorShape& other) const;
  // "<unknown>", "[?,784]", "[]".
  std::string DebugString() const;

  friend bool operator==(const PartialTensorShape& a,
                         const PartialTensorShape& b) {
    return a.unknown_rank_ == b.unknown_rank_ && a.dims_ == b.dims_;
  }

 private:
  bool unknown_rank_ = true;
  std::vector<int64_t> dims_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_TENSOR_SHAPE_H_
