// TensorFlow's counter-based random numbers, so seeded RandomUniform /
// RandomStandardNormal / TruncatedNormal produce TF's values:
//
// * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
//   1, 2, 3"): a 128-bit counter and 64-bit key; each call returns 4 uint32
//   and advances the counter by one. Seeds (seed, seed2) put `seed` in the
//   key and `seed2` in the counter's high 64 bits.
// * uniform float: 23 random mantissa bits under exponent 0, minus 1, in
//   [0, 1); double: 52 bits from two uint32 (low word first); half /
//   bfloat16: 10 / 7 bits of each sample's low 16 bits.
// * normal: Box-Muller on pairs of uniforms (u1 clamped to >= 1e-7),
//   giving (sin, cos) * sqrt(-2 ln u1); doubles take two uint32 per uniform.
// * truncated normal: normal pairs drawn one uint32 at a time, keeping
//   values with |x| < 2 until a group is full.
// [source: TF lib/random/philox_random.h, random_distributions.h; written
//  from their description, not verified against TF-generated values here]
// Thread-safety: value types; distinct objects may be used concurrently.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_PHILOX_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_PHILOX_H_

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace tfpersist::reference {

class Philox {
 public:
  using Block = std::array<uint32_t, 4>;

  Philox(uint64_t seed, uint64_t seed2) {
    key_ = {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)};
    counter_ = {0, 0, static_cast<uint32_t>(seed2),
                static_cast<uint32_t>(seed2 >> 32)};
  }

  // Advances the counter by `count` blocks.
  void Skip(uint64_t count) {
    const uint32_t lo = static_cast<uint32_t>(count);
    uint32_t hi = static_cast<uint32_t>(count >> 32);
    counter_[0] += lo;
    if (counter_[0] < lo) ++hi;
    counter_[1] += hi;
    if (counter_[1] < hi && ++counter_[2] == 0) ++counter_[3];
  }

  // The next 4 random words.
  Block Next() {
    Block c = counter_;
    std::array<uint32_t, 2> key = key_;
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        key[0] += 0x9E3779B9u;
        key[1] += 0xBB67AE85u;
      }
      const uint64_t p0 = uint64_t{0xD2511F53u} * c[0];
      const uint64_t p1 = uint64_t{0xCD9E8D57u} * c[2];
      c = {static_cast<uint32_t>(p1 >> 32) ^ c[1] ^ key[0],
           static_cast<uint32_t>(p1),
           static_cast<uint32_t>(p0 >> 32) ^ c[3] ^ key[1],
           static_cast<uint32_t>(p0)};
    }
    Skip(1);
    return c;
  }

 private:
  std::array<uint32_t, 4> counter_;
  std::array<uint32_t, 2> key_;
};

// Hands out a Philox's words one at a time (TF's SingleSampleAdapter).
class PhiloxSingle {
 public:
  explicit PhiloxSingle(Philox* gen) : gen_(gen) {}
  uint32_t operator()() {
    if (used_ == 4) {
      block_ = gen_->Next();
      used_ = 0;
    }
    return block_[used_++];
  }

 private:
  Philox* gen_;
  Philox::Block block_{};
  int used_ = 4;
};

// Uniform [0, 1) from random bits.
inline float Uint32ToFloat(uint32_t x) {
  return std::bit_cast<float>((127u << 23) | (x & 0x7fffffu)) - 1.0f;
}
inline double Uint64ToDouble(uint32_t lo, uint32_t hi) {
  const uint64_t man = (uint64_t{hi & 0xfffffu} << 32) | lo;
  return std::bit_cast<double>((uint64_t{1023} << 52) | man) - 1.0;
}
// Half / bfloat16 uniforms, returned as their float value.
inline float Uint16ToHalfValue(uint32_t x) {
  return static_cast<float>(x & 0x3ffu) / 1024.0f;
}
inline float Uint16ToBFloat16Value(uint32_t x) {
  return static_cast<float>(x & 0x7fu) / 128.0f;
}

// Box-Muller: two uniforms -> two standard normals.
inline void BoxMullerFloat(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  float u1 = Uint32ToFloat(x0);
  if (u1 < 1.0e-7f) u1 = 1.0e-7f;
  const float v1 = 2.0f * static_cast<float>(M_PI) * Uint32ToFloat(x1);
  const float u2 = std::sqrt(-2.0f * std::log(u1));
  *f0 = std::sin(v1) * u2;
  *f1 = std::cos(v1) * u2;
}
inline void BoxMullerDouble(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3,
                            double* d0, double* d1) {
  double u1 = Uint64ToDouble(x0, x1);
  if (u1 < 1.0e-7) u1 = 1.0e-7;
  const double v1 = 2 * M_PI * Uint64ToDouble(x2, x3);
  const double u2 = std::sqrt(-2.0 * std::log(u1));
  *d0 = std::sin(v1) * u2;
  *d1 = std::cos(v1) * u2;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_PHILOX_H_
