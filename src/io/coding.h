// Endian-neutral encoding of integers (cf. leveldb util/coding.h):
// * fixed-length little-endian 32/64-bit numbers;
// * varints: 7 bits per byte, least significant group first, high bit set
//   on every byte but the last (protobuf base-128). A varint32 takes at
//   most 5 bytes, a varint64 at most 10.
// Put* append to a string; Get* consume from the front of a string_view and
// return false, leaving the input unchanged, on truncated or overlong input.
// All functions are pure and thread-safe.
#ifndef TFPERSIST_IO_CODING_H_
#define TFPERSIST_IO_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tfpersist {

inline constexpr int kMaxVarint32Bytes = 5;
inline constexpr int kMaxVarint64Bytes = 10;

// REQUIRES: dst has room for 4 (8) bytes.
inline void EncodeFixed32(char* dst, uint32_t value) {
  for (int i = 0; i < 4; ++i) dst[i] = static_cast<char>(value >> (8 * i));
}
inline void EncodeFixed64(char* dst, uint64_t value) {
  for (int i = 0; i < 8; ++i) dst[i] = static_cast<char>(value >> (8 * i));
}
// REQUIRES: ptr points at 4 (8) readable bytes.
inline uint32_t DecodeFixed32(const char* ptr) {
  const auto* p = reinterpret_cast<const uint8_t*>(ptr);
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t DecodeFixed64(const char* ptr) {
  return static_cast<uint64_t>(DecodeFixed32(ptr)) |
         (static_cast<uint64_t>(DecodeFixed32(ptr + 4)) << 32);
}

void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
void PutVarint32(std::string* dst, uint32_t value);
void PutVarint64(std::string* dst, uint64_t value);

// Writes a varint at dst and returns the byte past it.
// REQUIRES: dst has room for kMaxVarint32Bytes (kMaxVarint64Bytes).
char* EncodeVarint32(char* dst, uint32_t value);
char* EncodeVarint64(char* dst, uint64_t value);

// Number of bytes the varint encoding of value takes (1..10).
int VarintLength(uint64_t value);

// Parses a fixed number from the front of *input and advances past it.
bool GetFixed32(std::string_view* input, uint32_t* value);
bool GetFixed64(std::string_view* input, uint64_t* value);

// Parses a varint from the front of *input and advances past it. Returns
// false (input unchanged) if the input ends inside the varint or the varint
// is longer than 5 (10) bytes or does not fit in 32 (64) bits.
bool GetVarint32(std::string_view* input, uint32_t* value);
bool GetVarint64(std::string_view* input, uint64_t* value);

// Pointer-based forms: parse a varint in [p, limit) and return the byte past
// it, or nullptr on truncation/overflow.
const char* GetVarint32Ptr(const char* p, const char* limit, uint32_t* value);
const char* GetVarint64Ptr(const char* p, const char* limit, uint64_t* value);

}  // namespace tfpersist

#endif  // TFPERSIST_IO_CODING_H_
