// Attributes shared by Conv2D, DepthwiseConv2dNative, MaxPool and AvgPool
// (strides, dilations, ksize, padding, explicit_paddings, data_format),
// validated once at kernel construction with TF's messages, and the NHWC
// geometry of one call (reference/conv.h ConvGeometry).
#ifndef TFPERSIST_RUNTIME_KERNELS_NN_WINDOW_ATTRS_H_
#define TFPERSIST_RUNTIME_KERNELS_NN_WINDOW_ATTRS_H_

#include <cstdint>
#include <vector>

#include "runtime/kernels/reference/conv.h"
#include "runtime/kernels/reference/window.h"
#include "runtime/op_kernel.h"
#include "tfpersist/core/tensor_shape.h"

namespace tfpersist {

struct WindowAttrs {
  // NHWC order (index 1 = H, 2 = W), batch and depth entries are 1 / 0.
  std::vector<int64_t> strides, dilations, ksize;
  reference::Padding padding = reference::Padding::kValid;
  std::vector<int64_t> explicit_paddings;  // 8 values or empty
};

// Which of the optional attrs the op has.
struct WindowAttrSpec {
  bool has_dilations = false;
  bool has_ksize = false;
  bool has_explicit_paddings = false;
};

// Reads and checks the attrs. The only data_format accepted is NHWC (TF's
// CPU kernels for these ops support no other): UNIMPLEMENTED naming the
// op otherwise. INVALID_ARGUMENT for malformed values.
Status ParseWindowAttrs(const OpKernelConstruction* c,
                        const WindowAttrSpec& spec, WindowAttrs* attrs);

// Checks that `t` is 4-D: INVALID_ARGUMENT "<what> must be 4-dimensional:
// [2,3]" otherwise.
Status Require4D(const Tensor& t, const char* what);

// The geometry of a window (filter_h x filter_w; the ksize for pools) over
// an NHWC input; INVALID_ARGUMENT for a negative output size.
StatusOr<reference::ConvGeometry> MakeGeometry(const WindowAttrs& attrs,
                                               const TensorShape& input,
                                               int64_t filter_h,
                                               int64_t filter_w);

// The NHWC output shape [batch, out_h, out_w, depth]; INVALID_ARGUMENT if
// its element count overflows.
StatusOr<TensorShape> OutputShape(const reference::ConvGeometry& g,
                                  int64_t depth);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_NN_WINDOW_ATTRS_H_
