// NumPy-style broadcasting: the output shape of two shapes and a naive
// element-wise loop over broadcast operands (the oracle for the cwise
// kernels). Shapes are spans of dimension sizes, outermost first.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_BROADCAST_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_BROADCAST_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist::reference {

using Dims = std::vector<int64_t>;

inline int64_t NumElements(std::span<const int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

// "[2,3]" as TF's TensorShape::DebugString.
inline std::string DimsString(std::span<const int64_t> dims) {
  return StrCat("[", StrJoin(dims, ","), "]");
}

// The broadcast shape of x and y: dims are aligned at the end; each pair
// must be equal or contain a 1. INVALID_ARGUMENT "Incompatible shapes:
// [2,3] vs. [4]" (TF's BCast message) otherwise.
inline StatusOr<Dims> BroadcastShape(std::span<const int64_t> x,
                                     std::span<const int64_t> y) {
  const size_t rank = std::max(x.size(), y.size());
  Dims out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t dx = i < rank - x.size() ? 1 : x[i - (rank - x.size())];
    const int64_t dy = i < rank - y.size() ? 1 : y[i - (rank - y.size())];
    if (dx == dy || dy == 1) {
      out[i] = dx;
    } else if (dx == 1) {
      out[i] = dy;
    } else {
      return errors::InvalidArgument("Incompatible shapes: ", DimsString(x),
                                     " vs. ", DimsString(y));
    }
  }
  return out;
}

// The flat index into an operand of shape `in` (right-aligned with `out`,
// size-1 dims repeated) for the output multi-index `index`.
inline int64_t BroadcastIndex(std::span<const int64_t> in,
                              std::span<const int64_t> out,
                              std::span<const int64_t> index) {
  const size_t offset = out.size() - in.size();
  int64_t flat = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const int64_t coord = in[i] == 1 ? 0 : index[i + offset];
    flat = flat * in[i] + coord;
  }
  return flat;
}

// Advances a row-major multi-index over `dims`.
inline void NextIndex(std::span<const int64_t> dims, std::span<int64_t> index) {
  for (size_t i = dims.size(); i-- > 0;) {
    if (++index[i] < dims[i]) return;
    index[i] = 0;
  }
}

// z[i] = fn(x[bx(i)], y[by(i)]) over the broadcast shape `z_dims`.
// REQUIRES: z_dims == BroadcastShape(x_dims, y_dims).
template <typename X, typename Y, typename Z, typename Fn>
void BroadcastBinary(const X* x, std::span<const int64_t> x_dims, const Y* y,
                     std::span<const int64_t> y_dims, Z* z,
                     std::span<const int64_t> z_dims, Fn fn) {
  std::vector<int64_t> index(z_dims.size(), 0);
  const int64_t n = NumElements(z_dims);
  for (int64_t i = 0; i < n; ++i) {
    z[i] = fn(x[BroadcastIndex(x_dims, z_dims, index)],
              y[BroadcastIndex(y_dims, z_dims, index)]);
    NextIndex(z_dims, index);
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_BROADCAST_H_
