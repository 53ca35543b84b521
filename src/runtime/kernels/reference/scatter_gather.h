// Naive definitions of TF's N-d indexing ops (oracles for the kernels in
// kernels/array/): GatherNd, ScatterNd (duplicates add), TensorScatter
// Update/Add/Sub, SparseToDense, Unique. Index lists are [n, r] row-major
// int64; slices are the trailing params dims after the first r.
// REQUIRES: indices validated (in range). Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_SCATTER_GATHER_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_SCATTER_GATHER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "runtime/kernels/reference/broadcast.h"

namespace tfpersist::reference {

// Offset of the slice addressed by index row `idx` (length r) in a tensor
// of `dims`, in elements.
inline int64_t SliceOffset(std::span<const int64_t> dims,
                           std::span<const int64_t> idx) {
  int64_t off = 0;
  for (size_t d = 0; d < dims.size(); ++d) {
    off = off * dims[d] + (d < idx.size() ? idx[d] : 0);
  }
  return off;
}

// out[i, ...] = params[indices[i, 0], ..., indices[i, r-1], ...].
template <typename T>
std::vector<T> GatherNd(const std::vector<T>& params,
                        std::span<const int64_t> dims,
                        std::span<const int64_t> indices, int64_t r) {
  int64_t slice = 1;
  for (size_t d = r; d < dims.size(); ++d) slice *= dims[d];
  std::vector<T> out;
  const int64_t n = r == 0 ? 0 : static_cast<int64_t>(indices.size()) / r;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t off = SliceOffset(dims, indices.subspan(i * r, r));
    for (int64_t e = 0; e < slice; ++e) out.push_back(params[off + e]);
  }
  return out;
}

// base with each update slice i combined into the slice indices[i]:
// mode 0 assigns, 1 adds, 2 subtracts (in order; later wins for assign).
template <typename T>
std::vector<T> ScatterNd(std::vector<T> base, std::span<const int64_t> dims,
                         std::span<const int64_t> indices, int64_t r,
                         const std::vector<T>& updates, int mode) {
  int64_t slice = 1;
  for (size_t d = r; d < dims.size(); ++d) slice *= dims[d];
  const int64_t n = static_cast<int64_t>(indices.size()) / r;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t off = SliceOffset(dims, indices.subspan(i * r, r));
    for (int64_t e = 0; e < slice; ++e) {
      T& dst = base[off + e];
      const T& u = updates[i * slice + e];
      dst = mode == 0 ? u : mode == 1 ? T(dst + u) : T(dst - u);
    }
  }
  return base;
}

// y: the distinct values in order of first occurrence; idx[i]: position of
// x[i] in y. Equality is ==, so NaNs are all distinct.
template <typename T>
void Unique(const std::vector<T>& x, std::vector<T>* y,
            std::vector<int64_t>* idx) {
  for (const T& v : x) {
    int64_t found = -1;
    for (size_t j = 0; j < y->size() && found < 0; ++j) {
      if ((*y)[j] == v) found = static_cast<int64_t>(j);
    }
    if (found < 0) {
      found = static_cast<int64_t>(y->size());
      y->push_back(v);
    }
    idx->push_back(found);
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_SCATTER_GATHER_H_
