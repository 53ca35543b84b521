// Naive image resizing in NHWC, pixel by pixel, with TF's coordinate rules
// (kernels/image/image_resizer_state.h), in float as TF computes:
//   scale = align_corners && out > 1 ? (in - 1) / (out - 1) : in / out
//   bilinear source: half_pixel_centers ? (x + 0.5) * scale - 0.5
//                                       : x * scale
//     lower = max(floor(src), 0), upper = min(ceil(src), in - 1),
//     lerp = src - floor(src); out = top + (bottom - top) * y_lerp with
//     top = tl + (tr - tl) * x_lerp (likewise bottom)
//   nearest source: half_pixel_centers ? (x + 0.5) * scale : x * scale,
//     then round (align_corners) or floor, min(in - 1), max(0) when
//     half_pixel_centers.
// The oracles of ResizeBilinear / ResizeNearestNeighbor.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_RESIZE_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_RESIZE_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tfpersist::reference {

struct ResizeGeometry {
  int64_t batch = 0, in_h = 0, in_w = 0, channels = 0, out_h = 0, out_w = 0;
  bool align_corners = false;
  bool half_pixel_centers = false;
};

inline float ResizeScale(int64_t in, int64_t out, bool align_corners) {
  return align_corners && out > 1
             ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
             : static_cast<float>(in) / static_cast<float>(out);
}

// Source pixel of output index `x` for nearest-neighbor resizing.
inline int64_t NearestSource(int64_t x, int64_t in, float scale, bool align,
                             bool half) {
  const float src = half ? (static_cast<float>(x) + 0.5f) * scale
                         : static_cast<float>(x) * scale;
  int64_t i = std::min<int64_t>(align ? static_cast<int64_t>(std::round(src))
                                      : static_cast<int64_t>(std::floor(src)),
                                in - 1);
  return half ? std::max<int64_t>(i, 0) : i;
}

// in: [batch, in_h, in_w, channels] as float; out likewise with out_h/w.
inline void NaiveResizeBilinear(const ResizeGeometry& g, const float* in,
                                float* out) {
  const float sy = ResizeScale(g.in_h, g.out_h, g.align_corners);
  const float sx = ResizeScale(g.in_w, g.out_w, g.align_corners);
  auto src = [&](int64_t x, float s) {
    return g.half_pixel_centers ? (static_cast<float>(x) + 0.5f) * s - 0.5f
                                : static_cast<float>(x) * s;
  };
  auto at = [&](int64_t b, int64_t y, int64_t x, int64_t c) {
    return in[((b * g.in_h + y) * g.in_w + x) * g.channels + c];
  };
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t y = 0; y < g.out_h; ++y) {
      const float fy = src(y, sy);
      const int64_t y0 =
          std::max<int64_t>(static_cast<int64_t>(std::floor(fy)), 0);
      const int64_t y1 =
          std::min<int64_t>(static_cast<int64_t>(std::ceil(fy)), g.in_h - 1);
      const float ly = fy - std::floor(fy);
      for (int64_t x = 0; x < g.out_w; ++x) {
        const float fx = src(x, sx);
        const int64_t x0 =
            std::max<int64_t>(static_cast<int64_t>(std::floor(fx)), 0);
        const int64_t x1 =
            std::min<int64_t>(static_cast<int64_t>(std::ceil(fx)), g.in_w - 1);
        const float lx = fx - std::floor(fx);
        for (int64_t c = 0; c < g.channels; ++c) {
          const float top =
              at(b, y0, x0, c) + (at(b, y0, x1, c) - at(b, y0, x0, c)) * lx;
          const float bot =
              at(b, y1, x0, c) + (at(b, y1, x1, c) - at(b, y1, x0, c)) * lx;
          out[((b * g.out_h + y) * g.out_w + x) * g.channels + c] =
              top + (bot - top) * ly;
        }
      }
    }
  }
}

template <typename T>
void NaiveResizeNearest(const ResizeGeometry& g, const T* in, T* out) {
  const float sy = ResizeScale(g.in_h, g.out_h, g.align_corners);
  const float sx = ResizeScale(g.in_w, g.out_w, g.align_corners);
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t y = 0; y < g.out_h; ++y) {
      const int64_t iy =
          NearestSource(y, g.in_h, sy, g.align_corners, g.half_pixel_centers);
      for (int64_t x = 0; x < g.out_w; ++x) {
        const int64_t ix =
            NearestSource(x, g.in_w, sx, g.align_corners, g.half_pixel_centers);
        for (int64_t c = 0; c < g.channels; ++c) {
          out[((b * g.out_h + y) * g.out_w + x) * g.channels + c] =
              in[((b * g.in_h + iy) * g.in_w + ix) * g.channels + c];
        }
      }
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_RESIZE_H_
