// Naive Softmax / LogSoftmax over the last dimension, the oracles of the
// Softmax and LogSoftmax kernels:
//   softmax(x)_i    = exp(x_i - max x) / sum_j exp(x_j - max x)
//   logsoftmax(x)_i = x_i - max x - log(sum_j exp(x_j - max x))
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_SOFTMAX_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_SOFTMAX_H_

#include <cmath>
#include <cstdint>
#include <limits>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// in and out are [rows, depth] row-major; may alias.
template <typename T>
void Softmax(const T* in, int64_t rows, int64_t depth, bool log, T* out) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* x = in + r * depth;
    T* y = out + r * depth;
    double max = -std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < depth; ++i) {
      max = std::fmax(max, static_cast<double>(ToCompute(x[i])));
    }
    double sum = 0;
    for (int64_t i = 0; i < depth; ++i) {
      sum += std::exp(static_cast<double>(ToCompute(x[i])) - max);
    }
    const double log_sum = std::log(sum);
    for (int64_t i = 0; i < depth; ++i) {
      const double shifted = static_cast<double>(ToCompute(x[i])) - max;
      const double v = log ? shifted - log_sum : std::exp(shifted) / sum;
      y[i] = FromCompute<T>(static_cast<ComputeType<T>>(v));
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_SOFTMAX_H_
