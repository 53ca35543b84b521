// Scalar semantics shared by the reference math and the optimized kernels:
// how each element type is computed (half and bfloat16 go through float, as
// Eigen::half does) and the per-element functors of TF's cwise ops.
//
// These functors ARE the definition of each element-wise op (TF's
// cwise_ops.h semantics in our own words); reference loops and kernels both
// apply them, so tests of the functors pin the math and kernel tests pin
// the plumbing (broadcasting, dtypes, threading).
//
// Integer arithmetic wraps around (two's complement) instead of being
// undefined. Integer division by zero is the caller's to reject first
// (kernels report "Integer division by zero"); the functors return 0 then
// rather than trapping. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_NUMERIC_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_NUMERIC_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "tfpersist/core/types.h"

namespace tfpersist::reference {

// The type arithmetic on T is carried out in.
template <typename T>
struct ComputeTypeOf {
  using type = T;
};
template <>
struct ComputeTypeOf<half> {
  using type = float;
};
template <>
struct ComputeTypeOf<bfloat16> {
  using type = float;
};
template <typename T>
using ComputeType = typename ComputeTypeOf<T>::type;

template <typename T>
inline ComputeType<T> ToCompute(T v) {
  if constexpr (std::is_same_v<T, half>) {
    return HalfToFloat(v);
  } else if constexpr (std::is_same_v<T, bfloat16>) {
    return BFloat16ToFloat(v);
  } else {
    return v;
  }
}

template <typename T>
inline T FromCompute(ComputeType<T> v) {
  if constexpr (std::is_same_v<T, half>) {
    return FloatToHalf(v);
  } else if constexpr (std::is_same_v<T, bfloat16>) {
    return FloatToBFloat16(v);
  } else {
    return static_cast<T>(v);
  }
}

template <typename T>
inline constexpr bool kIsSignedInt =
    std::is_integral_v<T>&& std::is_signed_v<T> && !std::is_same_v<T, bool>;

// The unsigned type integer arithmetic on T wraps in. Types narrower than
// int are widened to `unsigned` first: otherwise the usual promotions turn
// uint16 * uint16 (and int16 through uint16) into an `int` product that
// overflows (undefined), e.g. 0xFFFF * 0xFFFF.
template <typename T>
using WrapType = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned,
                                    std::make_unsigned_t<T>>;

template <typename T>
inline constexpr bool kWraps =
    std::is_integral_v<T> && !std::is_same_v<T, bool>;

// a + b, a - b, a * b modulo 2^bits for every integer type (two's
// complement for signed ones); plain arithmetic otherwise.
template <typename T>
inline T WrapAdd(T a, T b) {
  if constexpr (kWraps<T>) {
    using U = WrapType<T>;
    return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}
template <typename T>
inline T WrapSub(T a, T b) {
  if constexpr (kWraps<T>) {
    using U = WrapType<T>;
    return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
  } else {
    return a - b;
  }
}
template <typename T>
inline T WrapMul(T a, T b) {
  if constexpr (kWraps<T>) {
    using U = WrapType<T>;
    return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
  } else {
    return a * b;
  }
}

// ---- Binary functors: operate on ComputeType values. ----

struct AddFn {
  template <typename T>
  T operator()(T a, T b) const {
    return WrapAdd(a, b);
  }
};
struct SubFn {
  template <typename T>
  T operator()(T a, T b) const {
    return WrapSub(a, b);
  }
};
struct MulFn {
  template <typename T>
  T operator()(T a, T b) const {
    return WrapMul(a, b);
  }
};
// Div: truncating for integers (C semantics), IEEE for floats.
struct DivFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (b == 0) return 0;
      if constexpr (kIsSignedInt<T>) {
        if (b == -1) return WrapSub(T(0), a);  // avoids MIN / -1 trapping
      }
      return static_cast<T>(a / b);
    } else {
      return a / b;
    }
  }
};
// FloorDiv: rounds toward negative infinity; floor(a / b) for floats.
struct FloorDivFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      T q = DivFn()(a, b);
      if constexpr (kIsSignedInt<T>) {
        if (b != 0 && b != -1 && (a % b != 0) && ((a < 0) != (b < 0))) --q;
      }
      return q;
    } else {
      return std::floor(a / b);
    }
  }
};
// FloorMod: result has the sign of b (Python's %).
struct FloorModFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (b == 0) return 0;
      if constexpr (kIsSignedInt<T>) {
        if (b == -1) return 0;
        T r = static_cast<T>(a % b);
        if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
        return r;
      } else {
        return static_cast<T>(a % b);
      }
    } else {
      T r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    }
  }
};
// Maximum / Minimum propagate NaN (as TF's functors since 2.x).
struct MaximumFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a)) return a;
      if (std::isnan(b)) return b;
    }
    return a > b ? a : b;
  }
};
struct MinimumFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a)) return a;
      if (std::isnan(b)) return b;
    }
    return a < b ? a : b;
  }
};
// Pow: std::pow for floats; exponentiation by squaring (wrapping) for
// integers. A negative integer exponent is rejected by the kernel first
// ("Integers to negative integer powers are not allowed"); 0 here.
struct PowFn {
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if constexpr (kIsSignedInt<T>) {
        if (b < 0) return 0;
      }
      T result = 1;
      while (b != 0) {
        if (b & 1) result = WrapMul(result, a);
        b = static_cast<T>(b >> 1);
        a = WrapMul(a, a);
      }
      return result;
    } else {
      return std::pow(a, b);
    }
  }
};
struct SquaredDifferenceFn {
  template <typename T>
  T operator()(T a, T b) const {
    T d = WrapSub(a, b);
    return WrapMul(d, d);
  }
};

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_NUMERIC_H_
