// Naive 2-D convolutions in NHWC, the oracles of Conv2D and
// DepthwiseConv2dNative. Cross-correlation (no filter flip), with strides,
// dilations and zero padding (padded cells contribute nothing).
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_H_

#include <cstdint>

#include "runtime/kernels/reference/matmul.h"
#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// Geometry of one NHWC convolution or pooling; out_h/out_w and the pads
// come from ComputeWindow (window.h).
struct ConvGeometry {
  int64_t batch = 0, in_h = 0, in_w = 0, in_c = 0;
  int64_t filter_h = 0, filter_w = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0;
};

// Calls fn(iy, ix, fy, fx) for every in-bounds tap of output cell (oy, ox).
template <typename Fn>
void ForEachTap(const ConvGeometry& g, int64_t oy, int64_t ox, Fn fn) {
  for (int64_t fy = 0; fy < g.filter_h; ++fy) {
    const int64_t iy = oy * g.stride_h - g.pad_top + fy * g.dilation_h;
    if (iy < 0 || iy >= g.in_h) continue;
    for (int64_t fx = 0; fx < g.filter_w; ++fx) {
      const int64_t ix = ox * g.stride_w - g.pad_left + fx * g.dilation_w;
      if (ix < 0 || ix >= g.in_w) continue;
      fn(iy, ix, fy, fx);
    }
  }
}

// input [batch, in_h, in_w, in_c], filter [filter_h, filter_w, in_c,
// out_c] (HWIO) -> output [batch, out_h, out_w, out_c].
template <typename T>
void Conv2D(const ConvGeometry& g, int64_t out_c, const T* input,
            const T* filter, T* output) {
  using Acc = AccumulatorType<T>;
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        for (int64_t oc = 0; oc < out_c; ++oc) {
          Acc sum = 0;
          ForEachTap(
              g, oy, ox, [&](int64_t iy, int64_t ix, int64_t fy, int64_t fx) {
                const T* in =
                    input + ((b * g.in_h + iy) * g.in_w + ix) * g.in_c;
                const T* f =
                    filter + (fy * g.filter_w + fx) * g.in_c * out_c + oc;
                for (int64_t ic = 0; ic < g.in_c; ++ic) {
                  sum = WrapAdd(sum, WrapMul<Acc>(ToCompute(in[ic]),
                                                  ToCompute(f[ic * out_c])));
                }
              });
          output[((b * g.out_h + oy) * g.out_w + ox) * out_c + oc] =
              FromCompute<T>(static_cast<ComputeType<T>>(sum));
        }
      }
    }
  }
}

// input [batch, in_h, in_w, in_c], filter [filter_h, filter_w, in_c,
// multiplier] -> output [batch, out_h, out_w, in_c * multiplier] with
// out[..., c * multiplier + q] = sum in[..., c] * filter[.., .., c, q].
template <typename T>
void DepthwiseConv2D(const ConvGeometry& g, int64_t multiplier, const T* input,
                     const T* filter, T* output) {
  using Acc = AccumulatorType<T>;
  const int64_t out_c = g.in_c * multiplier;
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        for (int64_t oc = 0; oc < out_c; ++oc) {
          const int64_t c = oc / multiplier;
          Acc sum = 0;
          ForEachTap(
              g, oy, ox, [&](int64_t iy, int64_t ix, int64_t fy, int64_t fx) {
                const Acc in = ToCompute(
                    input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + c]);
                const Acc f =
                    ToCompute(filter[(fy * g.filter_w + fx) * out_c + oc]);
                sum = WrapAdd(sum, WrapMul(in, f));
              });
          output[((b * g.out_h + oy) * g.out_w + ox) * out_c + oc] =
              FromCompute<T>(static_cast<ComputeType<T>>(sum));
        }
      }
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_H_
