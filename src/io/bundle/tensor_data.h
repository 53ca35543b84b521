// Reading tensor bytes out of bundle data files: checksummed reads straight
// into a destination buffer, the DT_STRING layout, byte swapping and copying
// a slice into a full tensor. Pure functions, thread-safe.
#ifndef TFPERSIST_IO_BUNDLE_TENSOR_DATA_H_
#define TFPERSIST_IO_BUNDLE_TENSOR_DATA_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tfpersist/base/env.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist {

// Reads file[offset, offset + n) into dst and returns its crc32c, computed
// piece by piece while the bytes are still in cache. DATA_LOSS if the file
// ends early. REQUIRES: dst holds n bytes.
StatusOr<uint32_t> ReadWithChecksum(const RandomAccessFile& file,
                                    uint64_t offset, size_t n, char* dst);

// Decodes a DT_STRING tensor's stored bytes (layout in bundle_writer.cc)
// into `out` (one string per element) and returns the crc32c over them as
// TF computes it (lengths as fixed32/64, the stored length checksum, the
// string bytes). With swap_bytes the stored lengths checksum is big-endian.
// DATA_LOSS if the lengths are truncated, their checksum does not match or
// they do not add up to the stored size.
StatusOr<uint32_t> DecodeStringTensor(std::string_view stored, bool swap_bytes,
                                      std::span<std::string> out);

// Reverses the byte order of each element (of each component, for complex
// types) of a numeric tensor's buffer in place.
void ByteSwapTensorData(DataType dtype, char* data, size_t bytes);

// Copies `part`, which holds `slice` of a tensor shaped like *full, into the
// matching region of *full. REQUIRES: same dtype, part's shape equals
// slice.SliceShape(full->shape()) (validated by the caller).
void CopySliceIntoFull(const Tensor& part, const TensorSlice& slice,
                       Tensor* full);

}  // namespace tfpersist

#endif  // TFPERSIST_IO_BUNDLE_TENSOR_DATA_H_
