// Naive local response normalization over the last (depth) dimension, the
// oracle of the LRN kernel (TF's definition):
//   sqr_sum[.., d] = sum_{k = d - r}^{d + r} in[.., k]^2   (clipped to depth)
//   out[.., d]     = in[.., d] / (bias + alpha * sqr_sum[.., d])^beta
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_LRN_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_LRN_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// in and out are [rows, depth]; must not alias.
template <typename T>
void Lrn(const T* in, int64_t rows, int64_t depth, int64_t radius, float bias,
         float alpha, float beta, T* out) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* x = in + r * depth;
    for (int64_t d = 0; d < depth; ++d) {
      double sqr_sum = 0;
      const int64_t lo = std::max<int64_t>(0, d - radius);
      const int64_t hi = std::min<int64_t>(depth - 1, d + radius);
      for (int64_t k = lo; k <= hi; ++k) {
        const double v = ToCompute(x[k]);
        sqr_sum += v * v;
      }
      const double v = ToCompute(x[d]) / std::pow(bias + alpha * sqr_sum, beta);
      out[r * depth + d] = FromCompute<T>(static_cast<ComputeType<T>>(v));
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_LRN_H_
