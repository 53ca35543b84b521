// DecodeJpeg, DecodePng, DecodeImage (format from the magic bytes) and
// EncodePng, over jpeg_io.h / png_io.h (Debian's libjpeg and libpng).
// DecodeImage's dtype: uint8, uint16 (8-bit samples * 257) or float32
// (samples / 255 or / 65535, as convert_image_dtype); GIF and BMP are
// recognized but not decoded (UNIMPLEMENTED).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/image/image_kernels.h"
#include "runtime/kernels/image/jpeg_io.h"
#include "runtime/kernels/image/png_io.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

Status CheckScalar(const Tensor& contents) {
  if (contents.dims() == 0) return OkStatus();
  return errors::InvalidArgument("contents must be scalar, got shape ",
                                 contents.shape().DebugString());
}

Status ReadJpegOptions(OpKernelConstruction* c, JpegDecodeOptions* o) {
  int32_t channels = 0, ratio = 1;
  TFP_RETURN_IF_ERROR(c->GetAttr("channels", &channels));
  TFP_RETURN_IF_ERROR(c->GetAttr("ratio", &ratio));
  TFP_RETURN_IF_ERROR(c->GetAttr("fancy_upscaling", &o->fancy_upscaling));
  TFP_RETURN_IF_ERROR(
      c->GetAttr("try_recover_truncated", &o->try_recover_truncated));
  TFP_RETURN_IF_ERROR(
      c->GetAttr("acceptable_fraction", &o->acceptable_fraction));
  TFP_RETURN_IF_ERROR(c->GetAttr("dct_method", &o->dct_method));
  o->channels = channels;
  o->ratio = ratio;
  return OkStatus();
}

class DecodeJpegOp : public OpKernel {
 public:
  explicit DecodeJpegOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, ReadJpegOptions(c, &options_));
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, CheckScalar(ctx->input(0)));
    OP_REQUIRES_ASSIGN(
        ctx, Tensor image,
        DecodeJpeg(ctx->input(0).scalar<std::string>(), options_));
    ctx->set_output(0, std::move(image));
  }

 private:
  JpegDecodeOptions options_;
};

class DecodePngOp : public OpKernel {
 public:
  explicit DecodePngOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("channels", &channels_));
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, CheckScalar(ctx->input(0)));
    OP_REQUIRES_ASSIGN(
        ctx, Tensor image,
        DecodePng(ctx->input(0).scalar<std::string>(), channels_, dtype_));
    ctx->set_output(0, std::move(image));
  }

 private:
  int32_t channels_ = 0;
  DataType dtype_ = DT_UINT8;
};

// uint8 -> dtype (uint16: * 257; float: / 255); uint16 -> float: / 65535.
StatusOr<Tensor> ConvertImage(Tensor image, DataType dtype) {
  if (image.dtype() == dtype) return image;
  TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(dtype, image.shape()));
  const int64_t n = image.NumElements();
  for (int64_t i = 0; i < n; ++i) {
    const double v = image.dtype() == DT_UINT8 ? image.flat<uint8_t>()[i]
                                               : image.flat<uint16_t>()[i];
    if (dtype == DT_UINT16) {
      out.flat<uint16_t>()[i] = static_cast<uint16_t>(v * 257);
    } else {
      out.flat<float>()[i] =
          static_cast<float>(v / (image.dtype() == DT_UINT8 ? 255.0 : 65535.0));
    }
  }
  return out;
}

class DecodeImageOp : public OpKernel {
 public:
  explicit DecodeImageOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("channels", &channels_));
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    OP_REQUIRES(c, channels_ >= 0 && channels_ <= 4 && channels_ != 2,
                errors::InvalidArgument("channels must be 0, 1, 3 or 4, got ",
                                        channels_));
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, CheckScalar(ctx->input(0)));
    const std::string& bytes = ctx->input(0).scalar<std::string>();
    Tensor image;
    if (IsPng(bytes)) {
      OP_REQUIRES_ASSIGN(ctx, image,
                         DecodePng(bytes, channels_,
                                   dtype_ == DT_UINT8 ? DT_UINT8 : DT_UINT16));
    } else if (IsJpeg(bytes)) {
      JpegDecodeOptions o;
      o.channels = channels_;
      OP_REQUIRES(ctx, channels_ != 4,
                  errors::InvalidArgument(
                      "channels must be 0, 1 or 3 for a JPEG image, got 4"));
      OP_REQUIRES_ASSIGN(ctx, image, DecodeJpeg(bytes, o));
    } else if (bytes.starts_with("GIF8") || bytes.starts_with("BM")) {
      ctx->SetStatus(errors::Unimplemented(
          "DecodeImage: GIF and BMP images are not supported"));
      return;
    } else {
      ctx->SetStatus(errors::InvalidArgument(
          "Unknown image file format. One of JPEG, PNG, GIF, BMP required."));
      return;
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor out, ConvertImage(std::move(image), dtype_));
    ctx->set_output(0, std::move(out));
  }

 private:
  int32_t channels_ = 0;
  DataType dtype_ = DT_UINT8;
};

// EncodePng: [..., height, width, channels] -> string tensor [...].
class EncodePngOp : public OpKernel {
 public:
  explicit EncodePngOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("compression", &compression_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& image = ctx->input(0);
    OP_REQUIRES(ctx, image.dims() >= 3,
                errors::InvalidArgument("image must be at least 3-dimensional",
                                        image.shape().DebugString()));
    TensorShape batch = image.shape();
    const int r = image.dims();
    TensorShape one(
        {image.dim_size(r - 3), image.dim_size(r - 2), image.dim_size(r - 1)});
    for (int i = 0; i < 3; ++i) batch.RemoveDim(batch.dims() - 1);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, batch));
    OP_REQUIRES_ASSIGN(ctx, Tensor single,
                       image.Reshaped(TensorShape(
                           {batch.num_elements(), one.num_elements()})));
    for (int64_t b = 0; b < batch.num_elements(); ++b) {
      OP_REQUIRES_ASSIGN(ctx, Tensor slice,
                         single.SliceDim0(b, b + 1).Reshaped(one));
      OP_REQUIRES_ASSIGN(ctx, out->flat<std::string>()[b],
                         EncodePng(slice, compression_));
    }
  }

 private:
  int32_t compression_ = -1;
};

}  // namespace

void RegisterImageCodecKernels(KernelRegistry* r) {
  r->Register<DecodeJpegOp>("DecodeJpeg");
  r->Register<DecodePngOp>("DecodePng");
  r->Register<DecodeImageOp>("DecodeImage");
  r->Register<EncodePngOp>("EncodePng");
}

}  // namespace tfpersist
