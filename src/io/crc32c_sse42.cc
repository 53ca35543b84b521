// crc32c with the SSE4.2 crc32 instruction. The instruction has a latency of
// 3 cycles but a throughput of 1 per cycle, so large buffers are cut into
// three adjacent stripes processed in one loop; the three partial registers
// are then joined with precomputed "shift through N zero bytes" tables
// (crc32c_gf2.h). Only compiled for x86; called only when the CPU has SSE4.2.
#include <cstring>

#include "io/crc32c.h"
#include "io/crc32c_gf2.h"

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace tfpersist::crc32c::internal {

#if defined(__x86_64__)
namespace {

constexpr size_t kLongStripe = 8192;
constexpr size_t kShortStripe = 256;
constexpr ShiftTable kShiftLong = MakeShiftTable(kLongStripe);
constexpr ShiftTable kShiftShort = MakeShiftTable(kShortStripe);

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Consumes as many groups of three `stripe`-byte stripes as fit in *n.
template <size_t stripe>
__attribute__((target("sse4.2"), always_inline)) inline uint64_t ThreeStripes(
    uint64_t reg, const uint8_t** p, size_t* n, const ShiftTable& shift) {
  while (*n >= 3 * stripe) {
    const uint8_t* a = *p;
    uint64_t r1 = 0, r2 = 0;
    for (size_t i = 0; i < stripe; i += 8) {
      reg = _mm_crc32_u64(reg, Load64(a + i));
      r1 = _mm_crc32_u64(r1, Load64(a + stripe + i));
      r2 = _mm_crc32_u64(r2, Load64(a + 2 * stripe + i));
    }
    reg = Shift(shift, static_cast<uint32_t>(reg)) ^ static_cast<uint32_t>(r1);
    reg = Shift(shift, static_cast<uint32_t>(reg)) ^ static_cast<uint32_t>(r2);
    *p += 3 * stripe;
    *n -= 3 * stripe;
  }
  return reg;
}

}  // namespace

__attribute__((target("sse4.2"))) uint32_t ExtendHardware(uint32_t init_crc,
                                                          const char* data,
                                                          size_t n) {
  const auto* p = reinterpret_cast<const uint8_t*>(data);
  uint64_t reg = static_cast<uint32_t>(~init_crc);
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    reg = _mm_crc32_u8(static_cast<uint32_t>(reg), *p++);
    --n;
  }
  reg = ThreeStripes<kLongStripe>(reg, &p, &n, kShiftLong);
  reg = ThreeStripes<kShortStripe>(reg, &p, &n, kShiftShort);
  while (n >= 8) {
    reg = _mm_crc32_u64(reg, Load64(p));
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    reg = _mm_crc32_u8(static_cast<uint32_t>(reg), *p++);
    --n;
  }
  return ~static_cast<uint32_t>(reg);
}

#else  // !__x86_64__

uint32_t ExtendHardware(uint32_t init_crc, const char* data, size_t n) {
  return ExtendPortable(init_crc, data, n);
}

#endif  // __x86_64__

}  // namespace tfpersist::crc32c::internal
