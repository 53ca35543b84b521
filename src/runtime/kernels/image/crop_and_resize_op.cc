// CropAndResize: for each box [y1, x1, y2, x2] (normalized) of image
// box_ind[i], samples a crop_size grid with bilinear or nearest
// interpolation, as TF's crop_and_resize_op.cc (in float):
//   scale_y = crop_h > 1 ? (y2 - y1) * (H - 1) / (crop_h - 1) : 0
//   in_y    = crop_h > 1 ? y1 * (H - 1) + y * scale_y
//                        : 0.5 * (y1 + y2) * (H - 1)
// (likewise x); a sample outside [0, H - 1] x [0, W - 1] gets
// extrapolation_value. Output is float [boxes, crop_h, crop_w, depth].
#include <cmath>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/image/image_kernels.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using CropTypes = DTypeList<DT_UINT8, DT_UINT16, DT_INT8, DT_INT16, DT_INT32,
                            DT_INT64, DT_HALF, DT_FLOAT, DT_DOUBLE>;

struct Crop {
  int64_t h, w, depth, in_h, in_w;
  bool bilinear;
  float extrapolation;
};

// One box of image `img` ([in_h, in_w, depth] as float) into out.
void CropOne(const Crop& c, const float* img, const float* box, float* out) {
  const float y1 = box[0], x1 = box[1], y2 = box[2], x2 = box[3];
  const float sy = c.h > 1 ? (y2 - y1) * (c.in_h - 1) / (c.h - 1) : 0;
  const float sx = c.w > 1 ? (x2 - x1) * (c.in_w - 1) / (c.w - 1) : 0;
  auto px = [&](int64_t y, int64_t x, int64_t d) {
    return img[(y * c.in_w + x) * c.depth + d];
  };
  for (int64_t y = 0; y < c.h; ++y) {
    const float in_y =
        c.h > 1 ? y1 * (c.in_h - 1) + y * sy : 0.5f * (y1 + y2) * (c.in_h - 1);
    for (int64_t x = 0; x < c.w; ++x, out += c.depth) {
      const float in_x = c.w > 1 ? x1 * (c.in_w - 1) + x * sx
                                 : 0.5f * (x1 + x2) * (c.in_w - 1);
      if (in_y < 0 || in_y > c.in_h - 1 || in_x < 0 || in_x > c.in_w - 1) {
        std::fill(out, out + c.depth, c.extrapolation);
        continue;
      }
      if (!c.bilinear) {
        const auto ny = static_cast<int64_t>(std::round(in_y));
        const auto nx = static_cast<int64_t>(std::round(in_x));
        for (int64_t d = 0; d < c.depth; ++d) out[d] = px(ny, nx, d);
        continue;
      }
      const auto t = static_cast<int64_t>(std::floor(in_y));
      const auto b = static_cast<int64_t>(std::ceil(in_y));
      const auto l = static_cast<int64_t>(std::floor(in_x));
      const auto r = static_cast<int64_t>(std::ceil(in_x));
      const float ly = in_y - t, lx = in_x - l;
      for (int64_t d = 0; d < c.depth; ++d) {
        const float top = px(t, l, d) + (px(t, r, d) - px(t, l, d)) * lx;
        const float bot = px(b, l, d) + (px(b, r, d) - px(b, l, d)) * lx;
        out[d] = top + (bot - top) * ly;
      }
    }
  }
}

class CropAndResizeOp : public OpKernel {
 public:
  explicit CropAndResizeOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string method;
    OP_REQUIRES_OK(c, c->GetAttr("method", &method));
    OP_REQUIRES_OK(c, c->GetAttr("extrapolation_value", &extrapolation_));
    bilinear_ = method == "bilinear";
    RequireDType(c, CropTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& image = ctx->input(0);
    const Tensor& boxes = ctx->input(1);
    const Tensor& box_ind = ctx->input(2);
    const Tensor& size = ctx->input(3);
    OP_REQUIRES(ctx, image.dims() == 4,
                errors::InvalidArgument("input image must be 4-D",
                                        image.shape().DebugString()));
    OP_REQUIRES(ctx, image.dim_size(1) > 0 && image.dim_size(2) > 0,
                errors::InvalidArgument("image dimensions must be positive"));
    const int64_t n = box_ind.dims() == 1 ? box_ind.dim_size(0) : -1;
    OP_REQUIRES(
        ctx,
        boxes.dims() == 2 && boxes.dim_size(0) == n && boxes.dim_size(1) == 4,
        errors::InvalidArgument(
            "boxes must be 2-D [num_boxes, 4] and box_index 1-D "
            "[num_boxes], got ",
            boxes.shape().DebugString(), " and ",
            box_ind.shape().DebugString()));
    OP_REQUIRES(ctx, size.dims() == 1 && size.NumElements() == 2,
                errors::InvalidArgument(
                    "crop_size must be a 1-D tensor of length 2, got ",
                    size.shape().DebugString()));
    const Crop c{size.flat<int32_t>()[0], size.flat<int32_t>()[1],
                 image.dim_size(3),       image.dim_size(1),
                 image.dim_size(2),       bilinear_,
                 extrapolation_};
    OP_REQUIRES(ctx, c.h > 0 && c.w > 0,
                errors::InvalidArgument("crop dimensions must be positive"));
    for (int64_t i = 0; i < n; ++i) {
      const int32_t b = box_ind.flat<int32_t>()[i];
      OP_REQUIRES(ctx, b >= 0 && b < image.dim_size(0),
                  errors::InvalidArgument("box_index has values outside [0, ",
                                          image.dim_size(0), ")"));
    }
    OP_REQUIRES_ASSIGN(
        ctx, Tensor * out,
        ctx->allocate_output(0, TensorShape({n, c.h, c.w, c.depth})));
    if (out->NumElements() == 0) return;
    std::vector<float> img(image.NumElements());
    DispatchDType(CropTypes{}, image.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (size_t i = 0; i < img.size(); ++i) {
        img[i] = static_cast<float>(reference::ToCompute(image.data<T>()[i]));
      }
    });
    const int64_t per_image = c.in_h * c.in_w * c.depth;
    for (int64_t i = 0; i < n; ++i) {
      CropOne(c, img.data() + box_ind.flat<int32_t>()[i] * per_image,
              boxes.data<float>() + 4 * i,
              out->data<float>() + i * c.h * c.w * c.depth);
    }
  }

 private:
  bool bilinear_ = true;
  float extrapolation_ = 0;
};

}  // namespace

void RegisterCropAndResizeKernels(KernelRegistry* r) {
  r->Register<CropAndResizeOp>("CropAndResize");
}

}  // namespace tfpersist
