// Naive Conv2DBackpropInput (transposed convolution) in NHWC, the oracle of
// the kernel: every out_backprop cell scatters filter-weighted values back
// onto the input positions its forward Conv2D window read (reference/conv.h
// ForEachTap geometry). Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_TRANSPOSE_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_TRANSPOSE_H_

#include <cstdint>
#include <vector>

#include "runtime/kernels/reference/conv.h"

namespace tfpersist::reference {

// grad [batch, out_h, out_w, out_c], filter [filter_h, filter_w, in_c,
// out_c] -> out [batch, in_h, in_w, in_c] (accumulated in double).
inline void NaiveConv2DBackpropInput(const ConvGeometry& g, int64_t out_c,
                                     const float* filter, const float* grad,
                                     float* out) {
  std::vector<double> acc(g.batch * g.in_h * g.in_w * g.in_c, 0.0);
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        const float* dy = grad + ((b * g.out_h + oy) * g.out_w + ox) * out_c;
        ForEachTap(
            g, oy, ox, [&](int64_t iy, int64_t ix, int64_t fy, int64_t fx) {
              for (int64_t ic = 0; ic < g.in_c; ++ic) {
                const float* w =
                    filter + ((fy * g.filter_w + fx) * g.in_c + ic) * out_c;
                double s = 0;
                for (int64_t oc = 0; oc < out_c; ++oc)
                  s += double{w[oc]} * dy[oc];
                acc[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + ic] += s;
              }
            });
      }
    }
  }
  for (size_t i = 0; i < acc.size(); ++i) out[i] = static_cast<float>(acc[i]);
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_TRANSPOSE_H_
