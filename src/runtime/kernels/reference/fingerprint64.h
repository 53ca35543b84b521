// TensorFlow's Fingerprint64 (tensorflow/core/platform/fingerprint.h): the
// 64-bit FarmHash "na" hash of a byte string, which StringToHashBucketFast
// reduces modulo num_buckets. Written from FarmHash's published algorithm
// (farmhashna::Hash64: HashLen0to16 / 17to32 / 33to64, then a 64-byte-block
// loop over a 56-byte state), little-endian loads; frozen forever by TF
// (Fingerprint64("Hello") == 15404698994557526151).
//
// Thread-safety: pure function.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_FINGERPRINT64_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_FINGERPRINT64_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

namespace tfpersist::reference {
namespace farmhash_internal {

inline constexpr uint64_t k0 = 0xc3a5c85c97cb3127ULL;
inline constexpr uint64_t k1 = 0xb492b66fbe98f273ULL;
inline constexpr uint64_t k2 = 0x9ae16a3b2f90404fULL;

// Little-endian loads (memcpy is alignment-safe; hosts are little-endian,
// checked in the .cc of the kernel).
inline uint64_t Fetch64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
inline uint64_t Fetch32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
inline uint64_t Rotate(uint64_t v, int shift) {
  return shift == 0 ? v : (v >> shift) | (v << (64 - shift));
}
inline uint64_t ShiftMix(uint64_t v) { return v ^ (v >> 47); }

inline uint64_t HashLen16(uint64_t u, uint64_t v, uint64_t mul) {
  uint64_t a = (u ^ v) * mul;
  a ^= a >> 47;
  uint64_t b = (v ^ a) * mul;
  b ^= b >> 47;
  return b * mul;
}

inline uint64_t HashLen0to16(const char* s, size_t len) {
  if (len >= 8) {
    const uint64_t mul = k2 + len * 2;
    const uint64_t a = Fetch64(s) + k2;
    const uint64_t b = Fetch64(s + len - 8);
    const uint64_t c = Rotate(b, 37) * mul + a;
    const uint64_t d = (Rotate(a, 25) + b) * mul;
    return HashLen16(c, d, mul);
  }
  if (len >= 4) {
    const uint64_t mul = k2 + len * 2;
    const uint64_t a = Fetch32(s);
    return HashLen16(len + (a << 3), Fetch32(s + len - 4), mul);
  }
  if (len > 0) {
    const uint8_t a = static_cast<uint8_t>(s[0]);
    const uint8_t b = static_cast<uint8_t>(s[len >> 1]);
    const uint8_t c = static_cast<uint8_t>(s[len - 1]);
    const uint32_t y = uint32_t{a} + (uint32_t{b} << 8);
    const uint32_t z = static_cast<uint32_t>(len) + (uint32_t{c} << 2);
    return ShiftMix(y * k2 ^ z * k0) * k2;
  }
  return k2;
}

inline uint64_t HashLen17to32(const char* s, size_t len) {
  const uint64_t mul = k2 + len * 2;
  const uint64_t a = Fetch64(s) * k1;
  const uint64_t b = Fetch64(s + 8);
  const uint64_t c = Fetch64(s + len - 8) * mul;
  const uint64_t d = Fetch64(s + len - 16) * k2;
  return HashLen16(Rotate(a + b, 43) + Rotate(c, 30) + d,
                   a + Rotate(b + k2, 18) + c, mul);
}

inline uint64_t HashLen33to64(const char* s, size_t len) {
  const uint64_t mul = k2 + len * 2;
  const uint64_t a = Fetch64(s) * k2;
  const uint64_t b = Fetch64(s + 8);
  const uint64_t c = Fetch64(s + len - 8) * mul;
  const uint64_t d = Fetch64(s + len - 16) * k2;
  const uint64_t y = Rotate(a + b, 43) + Rotate(c, 30) + d;
  const uint64_t z = HashLen16(y, a + Rotate(b + k2, 18) + c, mul);
  const uint64_t e = Fetch64(s + 16) * mul;
  const uint64_t f = Fetch64(s + 24);
  const uint64_t g = (y + Fetch64(s + len - 32)) * mul;
  const uint64_t h = (z + Fetch64(s + len - 24)) * mul;
  return HashLen16(Rotate(e + f, 43) + Rotate(g, 30) + h,
                   e + Rotate(f + a, 18) + g, mul);
}

// A 16-byte mix of s[0..31] with seeds a, b.
inline std::pair<uint64_t, uint64_t> WeakHashLen32WithSeeds(const char* s,
                                                            uint64_t a,
                                                            uint64_t b) {
  const uint64_t w = Fetch64(s), x = Fetch64(s + 8), y = Fetch64(s + 16),
                 z = Fetch64(s + 24);
  a += w;
  b = Rotate(b + a + z, 21);
  const uint64_t c = a;
  a += x;
  a += y;
  b += Rotate(a, 44);
  return {a + z, b + c};
}

// The state of the > 64-byte loop.
struct State {
  uint64_t x, y, z;
  std::pair<uint64_t, uint64_t> v, w;
};

// One 64-byte round; `mul` and `nine` distinguish the final round.
inline void Round(const char* s, uint64_t mul, uint64_t nine, State* st) {
  st->x = Rotate(st->x + st->y + st->v.first + Fetch64(s + 8), 37) * mul;
  st->y = Rotate(st->y + st->v.second + Fetch64(s + 48), 42) * mul;
  st->x ^= st->w.second * nine;
  st->y += st->v.first * nine + Fetch64(s + 40);
  st->z = Rotate(st->z + st->w.first, 33) * mul;
  st->v = WeakHashLen32WithSeeds(s, st->v.second * mul, st->x + st->w.first);
  st->w = WeakHashLen32WithSeeds(s + 32, st->z + st->w.second,
                                 st->y + Fetch64(s + 16));
  std::swap(st->z, st->x);
}

inline uint64_t HashLongerThan64(const char* s, size_t len) {
  constexpr uint64_t kSeed = 81;
  State st;
  st.x = kSeed;
  st.y = kSeed * k1 + 113;
  st.z = ShiftMix(st.y * k2 + 113) * k2;
  st.v = {0, 0};
  st.w = {0, 0};
  st.x = st.x * k2 + Fetch64(s);
  const char* end = s + ((len - 1) / 64) * 64;
  const char* last64 = s + len - 64;
  do {
    Round(s, k1, 1, &st);
    s += 64;
  } while (s != end);
  const uint64_t mul = k1 + ((st.z & 0xff) << 1);
  st.w.first += (len - 1) & 63;
  st.v.first += st.w.first;
  st.w.first += st.v.first;
  Round(last64, mul, 9, &st);
  return HashLen16(
      HashLen16(st.v.first, st.w.first, mul) + ShiftMix(st.y) * k0 + st.z,
      HashLen16(st.v.second, st.w.second, mul) + st.x, mul);
}

}  // namespace farmhash_internal

// TF's Fingerprint64(s).
inline uint64_t Fingerprint64(std::string_view s) {
  using namespace farmhash_internal;
  const size_t len = s.size();
  if (len <= 16) return HashLen0to16(s.data(), len);
  if (len <= 32) return HashLen17to32(s.data(), len);
  if (len <= 64) return HashLen33to64(s.data(), len);
  return HashLongerThan64(s.data(), len);
}

// TF's FingerprintCat64(fp1, fp2): combines two fingerprints (used by the
// SavedModel fingerprint.pb hashes).
inline uint64_t FingerprintCat64(uint64_t fp1, uint64_t fp2) {
  using farmhash_internal::ShiftMix;
  constexpr uint64_t kMul = 0xc6a4a7935bd1e995ULL;
  uint64_t result = fp1 ^ kMul;
  result ^= ShiftMix(fp2 * kMul) * kMul;
  result *= kMul;
  result = ShiftMix(result) * kMul;
  return ShiftMix(result);
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_FINGERPRINT64_H_
