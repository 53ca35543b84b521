#include "runtime/kernels/image/png_io.h"

#include <png.h>

#include <cstdio>
#include <cstring>

namespace tfpersist {
namespace {

constexpr uint64_t kMaxPngBytes = uint64_t{1} << 31;
constexpr uint64_t kDeflateRatio = 1032;

struct ErrorCtx {
  char message[256];
};

[[noreturn]] void OnError(png_structp png, png_const_charp msg) {
  auto* e = static_cast<ErrorCtx*>(png_get_error_ptr(png));
  std::snprintf(e->message, sizeof(e->message), "%s", msg);
  png_longjmp(png, 1);
}

void OnWarning(png_structp, png_const_charp) {}

struct Reader {
  const unsigned char* data;
  size_t size;
  size_t pos;
};

void ReadFn(png_structp png, png_bytep out, png_size_t n) {
  auto* r = static_cast<Reader*>(png_get_io_ptr(png));
  if (n > r->size - r->pos) png_error(png, "Read beyond end of data");
  std::memcpy(out, r->data + r->pos, n);
  r->pos += n;
}

enum RawCode { kOk = 0, kLibError, kTooLarge, kAllocFailed };

struct RawImage {
  int64_t height = 0, width = 0;
  int channels = 0, depth = 8;
};

using AllocFn = unsigned char* (*)(void* ctx, const RawImage& shape);

// Sets libpng's transforms for `channels` output channels (0 = the
// file's) and returns the channel count and output bit depth in *out.
void SetTransforms(png_structp png, png_infop info, int channels, bool want16,
                   RawImage* out) {
  png_uint_32 w, h;
  int depth, color;
  png_get_IHDR(png, info, &w, &h, &depth, &color, nullptr, nullptr, nullptr);
  const bool trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
  const bool is_gray = (color & PNG_COLOR_MASK_COLOR) == 0;
  bool alpha = (color & PNG_COLOR_MASK_ALPHA) != 0;
  if (channels == 0) {
    channels = color == PNG_COLOR_TYPE_PALETTE
                   ? (trns ? 4 : 3)
                   : (is_gray ? 1 : 3) + ((alpha || trns) ? 1 : 0);
  }
  const bool want_alpha = channels == 2 || channels == 4;
  if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (is_gray && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (trns && want_alpha) {
    png_set_tRNS_to_alpha(png);
    alpha = true;
  }
  if (channels < 3 && !is_gray) png_set_rgb_to_gray(png, 1, 0.299, 0.587);
  if (channels >= 3 && is_gray) png_set_gray_to_rgb(png);
  if (depth == 16 && !want16) png_set_strip_16(png);
  const int out_depth = depth == 16 && want16 ? 16 : 8;
  if (want_alpha && !alpha) {
    png_set_add_alpha(png, out_depth == 16 ? 0xFFFF : 0xFF, PNG_FILLER_AFTER);
  }
  if (!want_alpha && alpha) png_set_strip_alpha(png);
  if (out_depth == 16) png_set_swap(png);  // little-endian host order
  *out = {h, w, channels, out_depth};
}

// libpng's errors longjmp here: only trivially destructible locals; the
// pixels go to the caller's buffer from `alloc`.
RawCode DecodeRaw(const unsigned char* data, size_t size, int channels,
                  bool want16, AllocFn alloc, void* alloc_ctx, ErrorCtx* err,
                  RawImage* out) {
  Reader reader{data, size, 0};
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, err, OnError, OnWarning);
  if (png == nullptr) return kLibError;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return kLibError;
  }
  png_set_read_fn(png, &reader, ReadFn);
  png_read_info(png, info);
  SetTransforms(png, info, channels, want16, out);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  const uint64_t row =
      static_cast<uint64_t>(out->width) * out->channels * (out->depth / 8);
  if (png_get_rowbytes(png, info) != row) png_error(png, "unexpected row size");
  const uint64_t total = row * out->height;
  if (total > kMaxPngBytes || total > kDeflateRatio * size + (1 << 20)) {
    png_destroy_read_struct(&png, &info, nullptr);
    return kTooLarge;
  }
  unsigned char* buf = alloc(alloc_ctx, *out);
  if (buf == nullptr) {
    png_destroy_read_struct(&png, &info, nullptr);
    return kAllocFailed;
  }
  for (int p = 0; p < passes; ++p) {
    for (int64_t y = 0; y < out->height; ++y) {
      png_read_row(png, buf + y * row, nullptr);
    }
  }
  png_destroy_read_struct(&png, &info, nullptr);
  return kOk;
}

struct AllocCtx {
  Tensor tensor;
  Status status;
};

unsigned char* AllocTensor(void* ctx, const RawImage& shape) {
  auto* a = static_cast<AllocCtx*>(ctx);
  auto t = Tensor::Allocate(
      shape.depth == 16 ? DT_UINT16 : DT_UINT8,
      TensorShape({shape.height, shape.width, shape.channels}));
  if (!t.ok()) {
    a->status = t.status();
    return nullptr;
  }
  a->tensor = std::move(t).value();
  return reinterpret_cast<unsigned char*>(a->tensor.raw_data());
}

void WriteFn(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), n);
}

