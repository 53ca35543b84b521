// Naive 2-D convolutions in NHWC, the oracles of Conv2D and
// DepthwiseConv2dNative. Cross-correlation (no filter flip), with strides,
// dilations and zero padding (padded cells contribute nothing).
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_CONV_H_

#include <algorithm>
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

// The taps [begin, end) of a window of `k` taps spaced `dilation` apart
// starting at input coordinate `base` (possibly negative) that fall inside
// [0, in). Computed directly, so the cost never depends on the taps that
// fall outside the input (a hostile ksize of 2^31 on a 4x4 input).
// REQUIRES: k >= 0, dilation >= 1, base + (k - 1) * dilation fits int64.
struct TapRange {
  int64_t begin = 0, end = 0;
};
inline TapRange InBoundsTaps(int64_t base, int64_t k, int64_t dilation,
                             int64_t in) {
  TapRange r;
  if (k <= 0 || in <= 0 || base >= in) return r;
  // First tap with base + f * dilation >= 0.
  r.begin = base >= 0 ? 0 : -base / dilation + (-base % dilation != 0);
  // One past the last tap with base + f * dilation <= in - 1.
  r.end = std::min(k, (in - 1 - base) / dilation + 1);
  if (r.end < r.begin) r.end = r.begin;
  return r;
}

// Calls fn(iy, ix, fy, fx) for every in-bounds tap of output cell (oy, ox),
// in row-major tap order; out-of-bounds taps cost nothing.
template <typename Fn>
void ForEachTap(const ConvGeometry& g, int64_t oy, int64_t ox, Fn fn) {
  const int64_t base_y = oy * g.stride_h - g.pad_top;
  const int64_t base_x = ox * g.stride_w - g.pad_left;
  const TapRange ry = InBoundsTaps(base_y, g.filter_h, g.dilation_h, g.in_h);
  const TapRange rx = InBoundsTaps(base_x, g.filter_w, g.dilation_w, g.in_w);
  for (int64_t fy = ry.begin; fy < ry.end; ++fy) {
    const int64_t iy = base_y + fy * g.dilation_h;
    for (int64_t fx = rx.begin; fx < rx.end; ++fx) {
      fn(iy, base_x + fx * g.dilation_w, fy, fx);
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
