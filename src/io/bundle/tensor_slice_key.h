// Keys of per-slice entries of partitioned tensors: TF's
// EncodeTensorNameSlice, built from "OrderedCode" pieces (spec
// checkpoint-v2.md §6; V1 checkpoints use the same keys):
//
//   NumIncreasing(0) ‖ String(name) ‖ NumIncreasing(rank)
//   ‖ for each dim: SignedNumIncreasing(start) ‖ SignedNumIncreasing(length)
//
// (a full dimension is start 0, length -1). Every such key starts with 0x00,
// so it sorts right after the header key "". Pure functions, thread-safe.
#ifndef TFPERSIST_IO_BUNDLE_TENSOR_SLICE_KEY_H_
#define TFPERSIST_IO_BUNDLE_TENSOR_SLICE_KEY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "tfpersist/base/status.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist {

std::string EncodeTensorNameSlice(std::string_view name,
                                  const TensorSlice& slice);
// Inverse of EncodeTensorNameSlice; INVALID_ARGUMENT for malformed codes.
Status DecodeTensorNameSlice(std::string_view code, std::string* name,
                             TensorSlice* slice);

namespace ordered_code {
// One length byte, then the value big-endian without leading zero bytes.
void WriteNumIncreasing(std::string* dest, uint64_t value);
// 0x00 -> 00 FF, 0xFF -> FF 00, then the terminator 00 01.
void WriteString(std::string* dest, std::string_view s);
// Sign-extended big-endian bytes with a unary length header (1..10 bytes).
void WriteSignedNumIncreasing(std::string* dest, int64_t value);
// Readers consume from the front of *src; false if malformed.
bool ReadNumIncreasing(std::string_view* src, uint64_t* value);
bool ReadString(std::string_view* src, std::string* result);
bool ReadSignedNumIncreasing(std::string_view* src, int64_t* value);
}  // namespace ordered_code

}  // namespace tfpersist

#endif  // TFPERSIST_IO_BUNDLE_TENSOR_SLICE_KEY_H_
