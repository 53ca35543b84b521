#include "runtime/kernels/image/jpeg_io.h"

// clang-format off
#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE
#include <cstring>
#include <jpeglib.h>
#include <jerror.h>
// clang-format on

namespace tfpersist {
namespace {

constexpr int64_t kMaxJpegBytes = int64_t{1} << 29;

struct ErrorMgr {
  jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  // Output row at which the data ran out (-1: it did not).
  long truncated_at;
};

[[noreturn]] void OnError(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorMgr*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

// Warnings: remember where a truncated stream ended; ignore the rest.
void OnMessage(j_common_ptr cinfo, int level) {
  if (level >= 0) return;
  auto* err = reinterpret_cast<ErrorMgr*>(cinfo->err);
  const int code = err->pub.msg_code;
  if ((code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER) &&
      err->truncated_at < 0) {
    err->truncated_at =
        reinterpret_cast<j_decompress_ptr>(cinfo)->output_scanline;
  }
}

enum RawCode { kOk = 0, kLibError, kTooLarge, kCmyk, kAllocFailed };

struct RawImage {
  int height = 0, width = 0, channels = 0;
};

using AllocFn = unsigned char* (*)(void* ctx, const RawImage& shape);

// libjpeg's error path longjmps here, so this function holds only trivially
// destructible locals; the output buffer comes from `alloc` (owned by the
// caller's frame).
RawCode DecodeRaw(const unsigned char* data, size_t size,
                  const JpegDecodeOptions& opt, J_DCT_METHOD dct, AllocFn alloc,
                  void* alloc_ctx, ErrorMgr* err, RawImage* out) {
  jpeg_decompress_struct cinfo;
  cinfo.err = jpeg_std_error(&err->pub);
  err->pub.error_exit = OnError;
  err->pub.emit_message = OnMessage;
  err->truncated_at = -1;
  if (setjmp(err->jump)) {
    jpeg_destroy_decompress(&cinfo);
    return kLibError;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.jpeg_color_space == JCS_CMYK ||
      cinfo.jpeg_color_space == JCS_YCCK) {
    jpeg_destroy_decompress(&cinfo);
    return kCmyk;
  }
  const int channels =
      opt.channels == 0 ? (cinfo.num_components == 1 ? 1 : 3) : opt.channels;
  cinfo.out_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  cinfo.scale_num = 1;
  cinfo.scale_denom = opt.ratio;
  cinfo.do_fancy_upsampling = opt.fancy_upscaling ? TRUE : FALSE;
  cinfo.dct_method = dct;
  jpeg_calc_output_dimensions(&cinfo);
  out->height = static_cast<int>(cinfo.output_height);
  out->width = static_cast<int>(cinfo.output_width);
  out->channels = channels;
  if (int64_t{out->height} * out->width * channels >= kMaxJpegBytes) {
    jpeg_destroy_decompress(&cinfo);
    return kTooLarge;
  }
  unsigned char* buf = alloc(alloc_ctx, *out);
  if (buf == nullptr) {
    jpeg_destroy_decompress(&cinfo);
    return kAllocFailed;
  }
  jpeg_start_decompress(&cinfo);
  const size_t stride = static_cast<size_t>(out->width) * channels;
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = buf + cinfo.output_scanline * stride;
    if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) break;
  }
  if (err->truncated_at < 0 && cinfo.output_scanline < cinfo.output_height) {
    err->truncated_at = cinfo.output_scanline;
  }
  jpeg_abort_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return kOk;
}

StatusOr<J_DCT_METHOD> DctMethod(const std::string& name) {
  if (name.empty() || name == "INTEGER_FAST") return JDCT_IFAST;
  if (name == "INTEGER_ACCURATE") return JDCT_ISLOW;
  return errors::InvalidArgument(
      "dct_method must be one of '', 'INTEGER_FAST' or 'INTEGER_ACCURATE', "
      "got '",
      name, "'");
}

struct AllocCtx {
  Tensor tensor;
  Status status;
};

unsigned char* AllocTensor(void* ctx, const RawImage& shape) {
  auto* a = static_cast<AllocCtx*>(ctx);
  auto t = Tensor::Allocate(
      DT_UINT8, TensorShape({shape.height, shape.width, shape.channels}));
  if (!t.ok()) {
    a->status = t.status();
    return nullptr;
  }
  a->tensor = std::move(t).value();
  return a->tensor.data<uint8_t>();
}

}  // namespace

bool IsJpeg(std::string_view bytes) {
  return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
         static_cast<unsigned char>(bytes[1]) == 0xD8 &&
         static_cast<unsigned char>(bytes[2]) == 0xFF;
}

StatusOr<Tensor> DecodeJpeg(std::string_view bytes,
                            const JpegDecodeOptions& opt) {
  if (opt.channels != 0 && opt.channels != 1 && opt.channels != 3) {
    return errors::InvalidArgument("channels must be 0, 1, or 3, got ",
                                   opt.channels);
  }
  if (opt.ratio != 1 && opt.ratio != 2 && opt.ratio != 4 && opt.ratio != 8) {
    return errors::InvalidArgument("ratio must be 1, 2, 4, or 8, got ",
                                   opt.ratio);
  }
  TFP_ASSIGN_OR_RETURN(J_DCT_METHOD dct, DctMethod(opt.dct_method));
  AllocCtx alloc;
  ErrorMgr err;
  RawImage shape;
  const RawCode code =
      DecodeRaw(reinterpret_cast<const unsigned char*>(bytes.data()),
                bytes.size(), opt, dct, AllocTensor, &alloc, &err, &shape);
  const std::string invalid =
      StrCat("Invalid JPEG data or crop window, data size ", bytes.size());
  switch (code) {
    case kLibError:
      return errors::InvalidArgument(invalid, ": ", err.message);
    case kTooLarge:
      return errors::InvalidArgument("JPEG image of ", shape.height, "x",
                                     shape.width, "x", shape.channels,
                                     " exceeds the 2^29-byte decode limit");
    case kCmyk:
      return errors::Unimplemented("CMYK JPEG images are not supported");
    case kAllocFailed:
      return alloc.status;
    case kOk:
      break;
  }
  if (err.truncated_at >= 0) {
    if (!opt.try_recover_truncated ||
        err.truncated_at < opt.acceptable_fraction * shape.height) {
      return errors::InvalidArgument(invalid, ": premature end of data after ",
                                     err.truncated_at, " of ", shape.height,
                                     " rows");
    }
    const size_t stride = static_cast<size_t>(shape.width) * shape.channels;
    std::memset(alloc.tensor.data<uint8_t>() + err.truncated_at * stride, 0,
                (shape.height - err.truncated_at) * stride);
  }
  return std::move(alloc.tensor);
}

}  // namespace tfpersist
