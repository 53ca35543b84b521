// Naive NHWC max and average pooling, the oracles of MaxPool and AvgPool.
// Padded cells never take part: they never win a max and are not counted
// in an average's divisor. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_POOLING_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_POOLING_H_

#include <cstdint>
#include <limits>

#include "runtime/kernels/reference/conv.h"
#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// output [batch, out_h, out_w, in_c], starting from the lowest finite
// value of the compute type (TF's NumTraits::lowest) and taking larger
// values only: a window of -inf or NaN cells, or with no in-bounds cell,
// yields that lowest value.
template <typename T>
void MaxPool(const ConvGeometry& g, const T* input, T* output) {
  using C = ComputeType<T>;
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        for (int64_t c = 0; c < g.in_c; ++c) {
          C best = std::numeric_limits<C>::lowest();
          ForEachTap(g, oy, ox, [&](int64_t iy, int64_t ix, int64_t, int64_t) {
            const C v = ToCompute(
                input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + c]);
            if (v > best) best = v;  // NaN never wins (TF's cwiseMax)
          });
          output[((b * g.out_h + oy) * g.out_w + ox) * g.in_c + c] =
              FromCompute<T>(best);
        }
      }
    }
  }
}

// output [batch, out_h, out_w, in_c]; divisor = in-bounds cells only.
template <typename T>
void AvgPool(const ConvGeometry& g, const T* input, T* output) {
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        for (int64_t c = 0; c < g.in_c; ++c) {
          double sum = 0;
          int64_t count = 0;
          ForEachTap(g, oy, ox, [&](int64_t iy, int64_t ix, int64_t, int64_t) {
            sum += ToCompute(
                input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + c]);
            ++count;
          });
          const double avg = count > 0 ? sum / count : 0.0;
          output[((b * g.out_h + oy) * g.out_w + ox) * g.in_c + c] =
              FromCompute<T>(static_cast<ComputeType<T>>(avg));
        }
      }
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_POOLING_H_