void FlushFn(png_structp) {}

bool EncodeRaw(const unsigned char* pixels, const RawImage& img, int level,
               std::string* out, ErrorCtx* err) {
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, err, OnError, OnWarning);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  static const int kColor[] = {0, PNG_COLOR_TYPE_GRAY,
                               PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                               PNG_COLOR_TYPE_RGB_ALPHA};
  png_set_write_fn(png, out, WriteFn, FlushFn);
  png_set_IHDR(png, info, static_cast<png_uint_32>(img.width),
               static_cast<png_uint_32>(img.height), img.depth,
               kColor[img.channels], PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (level >= 0) png_set_compression_level(png, level);
  png_write_info(png, info);
  if (img.depth == 16) png_set_swap(png);
  const size_t row =
      static_cast<size_t>(img.width) * img.channels * (img.depth / 8);
  for (int64_t y = 0; y < img.height; ++y) {
    png_write_row(png, pixels + y * row);
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

bool IsPng(std::string_view bytes) {
  return bytes.size() >= 8 &&
         png_sig_cmp(reinterpret_cast<png_const_bytep>(bytes.data()), 0, 8) ==
             0;
}

StatusOr<Tensor> DecodePng(std::string_view bytes, int channels,
                           DataType dtype) {
  if (channels < 0 || channels > 4) {
    return errors::InvalidArgument("channels must be 0, 1, 2, 3, or 4, got ",
                                   channels);
  }
  if (dtype != DT_UINT8 && dtype != DT_UINT16) {
    return errors::InvalidArgument("DecodePng: dtype must be uint8 or uint16");
  }
  AllocCtx alloc;
  ErrorCtx err{};
  RawImage shape;
  const RawCode code = DecodeRaw(
      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
      channels, dtype == DT_UINT16, AllocTensor, &alloc, &err, &shape);
  switch (code) {
    case kLibError:
      return errors::InvalidArgument("Invalid PNG data, size ", bytes.size(),
                                     ": ", err.message);
    case kTooLarge:
      return errors::InvalidArgument(
          "PNG image of ", shape.height, "x", shape.width, "x", shape.channels,
          " is too large for its ", bytes.size(), "-byte input");
    case kAllocFailed:
      return alloc.status;
    case kOk:
      break;
  }
  if (dtype == DT_UINT8 || shape.depth == 16) return std::move(alloc.tensor);
  // 8-bit samples as uint16: v * 257 maps 255 to 65535 (TF's rule).
  TFP_ASSIGN_OR_RETURN(Tensor wide,
                       Tensor::Allocate(DT_UINT16, alloc.tensor.shape()));
  const uint8_t* src = alloc.tensor.data<uint8_t>();
  uint16_t* dst = wide.data<uint16_t>();
  for (int64_t i = 0; i < wide.NumElements(); ++i) dst[i] = src[i] * 257;
  return wide;
}

StatusOr<std::string> EncodePng(const Tensor& image, int compression) {
  if (image.dims() != 3) {
    return errors::InvalidArgument("image must be 3-dimensional",
                                   image.shape().DebugString());
  }
  if (compression < -1 || compression > 9) {
    return errors::InvalidArgument("compression should be in [-1,9], got ",
                                   compression);
  }
  const int64_t c = image.dim_size(2);
  if (c < 1 || c > 4) {
    return errors::InvalidArgument(
        "image must have 1, 2, 3, or 4 channels, got ", c);
  }
  if (image.dim_size(0) >= (int64_t{1} << 31) ||
      image.dim_size(1) >= (int64_t{1} << 31)) {
    return errors::InvalidArgument(
        "image cannot have >= int32 max rows or columns");
  }
  RawImage shape{image.dim_size(0), image.dim_size(1), static_cast<int>(c),
                 image.dtype() == DT_UINT16 ? 16 : 8};
  std::string out;
  ErrorCtx err{};
  if (!EncodeRaw(reinterpret_cast<const unsigned char*>(image.raw_data()),
                 shape, compression, &out, &err)) {
    return errors::InvalidArgument("PNG encoding failed: ", err.message);
  }
  return out;
}

}  // namespace tfpersist
