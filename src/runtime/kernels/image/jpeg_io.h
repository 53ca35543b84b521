// JPEG decoding with Debian's libjpeg (libjpeg-turbo), with TF's
// DecodeJpeg options (kernels/image/decode_image_op.cc, lib/jpeg/jpeg_mem.cc):
//   channels 0 (the file's: 1 for grayscale, else 3), 1 or 3;
//   ratio 1, 2, 4 or 8 (libjpeg's DCT scaling);
//   fancy_upscaling (libjpeg's do_fancy_upsampling);
//   dct_method "" or "INTEGER_FAST" (JDCT_IFAST, TF's default) or
//     "INTEGER_ACCURATE" (JDCT_ISLOW);
//   try_recover_truncated / acceptable_fraction: a truncated file fails
//     unless recovery is on and at least that fraction of the rows
//     decoded (the rest are zero).
// Hostile input: libjpeg errors become INVALID_ARGUMENT (never abort),
// and the output size is checked (< 2^29 bytes, TF's limit) before it is
// allocated, so a tiny file declaring 65535x65535 allocates nothing.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_IMAGE_JPEG_IO_H_
#define TFPERSIST_RUNTIME_KERNELS_IMAGE_JPEG_IO_H_

#include <string>
#include <string_view>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

struct JpegDecodeOptions {
  int channels = 0;
  int ratio = 1;
  bool fancy_upscaling = true;
  bool try_recover_truncated = false;
  float acceptable_fraction = 1.0f;
  std::string dct_method;
};

// True when `bytes` starts with the JPEG SOI marker (FF D8 FF).
bool IsJpeg(std::string_view bytes);

// A uint8 [height, width, channels] tensor. INVALID_ARGUMENT for bad
// options, corrupt or truncated data ("Invalid JPEG data or crop window,
// data size N") and images over the size limit; UNIMPLEMENTED for CMYK.
StatusOr<Tensor> DecodeJpeg(std::string_view bytes,
                            const JpegDecodeOptions& options);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_IMAGE_JPEG_IO_H_
