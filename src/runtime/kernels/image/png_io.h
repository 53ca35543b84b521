// PNG decoding and encoding with Debian's libpng, with TF's DecodePng /
// EncodePng semantics (lib/png/png_io.cc):
//   decode channels 0 (the file's: gray 1, gray+alpha 2, RGB 3, RGBA 4,
//     palette 3, or 4 with a tRNS chunk), 1..4 (gray from color with
//     weights 0.299/0.587/0.114, gray to RGB, alpha added opaque or
//     dropped); dtype uint8 (16-bit files keep the high byte) or uint16
//     (8-bit samples scaled by 257); interlaced files are supported.
//   encode [height, width, channels] uint8/uint16 with zlib level
//     `compression` (-1 = default).
// Hostile input: libpng errors become INVALID_ARGUMENT ("Invalid PNG data,
// size N: <libpng message>"), never an abort; the decoded size is checked
// before allocation (at most 2^31 bytes and at most 1032x the input, the
// deflate ratio bound), so a tiny file declaring huge dimensions allocates
// nothing.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_IMAGE_PNG_IO_H_
#define TFPERSIST_RUNTIME_KERNELS_IMAGE_PNG_IO_H_

#include <string>
#include <string_view>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// True when `bytes` starts with the PNG signature.
bool IsPng(std::string_view bytes);

// A [height, width, channels] tensor of `dtype` (DT_UINT8 or DT_UINT16).
StatusOr<Tensor> DecodePng(std::string_view bytes, int channels,
                           DataType dtype);

// `image` is uint8 or uint16 [height, width, channels], channels 1..4.
StatusOr<std::string> EncodePng(const Tensor& image, int compression);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_IMAGE_PNG_IO_H_
