// Sparse segment reductions (tf.sparse.segment_sum / mean / sqrt_n, the
// combiners of embedding_lookup_sparse): for each i,
//   out[segment_ids[i]] += data[indices[i]]        (rows of `inner` values)
// then Mean divides each row by its count and SqrtN by sqrt(count); rows no
// id names stay 0. out has segment_ids.back() + 1 rows. Arithmetic is in
// ComputeType<T> (float for half/bfloat16; integers wrap).
//
// Returns "" or TF's error text: "segment ids are not increasing",
// "segment ids must be >= 0", "indices[i] == x out of range [0, rows)".
//
// Thread-safety: pure function.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPARSE_SEGMENT_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPARSE_SEGMENT_H_

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "runtime/kernels/reference/numeric.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist::reference {

enum class SegmentReduction { kSum, kMean, kSqrtN };

// The number of output rows, or -1 with *error set.
template <typename S>
int64_t SparseSegmentRows(std::span<const S> segment_ids, std::string* error) {
  if (segment_ids.empty()) return 0;
  for (size_t i = 0; i < segment_ids.size(); ++i) {
    if (segment_ids[i] < 0) {
      *error = "segment ids must be >= 0";
      return -1;
    }
    if (i > 0 && segment_ids[i] < segment_ids[i - 1]) {
      *error = "segment ids are not increasing";
      return -1;
    }
  }
  return static_cast<int64_t>(segment_ids.back()) + 1;
}

// REQUIRES: out.size() == rows_out * inner, rows_out from SparseSegmentRows,
// indices.size() == segment_ids.size().
template <typename T, typename I, typename S>
std::string SparseSegmentReduce(SegmentReduction mode, std::span<const T> data,
                                int64_t rows, int64_t inner,
                                std::span<const I> indices,
                                std::span<const S> segment_ids,
                                std::span<T> out) {
  using C = ComputeType<T>;
  const int64_t rows_out = inner == 0 ? 0 : out.size() / inner;
  std::vector<C> acc(out.size(), C(0));
  std::vector<int64_t> count(rows_out, 0);
  for (size_t i = 0; i < indices.size(); ++i) {
    const int64_t row = static_cast<int64_t>(indices[i]);
    if (row < 0 || row >= rows) {
      return StrCat("indices[", i, "] == ", row, " out of range [0, ", rows,
                    ")");
    }
    const int64_t seg = static_cast<int64_t>(segment_ids[i]);
    ++count[seg];
    for (int64_t k = 0; k < inner; ++k) {
      acc[seg * inner + k] =
          WrapAdd<C>(acc[seg * inner + k], ToCompute(data[row * inner + k]));
    }
  }
  for (int64_t s = 0; s < rows_out; ++s) {
    for (int64_t k = 0; k < inner; ++k) {
      C v = acc[s * inner + k];
      if (count[s] > 0 && mode == SegmentReduction::kMean) {
        v = v / static_cast<C>(count[s]);
      } else if (count[s] > 0 && mode == SegmentReduction::kSqrtN) {
        v = v / static_cast<C>(std::sqrt(static_cast<double>(count[s])));
      }
      out[s * inner + k] = FromCompute<T>(v);
    }
  }
  return "";
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPARSE_SEGMENT_H_
