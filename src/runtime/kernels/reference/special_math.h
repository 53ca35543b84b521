// Per-element functors of TF's special-function, predicate and activation
// ops not in unary_math.h (on ComputeType values, numeric.h): Erf, Erfc,
// Rint, trigonometry, Log1p, Expm1, Softsign, Selu, IsNan/IsInf/IsFinite,
// and the binary Atan2, Xlogy, Xdivy, DivNoNan. They define the op
// semantics; kernels apply them. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPECIAL_MATH_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPECIAL_MATH_H_

#include <cmath>

namespace tfpersist::reference {

#define TFP_STD_UNARY_FN(Name, expr) \
  struct Name {                      \
    template <typename T>            \
    T operator()(T x) const {        \
      return expr;                   \
    }                                \
  };
TFP_STD_UNARY_FN(ErfFn, std::erf(x))
TFP_STD_UNARY_FN(ErfcFn, std::erfc(x))
TFP_STD_UNARY_FN(RintFn, std::nearbyint(x))  // half to even (default mode)
TFP_STD_UNARY_FN(SinFn, std::sin(x))
TFP_STD_UNARY_FN(CosFn, std::cos(x))
TFP_STD_UNARY_FN(TanFn, std::tan(x))
TFP_STD_UNARY_FN(AtanFn, std::atan(x))
TFP_STD_UNARY_FN(SinhFn, std::sinh(x))
TFP_STD_UNARY_FN(CoshFn, std::cosh(x))
TFP_STD_UNARY_FN(AsinhFn, std::asinh(x))
TFP_STD_UNARY_FN(AcoshFn, std::acosh(x))
TFP_STD_UNARY_FN(AtanhFn, std::atanh(x))
TFP_STD_UNARY_FN(Log1pFn, std::log1p(x))
TFP_STD_UNARY_FN(Expm1Fn, std::expm1(x))
// x / (1 + |x|).
TFP_STD_UNARY_FN(SoftsignFn, x / (T(1) + std::fabs(x)))
#undef TFP_STD_UNARY_FN

// scale * x for x > 0, scale * alpha * (e^x - 1) otherwise (TF's
// constants, from Klambauer et al.).
struct SeluFn {
  template <typename T>
  T operator()(T x) const {
    const T scale = T(1.0507009873554804934193349852946);
    const T scale_alpha = T(1.7580993408473768599402175208123);
    return x < T(0) ? scale_alpha * std::expm1(x) : scale * x;
  }
};

struct IsNanFn {
  template <typename T>
  bool operator()(T x) const {
    return std::isnan(x);
  }
};
struct IsInfFn {
  template <typename T>
  bool operator()(T x) const {
    return std::isinf(x);
  }
};
struct IsFiniteFn {
  template <typename T>
  bool operator()(T x) const {
    return std::isfinite(x);
  }
};

// atan2(y, x): the op's inputs are (y, x).
struct Atan2Fn {
  template <typename T>
  T operator()(T y, T x) const {
    return std::atan2(y, x);
  }
};
// x * log(y), 0 where x == 0 (even when y is 0 or NaN... as TF: x == 0 -> 0).
struct XlogyFn {
  template <typename T>
  T operator()(T x, T y) const {
    return x == T(0) ? T(0) : x * std::log(y);
  }
};
// x / y, 0 where x == 0.
struct XdivyFn {
  template <typename T>
  T operator()(T x, T y) const {
    return x == T(0) ? T(0) : x / y;
  }
};
// x / y, 0 where y == 0.
struct DivNoNanFn {
  template <typename T>
  T operator()(T x, T y) const {
    return y == T(0) ? T(0) : x / y;
  }
};

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPECIAL_MATH_H_
