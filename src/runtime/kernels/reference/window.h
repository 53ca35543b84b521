// Output size and padding of a sliding window along one spatial dimension
// (Conv2D, DepthwiseConv2dNative, MaxPool, AvgPool), as TF's
// kernel_shape_util.cc; spec: ops-core.md section 4.
//
//   effective window ke = (k - 1) * dilation + 1
//   VALID:    out = (in - ke + s) / s, no padding
//   SAME:     out = ceil(in / s); pad_total = max(0, (out - 1) * s + ke - in);
//             pad_before = pad_total / 2, the rest after (bottom/right)
//   EXPLICIT: out = (in + before + after - ke + s) / s with the given pads
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_WINDOW_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_WINDOW_H_

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "tfpersist/base/statusor.h"

namespace tfpersist::reference {

enum class Padding { kValid, kSame, kExplicit };

// "VALID", "SAME" or "EXPLICIT"; INVALID_ARGUMENT otherwise.
inline StatusOr<Padding> ParsePadding(std::string_view s) {
  if (s == "VALID") return Padding::kValid;
  if (s == "SAME") return Padding::kSame;
  if (s == "EXPLICIT") return Padding::kExplicit;
  return errors::InvalidArgument("Unknown padding type: ", s);
}

struct WindowDim {
  int64_t out = 0;
  int64_t pad_before = 0;
  int64_t pad_after = 0;
};

// INVALID_ARGUMENT with TF's messages for a non-positive stride, a dilation
// below 1, negative explicit pads or a negative output size, and when the
// arithmetic would overflow int64 (hostile attrs or zero-sized filters).
inline StatusOr<WindowDim> ComputeWindow(int64_t in, int64_t k, int64_t stride,
                                         int64_t dilation, Padding padding,
                                         int64_t explicit_before = 0,
                                         int64_t explicit_after = 0) {
  if (stride <= 0) {
    return errors::InvalidArgument("Stride must be > 0, but got ", stride);
  }
  if (dilation < 1) {
    return errors::InvalidArgument("Dilation rate must be >= 1, but got ",
                                   dilation);
  }
  int64_t ke, padded;
  if (k < 0 || in < 0 || __builtin_mul_overflow(k - 1, dilation, &ke) ||
      __builtin_add_overflow(ke, 1, &ke) ||
      __builtin_add_overflow(in, explicit_before, &padded) ||
      __builtin_add_overflow(padded, explicit_after, &padded) ||
      __builtin_add_overflow(padded, stride, &padded)) {
    return errors::InvalidArgument("Window size overflows: input ", in,
                                   ", filter ", k, ", dilation ", dilation);
  }
  WindowDim w;
  switch (padding) {
    case Padding::kValid:
      w.out = (in - ke + stride) / stride;
      break;
    case Padding::kSame: {
      w.out = (in + stride - 1) / stride;
      // (out - 1) * stride < in, so this order cannot overflow.
      const int64_t total =
          std::max<int64_t>(0, ke - (in - (w.out - 1) * stride));
      w.pad_before = total / 2;
      w.pad_after = total - w.pad_before;
      break;
    }
    case Padding::kExplicit:
      if (explicit_before < 0 || explicit_after < 0) {
        return errors::InvalidArgument(
            "Explicit padding must be non-negative, but got ", explicit_before,
            " and ", explicit_after);
      }
      w.out = (padded - ke) / stride;  // padded = in + pads + stride
      w.pad_before = explicit_before;
      w.pad_after = explicit_after;
      break;
  }
  if (w.out < 0) {
    return errors::InvalidArgument(
        "Computed output size would be negative: ", w.out, " [input_size: ", in,
        ", effective_filter_size: ", ke, ", stride: ", stride, "]");
  }
  return w;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_WINDOW_H_
