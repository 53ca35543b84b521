// CRC32C (Castagnoli, reflected polynomial 0x82F63B78) as TensorFlow and
// LevelDB use it, plus the "masked" form stored on disk.
//
// Extend() picks an implementation once per process: SSE4.2 (crc32
// instruction, three interleaved streams combined with precomputed shift
// tables) when the CPU has it, else a portable slicing-by-8 table. Both give
// identical results. All functions are pure and thread-safe.
#ifndef TFPERSIST_IO_CRC32C_H_
#define TFPERSIST_IO_CRC32C_H_

#include <cstddef>
#include <cstdint>

namespace tfpersist::crc32c {

// Returns the crc32c of concat(A, data[0, n)) where init_crc is the crc32c of
// some string A. Extend(0, data, n) is the crc32c of data alone.
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);

// Returns the crc32c of data[0, n).
inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }

// Returns the crc32c of concat(A, B) from crc_a = Value(A), crc_b = Value(B)
// and len_b = |B|, in O(log len_b) time. Lets callers checksum pieces in any
// order (e.g. in parallel) and join them.
uint32_t Combine(uint32_t crc_a, uint32_t crc_b, uint64_t len_b);

// TF's kMaskDelta. Masking keeps a CRC stored inside checksummed data from
// making the outer CRC trivially predictable.
inline constexpr uint32_t kMaskDelta = 0xa282ead8u;

// Returns a masked representation of crc: rotate right by 15, add kMaskDelta.
inline constexpr uint32_t Mask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}

// Inverse of Mask().
inline constexpr uint32_t Unmask(uint32_t masked_crc) {
  uint32_t rot = masked_crc - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

// Implementations, exposed for tests and benchmarks only.
namespace internal {
// Portable slicing-by-8. Always available.
uint32_t ExtendPortable(uint32_t init_crc, const char* data, size_t n);
// True if this CPU supports SSE4.2 (checked once).
bool HardwareAvailable();
// SSE4.2 crc32 instruction, three streams. REQUIRES: HardwareAvailable().
uint32_t ExtendHardware(uint32_t init_crc, const char* data, size_t n);
}  // namespace internal

}  // namespace tfpersist::crc32c

#endif  // TFPERSIST_IO_CRC32C_H_
