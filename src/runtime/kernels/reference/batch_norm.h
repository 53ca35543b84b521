// Naive fused batch normalization (FusedBatchNorm / V2 / V3), the oracle of
// the kernel; spec: ops-core.md section 3.
//
// Layout: x and y are [outer, channels, inner] with the channel in the
// middle: NHWC is (N*H*W, C, 1), NCHW is (N, C, H*W). Statistics are per
// channel, over n = outer * inner elements.
//   inference: y = scale * (x - mean) / sqrt(variance + epsilon) + offset;
//              batch_mean = mean, batch_variance = variance (copied).
//   training:  m = batch mean, v = biased batch variance (divide by n);
//              y uses m and v; batch_mean = m, batch_variance = v * n/(n-1)
//              (n - 1 taken as 1 when n <= 1); with exponential_avg_factor
//              f != 1 both become (1 - f) * old + f * new (old = the mean /
//              variance inputs); reserve_space_1 = m, reserve_space_2 = v.
//              An empty x gives NaN statistics.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_BATCH_NORM_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_BATCH_NORM_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

struct BatchNormParams {
  int64_t outer = 0, channels = 0, inner = 1;
  float epsilon = 0.0001f;
  float exponential_avg_factor = 1.0f;
  bool is_training = true;
};

// Per-channel outputs (all float: TF's U is float for every CPU kernel).
struct BatchNormStats {
  std::vector<float> batch_mean, batch_variance, reserve_1, reserve_2;
};

// Index of element (o, c, i) in the [outer, channels, inner] layout.
inline int64_t BatchNormIndex(const BatchNormParams& p, int64_t o, int64_t c,
                              int64_t i) {
  return (o * p.channels + c) * p.inner + i;
}

// Batch mean and biased variance of channel c (NaN for an empty batch).
template <typename T>
void BatchMoments(const BatchNormParams& p, const T* x, int64_t c, double* mean,
                  double* variance) {
  const int64_t n = p.outer * p.inner;
  if (n == 0) {
    *mean = *variance = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  double sum = 0, sq = 0;
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int64_t i = 0; i < p.inner; ++i) {
      sum += ToCompute(x[BatchNormIndex(p, o, c, i)]);
    }
  }
  *mean = sum / n;
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int64_t i = 0; i < p.inner; ++i) {
      const double d = ToCompute(x[BatchNormIndex(p, o, c, i)]) - *mean;
      sq += d * d;
    }
  }
  *variance = sq / n;
}

// scale/offset/mean/variance have `channels` elements; mean/variance are
// read only for inference or when exponential_avg_factor != 1.
template <typename T>
BatchNormStats FusedBatchNorm(const BatchNormParams& p, const T* x,
                              const float* scale, const float* offset,
                              const float* mean, const float* variance, T* y) {
  const int64_t n = p.outer * p.inner;
  const double bessel = n > 1 ? static_cast<double>(n) / (n - 1) : 1.0;
  const double f = p.exponential_avg_factor;
  BatchNormStats s;
  for (int64_t c = 0; c < p.channels; ++c) {
    double m, v;
    if (p.is_training) {
      BatchMoments(p, x, c, &m, &v);
    } else {
      m = mean[c];
      v = variance[c];
    }
    const double inv = 1.0 / std::sqrt(v + p.epsilon);
    for (int64_t o = 0; o < p.outer; ++o) {
      for (int64_t i = 0; i < p.inner; ++i) {
        const int64_t k = BatchNormIndex(p, o, c, i);
        const double yv = scale[c] * (ToCompute(x[k]) - m) * inv + offset[c];
        y[k] = FromCompute<T>(static_cast<ComputeType<T>>(yv));
      }
    }
    double bm = m, bv = p.is_training ? v * bessel : v;
    if (p.is_training && f != 1.0) {
      bm = (1 - f) * mean[c] + f * bm;
      bv = (1 - f) * variance[c] + f * bv;
    }
    s.batch_mean.push_back(static_cast<float>(bm));
    s.batch_variance.push_back(static_cast<float>(bv));
    s.reserve_1.push_back(static_cast<float>(m));
    s.reserve_2.push_back(static_cast<float>(v));
  }
  return s;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_BATCH_NORM_H_
