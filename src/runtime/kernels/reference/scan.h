// Naive definitions of TF's scan, counting and ranking ops (oracles for the
// kernels in kernels/math/): Cumsum / Cumprod (exclusive, reverse),
// Bincount, TopKV2, InTopKV2, L2Loss. Values are ComputeType (numeric.h);
// REQUIRES: arguments validated. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_SCAN_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_SCAN_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// x viewed as [outer, n, inner]; out[o, i, r] combines (AddFn or MulFn,
// starting from `identity`) x[o, j, r] for j in
//   [0, i] (default), [0, i) (exclusive), [i, n) (reverse),
//   (i, n) (exclusive + reverse).
// Sums every element from scratch: O(n^2) per line, obviously right.
template <typename T, typename Fn>
std::vector<T> Cumulative(std::span<const T> x, int64_t outer, int64_t n,
                          int64_t inner, bool exclusive, bool reverse,
                          T identity, Fn fn) {
  std::vector<T> out(x.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t r = 0; r < inner; ++r) {
        T acc = identity;
        for (int64_t j = 0; j < n; ++j) {
          const bool take = reverse ? (exclusive ? j > i : j >= i)
                                    : (exclusive ? j < i : j <= i);
          if (take) acc = fn(acc, x[(o * n + j) * inner + r]);
        }
        out[(o * n + i) * inner + r] = acc;
      }
    }
  }
  return out;
}

// bins[v] = number of (or sum of weights at) positions where arr == v, for
// v in [0, size); values outside are ignored. Empty weights = all 1.
template <typename T>
std::vector<T> Bincount(std::span<const int32_t> arr, int64_t size,
                        std::span<const T> weights) {
  std::vector<T> bins(size, T(0));
  for (size_t i = 0; i < arr.size(); ++i) {
    if (arr[i] < 0 || arr[i] >= size) continue;
    bins[arr[i]] += weights.empty() ? T(1) : weights[i];
  }
  return bins;
}

// For each row of `rows` x `n` values: the k largest, largest first, ties
// broken by the lower index (TF's sorted TopKV2).
template <typename T>
void TopK(std::span<const T> x, int64_t rows, int64_t n, int64_t k,
          std::vector<T>* values, std::vector<int64_t>* indices) {
  for (int64_t r = 0; r < rows; ++r) {
    std::vector<int64_t> order(n);
    for (int64_t i = 0; i < n; ++i) order[i] = i;
    const T* row = x.data() + r * n;
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      return ToCompute(row[a]) > ToCompute(row[b]);
    });
    for (int64_t i = 0; i < k; ++i) {
      values->push_back(row[order[i]]);
      indices->push_back(order[i]);
    }
  }
}

// out[b] = target b is a valid class, every prediction of row b is finite
// and fewer than k classes have a strictly larger prediction.
inline std::vector<bool> InTopK(std::span<const float> predictions,
                                int64_t classes,
                                std::span<const int64_t> targets, int64_t k) {
  std::vector<bool> out;
  for (size_t b = 0; b < targets.size(); ++b) {
    const int64_t t = targets[b];
    const float* row = predictions.data() + b * classes;
    bool finite = true;
    for (int64_t c = 0; c < classes; ++c) finite &= std::isfinite(row[c]) != 0;
    if (t < 0 || t >= classes || !finite) {
      out.push_back(false);
      continue;
    }
    int64_t larger = 0;
    for (int64_t c = 0; c < classes; ++c) larger += row[c] > row[t];
    out.push_back(larger < k);
  }
  return out;
}

// sum(x^2) / 2.
inline double L2Loss(std::span<const double> x) {
  double sum = 0;
  for (double v : x) sum += v * v;
  return sum / 2;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_SCAN_H_
