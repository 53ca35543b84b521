// Naive definitions of TF's band and diagonal ops on batches of matrices
// (oracles for kernels/array/matrix_diag_ops.cc): MatrixBandPart,
// MatrixDiagPartV3, MatrixDiagV3, MatrixSetDiagV3. A batch is `batch`
// row-major [rows, cols] matrices; diagonals are [batch, num_diags,
// max_len] with diagonal d = k_hi - row stored in row d, aligned per
// `align` ("RIGHT_LEFT": superdiagonals right-aligned, subdiagonals
// left-aligned, ...). REQUIRES: arguments validated.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_MATRIX_DIAG_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_MATRIX_DIAG_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tfpersist::reference {

// Keeps a[i][j] where (lower < 0 || i - j <= lower) && (upper < 0 ||
// j - i <= upper); zero elsewhere.
template <typename T>
std::vector<T> BandPart(const std::vector<T>& a, int64_t batch, int64_t rows,
                        int64_t cols, int64_t lower, int64_t upper) {
  std::vector<T> out(a.size(), T{});
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t i = 0; i < rows; ++i) {
      for (int64_t j = 0; j < cols; ++j) {
        const bool in_band =
            (lower < 0 || i - j <= lower) && (upper < 0 || j - i <= upper);
        const int64_t at = (b * rows + i) * cols + j;
        if (in_band) out[at] = a[at];
      }
    }
  }
  return out;
}

// Length of diagonal d of a rows x cols matrix.
inline int64_t DiagLen(int64_t d, int64_t rows, int64_t cols) {
  return std::min(rows + std::min<int64_t>(d, 0),
                  cols - std::max<int64_t>(d, 0));
}

// Where element 0 of diagonal d sits in its row of max_len slots.
inline int64_t DiagOffset(int64_t d, int64_t len, int64_t max_len,
                          std::string_view align) {
  const bool left = d >= 0 ? (align == "LEFT_RIGHT" || align == "LEFT_LEFT")
                           : (align == "RIGHT_LEFT" || align == "LEFT_LEFT");
  return left ? 0 : max_len - len;
}

// [batch, hi - lo + 1, max_len]; slot p of diagonal d holds element
// p - offset, i.e. a[i][i + d] with i = (p - offset) + max(0, -d).
template <typename T>
std::vector<T> DiagPart(const std::vector<T>& a, int64_t batch, int64_t rows,
                        int64_t cols, int64_t lo, int64_t hi, const T& pad,
                        std::string_view align) {
  const int64_t max_len = std::min(rows + std::min<int64_t>(hi, 0),
                                   cols - std::max<int64_t>(lo, 0));
  std::vector<T> out;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t d = hi; d >= lo; --d) {
      const int64_t len = DiagLen(d, rows, cols);
      const int64_t off = DiagOffset(d, len, max_len, align);
      for (int64_t p = 0; p < max_len; ++p) {
        const int64_t e = p - off;
        if (e < 0 || e >= len) {
          out.push_back(pad);
          continue;
        }
        const int64_t i = e + std::max<int64_t>(0, -d);
        out.push_back(a[(b * rows + i) * cols + i + d]);
      }
    }
  }
  return out;
}

// Writes `diag` ([batch, hi - lo + 1, max_len]) into the diagonals of
// `base` ([batch, rows, cols]), the inverse of DiagPart.
template <typename T>
std::vector<T> SetDiag(std::vector<T> base, const std::vector<T>& diag,
                       int64_t batch, int64_t rows, int64_t cols, int64_t lo,
                       int64_t hi, int64_t max_len, std::string_view align) {
  const int64_t nd = hi - lo + 1;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t d = hi; d >= lo; --d) {
      const int64_t len = DiagLen(d, rows, cols);
      const int64_t off = DiagOffset(d, len, max_len, align);
      for (int64_t e = 0; e < len; ++e) {
        const int64_t i = e + std::max<int64_t>(0, -d);
        base[(b * rows + i) * cols + i + d] =
            diag[(b * nd + (hi - d)) * max_len + off + e];
      }
    }
  }
  return base;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_MATRIX_DIAG_H_
