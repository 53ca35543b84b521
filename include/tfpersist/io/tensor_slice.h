// TensorSlice: a hyper-rectangle of a tensor, one extent per dimension
// (TF's tensorflow::TensorSlice). An extent is (start, length); a length of
// kFullExtent (-1) means the whole dimension. Used for partitioned
// variables (spec checkpoint-v2.md §6).
//
// Thread-safety: a value type.
#ifndef TFPERSIST_IO_TENSOR_SLICE_H_
#define TFPERSIST_IO_TENSOR_SLICE_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tensorflow/core/framework/tensor_slice.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor_shape.h"

namespace tfpersist {

class TensorSlice {
 public:
  static constexpr int64_t kFullExtent = -1;

  // Rank 0 (the full slice of a scalar).
  TensorSlice() = default;
  // The full slice of a rank-`rank` tensor.
  explicit TensorSlice(int rank);
  // Explicit (start, length) extents; length kFullExtent = whole dimension.
  // REQUIRES: start >= 0, length >= 0 or kFullExtent (checked, aborts).
  TensorSlice(std::initializer_list<std::pair<int64_t, int64_t>> extents);

  // Parses TF's text form: extents joined by ':', each "start,length" or
  // "-" (full), e.g. "0,5:-". "" is rank 0. INVALID_ARGUMENT otherwise.
  static StatusOr<TensorSlice> Parse(std::string_view spec);
  // INVALID_ARGUMENT for a negative start or length.
  static StatusOr<TensorSlice> FromProto(
      const tensorflow::TensorSliceProto& proto);
  // A full dimension becomes an empty Extent; otherwise start (omitted when
  // 0) and length, as TF writes them.
  void AsProto(tensorflow::TensorSliceProto* proto) const;

  int dims() const { return static_cast<int>(extents_.size()); }
  int64_t start(int d) const { return extents_[d].first; }
  int64_t length(int d) const { return extents_[d].second; }
  bool IsFullAt(int d) const { return extents_[d].second == kFullExtent; }
  // True if every dimension is full.
  bool IsFull() const;

  // The shape of this slice of a tensor of shape `full`. INVALID_ARGUMENT
  // if the ranks differ or an extent leaves the tensor.
  StatusOr<TensorShape> SliceShape(const TensorShape& full) const;
  // True if this slice is all of `full` (also when given explicitly).
  bool CoversAll(const TensorShape& full) const;
  // The concrete (start, length) of dimension d within `full`.
  // REQUIRES: d < dims() == full.dims().
  std::pair<int64_t, int64_t> Concrete(int d, const TensorShape& full) const {
    return IsFullAt(d) ? std::make_pair(int64_t{0}, full.dim_size(d))
                       : extents_[d];
  }

  // TF's text form, "0,5:-".
  std::string DebugString() const;

  friend bool operator==(const TensorSlice& a, const TensorSlice& b) {
    return a.extents_ == b.extents_;
  }

 private:
  std::vector<std::pair<int64_t, int64_t>> extents_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_IO_TENSOR_SLICE_H_
