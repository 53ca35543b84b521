// Portable crc32c (slicing-by-8), Combine(), and the run-time dispatch
// between it and the SSE4.2 path in crc32c_sse42.cc.
#include "io/crc32c.h"

#include <array>
#include <cstring>

#include "io/crc32c_gf2.h"

namespace tfpersist::crc32c {
namespace internal {
namespace {

using SliceTables = std::array<std::array<uint32_t, 256>, 8>;

// t[0][b] = crc register after feeding byte b into register 0;
// t[k][b] = the same followed by k zero bytes.
constexpr SliceTables MakeSliceTables() {
  SliceTables t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t c = b;
    for (int i = 0; i < 8; ++i) c = (c & 1) ? (c >> 1) ^ kPoly : c >> 1;
    t[0][b] = c;
  }
  for (int k = 1; k < 8; ++k) {
    for (uint32_t b = 0; b < 256; ++b) {
      t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xff];
    }
  }
  return t;
}

constexpr SliceTables kTables = MakeSliceTables();

inline uint32_t StepByte(uint32_t reg, uint8_t byte) {
  return kTables[0][(reg ^ byte) & 0xff] ^ (reg >> 8);
}

}  // namespace

uint32_t ExtendPortable(uint32_t init_crc, const char* data, size_t n) {
  const auto* p = reinterpret_cast<const uint8_t*>(data);
  uint32_t reg = ~init_crc;
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    reg = StepByte(reg, *p++);
    --n;
  }
  while (n >= 8) {
    uint32_t lo, hi;  // little-endian words
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + 4, 4);
    lo ^= reg;
    reg = kTables[7][lo & 0xff] ^ kTables[6][(lo >> 8) & 0xff] ^
          kTables[5][(lo >> 16) & 0xff] ^ kTables[4][lo >> 24] ^
          kTables[3][hi & 0xff] ^ kTables[2][(hi >> 8) & 0xff] ^
          kTables[1][(hi >> 16) & 0xff] ^ kTables[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    reg = StepByte(reg, *p++);
    --n;
  }
  return ~reg;
}

bool HardwareAvailable() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool available = __builtin_cpu_supports("sse4.2");
  return available;
#else
  return false;
#endif
}

}  // namespace internal

namespace {
using ExtendFn = uint32_t (*)(uint32_t, const char*, size_t);

ExtendFn ChooseExtend() {
  return internal::HardwareAvailable() ? internal::ExtendHardware
                                       : internal::ExtendPortable;
}
}  // namespace

uint32_t Extend(uint32_t init_crc, const char* data, size_t n) {
  static const ExtendFn fn = ChooseExtend();
  return fn(init_crc, data, n);
}

namespace {
// kX8Pow2[k] = x^(8 * 2^k) mod P: shifts through 2^k zero bytes.
constexpr std::array<uint32_t, 64> MakeX8Pow2() {
  std::array<uint32_t, 64> t{};
  t[0] = internal::XPow8N(1);
  for (int k = 1; k < 64; ++k) t[k] = internal::MultModP(t[k - 1], t[k - 1]);
  return t;
}
constexpr std::array<uint32_t, 64> kX8Pow2 = MakeX8Pow2();
}  // namespace

uint32_t Combine(uint32_t crc_a, uint32_t crc_b, uint64_t len_b) {
  for (int k = 0; len_b != 0; ++k, len_b >>= 1) {
    if (len_b & 1) crc_a = internal::MultModP(kX8Pow2[k], crc_a);
  }
  return crc_a ^ crc_b;
}

}  // namespace tfpersist::crc32c
