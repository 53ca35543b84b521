// Per-element functors of TF's unary math and activation ops, on
// ComputeType values (numeric.h). They define the op semantics; reference
// loops and kernels both apply them. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_UNARY_MATH_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_UNARY_MATH_H_

#include <cmath>
#include <limits>
#include <type_traits>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

struct NegFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return WrapSub(T(0), x);
    } else {
      return -x;
    }
  }
};
struct AbsFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return x < 0 ? WrapSub(T(0), x) : x;
    } else {
      return std::fabs(x);
    }
  }
};
struct SquareFn {
  template <typename T>
  T operator()(T x) const {
    return WrapMul(x, x);
  }
};
struct SqrtFn {
  template <typename T>
  T operator()(T x) const {
    return std::sqrt(x);
  }
};
struct RsqrtFn {
  template <typename T>
  T operator()(T x) const {
    return T(1) / std::sqrt(x);
  }
};
struct ExpFn {
  template <typename T>
  T operator()(T x) const {
    return std::exp(x);
  }
};
struct LogFn {
  template <typename T>
  T operator()(T x) const {
    return std::log(x);
  }
};
struct TanhFn {
  template <typename T>
  T operator()(T x) const {
    return std::tanh(x);
  }
};
// 1 / (1 + e^-x).
struct SigmoidFn {
  template <typename T>
  T operator()(T x) const {
    return T(1) / (T(1) + std::exp(-x));
  }
};
struct ReciprocalFn {
  template <typename T>
  T operator()(T x) const {
    return T(1) / x;
  }
};
// -1, 0 or 1; NaN stays NaN.
struct SignFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(x)) return x;
    }
    return static_cast<T>((T(0) < x) - (x < T(0)));
  }
};
struct FloorFn {
  template <typename T>
  T operator()(T x) const {
    return std::floor(x);
  }
};
struct CeilFn {
  template <typename T>
  T operator()(T x) const {
    return std::ceil(x);
  }
};
// Rounds half to even (banker's rounding); integers are unchanged.
struct RoundFn {
  template <typename T>
  T operator()(T x) const {
    if constexpr (std::is_integral_v<T>) {
      return x;
    } else {
      T r = std::round(x);  // half away from zero
      if (std::fabs(x - std::trunc(x)) == T(0.5)) {
        r = T(2) * std::round(x / T(2));
      }
      return r;
    }
  }
};

// ---- Activations (nn_ops). NaN inputs stay NaN. ----

struct ReluFn {
  template <typename T>
  T operator()(T x) const {
    return x < T(0) ? T(0) : x;
  }
};
struct Relu6Fn {
  template <typename T>
  T operator()(T x) const {
    if (x < T(0)) return T(0);
    return T(6) < x ? T(6) : x;
  }
};
// x for x > 0, e^x - 1 otherwise.
struct EluFn {
  template <typename T>
  T operator()(T x) const {
    return x < T(0) ? std::expm1(x) : x;
  }
};
struct LeakyReluFn {
  float alpha = 0.2f;
  template <typename T>
  T operator()(T x) const {
    return x > T(0) ? x : x * static_cast<T>(alpha);
  }
};
// log(1 + e^x), computed as TF does: x itself for large x, e^x for very
// negative x (thresholds at log(epsilon) + 2).
struct SoftplusFn {
  template <typename T>
  T operator()(T x) const {
    const T threshold = std::log(std::numeric_limits<T>::epsilon()) + T(2);
    if (x > -threshold) return x;
    if (x < threshold) return std::exp(x);
    return std::log1p(std::exp(x));
  }
};

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_UNARY_MATH_H_
