// ResizeBilinear (any TF-registered T -> float) and ResizeNearestNeighbor
// (T -> T) over NHWC images, with align_corners / half_pixel_centers as
// reference/resize.h describes. Bilinear precomputes the source rows and
// columns with their weights once per call (TF's interpolation tables);
// nearest precomputes the source indices and copies elements.
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/image/image_kernels.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/kernels/reference/resize.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::ResizeGeometry;
using BilinearTypes =
    DTypeList<DT_INT8, DT_UINT8, DT_INT16, DT_UINT16, DT_INT32, DT_INT64,
              DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE>;
using NearestTypes =
    DTypeList<DT_INT8, DT_UINT8, DT_INT16, DT_UINT16, DT_INT32, DT_INT64,
              DT_HALF, DT_FLOAT, DT_DOUBLE, DT_BFLOAT16>;

// TF's ImageResizerState::ValidateAndCalculateOutputSize.
StatusOr<ResizeGeometry> ResizeGeometryOf(const Tensor& input,
                                          const Tensor& size, bool align,
                                          bool half) {
  if (half && align) {
    return errors::InvalidArgument(
        "If half_pixel_centers is True, align_corners must be False.");
  }
  if (input.dims() != 4) {
    return errors::InvalidArgument("input must be 4-dimensional",
                                   input.shape().DebugString());
  }
  if (size.dims() != 1) {
    return errors::InvalidArgument("shape_t must be 1-dimensional",
                                   size.shape().DebugString());
  }
  if (size.NumElements() != 2) {
    return errors::InvalidArgument("shape_t must have two elements",
                                   size.shape().DebugString());
  }
  ResizeGeometry g{input.dim_size(0),
                   input.dim_size(1),
                   input.dim_size(2),
                   input.dim_size(3),
                   size.flat<int32_t>()[0],
                   size.flat<int32_t>()[1],
                   align,
                   half};
  if (g.in_h > INT32_MAX || g.in_w > INT32_MAX) {
    return errors::InvalidArgument(
        "input sizes must be between 0 and max int32");
  }
  if (g.out_h <= 0 || g.out_w <= 0) {
    return errors::InvalidArgument("output dimensions must be positive");
  }
  if (g.channels <= 0) {
    return errors::InvalidArgument("image must have at least one channel");
  }
  if (g.in_h <= 0 || g.in_w <= 0) {
    return errors::InvalidArgument("input image must be of non-zero size");
  }
  return g;
}

struct Tap {
  int64_t lower, upper;
  float lerp;
};

std::vector<Tap> Taps(int64_t out, int64_t in, float scale, bool half) {
  std::vector<Tap> taps(out);
  for (int64_t i = 0; i < out; ++i) {
    const float src = half ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                           : static_cast<float>(i) * scale;
    const float f = std::floor(src);
    taps[i] = {std::max<int64_t>(static_cast<int64_t>(f), 0),
               std::min<int64_t>(static_cast<int64_t>(std::ceil(src)), in - 1),
               src - f};
  }
  return taps;
}

void Bilinear(const ResizeGeometry& g, const float* in, float* out) {
  const auto ys = Taps(g.out_h, g.in_h,
                       reference::ResizeScale(g.in_h, g.out_h, g.align_corners),
                       g.half_pixel_centers);
  const auto xs = Taps(g.out_w, g.in_w,
                       reference::ResizeScale(g.in_w, g.out_w, g.align_corners),
                       g.half_pixel_centers);
  const int64_t row = g.in_w * g.channels;
  for (int64_t b = 0; b < g.batch; ++b) {
    const float* image = in + b * g.in_h * row;
    for (const Tap& y : ys) {
      const float* top = image + y.lower * row;
      const float* bottom = image + y.upper * row;
      for (const Tap& x : xs) {
        const int64_t l = x.lower * g.channels, r = x.upper * g.channels;
        for (int64_t c = 0; c < g.channels; ++c) {
          const float t = top[l + c] + (top[r + c] - top[l + c]) * x.lerp;
          const float d =
              bottom[l + c] + (bottom[r + c] - bottom[l + c]) * x.lerp;
          *out++ = t + (d - t) * y.lerp;
        }
      }
    }
  }
}

template <bool kBilinear>
class ResizeOp : public OpKernel {
 public:
  explicit ResizeOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("align_corners", &align_));
    OP_REQUIRES_OK(c, c->GetAttr("half_pixel_centers", &half_));
    if (kBilinear) {
      RequireDType(c, BilinearTypes{}, "T", c->input_type(0));
    } else {
      RequireDType(c, NearestTypes{}, "T", c->input_type(0));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, ResizeGeometry g,
                       ResizeGeometryOf(input, ctx->input(1), align_, half_));
    OP_REQUIRES_ASSIGN(
        ctx, Tensor * out,
        ctx->allocate_output(
            0, TensorShape({g.batch, g.out_h, g.out_w, g.channels})));
    if (out->NumElements() == 0) return;
    if (!kBilinear) {
      VisitStorageType(input.dtype(), [&](auto tag) {
        using S = typename decltype(tag)::type;
        reference::NaiveResizeNearest(g, StorageData<S>(input),
                                      StorageData<S>(*out));
      });
      return;
    }
    if (input.dtype() == DT_FLOAT) {
      Bilinear(g, input.data<float>(), out->data<float>());
      return;
    }
    std::vector<float> in(input.NumElements());
    DispatchDType(BilinearTypes{}, input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* x = input.data<T>();
      for (size_t i = 0; i < in.size(); ++i) {
        in[i] = static_cast<float>(reference::ToCompute(x[i]));
      }
    });
    Bilinear(g, in.data(), out->data<float>());
  }

 private:
  bool align_ = false;
  bool half_ = false;
};

}  // namespace

void RegisterResizeKernels(KernelRegistry* r) {
  r->Register<ResizeOp<true>>("ResizeBilinear");
  r->Register<ResizeOp<false>>("ResizeNearestNeighbor");
}

}  // namespace tfpersist
