// Scalar semantics of Cast (spec: ops-core.md, Cast):
// * to bool: x != 0 (NaN is true); from bool: 0 or 1.
// * float -> integer: truncates toward zero. Where C++ (and TF, which uses
//   a plain static_cast) leaves the result undefined we define it: NaN
//   gives 0 and out-of-range values saturate to the integer's range.
// * integer -> narrower integer: wraps (two's complement).
// * to half / bfloat16: rounds to nearest even through float (double is
//   first rounded to float, as Eigen does).
// * Truncate = true, for a float -> narrower float cast: the surplus low
//   mantissa bits of the source are zeroed first (NaNs untouched), so the
//   result is truncated instead of rounded (TF's LSBZeroSetter).
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_CAST_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_CAST_H_

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// Mantissa bits of the floating types Cast handles.
template <typename T>
constexpr int MantissaBits() {
  if constexpr (std::is_same_v<T, double>) return 52;
  if constexpr (std::is_same_v<T, float>) return 23;
  if constexpr (std::is_same_v<T, half>) return 10;
  if constexpr (std::is_same_v<T, bfloat16>) return 7;
  return 0;
}

template <typename T>
constexpr bool kIsFloatType = MantissaBits<T>() > 0;

// Zeroes the lowest `bits` mantissa bits of a float or double (not NaN).
template <typename F>
F ZeroLowMantissaBits(F v, int bits) {
  if (std::isnan(v) || bits <= 0) return v;
  using U = std::conditional_t<sizeof(F) == 8, uint64_t, uint32_t>;
  const U mask = ~((U(1) << bits) - 1);
  return std::bit_cast<F>(static_cast<U>(std::bit_cast<U>(v) & mask));
}

// A floating value (float or double) to integer type I.
template <typename I, typename F>
I FloatToInt(F v) {
  if (std::isnan(v)) return I(0);
  const F t = std::trunc(v);
  if (t <= static_cast<F>(std::numeric_limits<I>::lowest())) {
    return std::numeric_limits<I>::lowest();
  }
  // max() may not be representable (e.g. int64 in float): compare with
  // 2^digits, the first value above the range.
  const F limit = std::ldexp(F(1), std::numeric_limits<I>::digits);
  if (t >= limit) return std::numeric_limits<I>::max();
  return static_cast<I>(t);
}

// Casts one element from Src to Dst.
template <typename Src, typename Dst>
Dst CastValue(Src v, bool truncate) {
  if constexpr (std::is_same_v<Dst, bool>) {
    return ToCompute(v) != 0;
  } else if constexpr (kIsFloatType<Src>) {
    auto c = ToCompute(v);  // float or double
    if constexpr (kIsFloatType<Dst>) {
      if (truncate && MantissaBits<Dst>() < MantissaBits<Src>()) {
        c = ZeroLowMantissaBits(c, MantissaBits<Src>() - MantissaBits<Dst>());
      }
      if constexpr (std::is_same_v<Dst, double>) {
        return static_cast<double>(c);
      } else {
        return FromCompute<Dst>(static_cast<float>(c));
      }
    } else {
      return FloatToInt<Dst>(c);
    }
  } else {
    // Integer or bool source.
    if constexpr (std::is_same_v<Dst, half> || std::is_same_v<Dst, bfloat16>) {
      return FromCompute<Dst>(static_cast<float>(v));
    } else {
      return static_cast<Dst>(v);
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_CAST_H_
