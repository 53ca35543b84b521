// Helpers for the math/nn kernel tests: seeded random tensors of any
// numeric dtype and reference results as Tensors.
#ifndef TFPERSIST_TESTS_RUNTIME_KERNELS_MATH_RANDOM_TENSORS_H_
#define TFPERSIST_TESTS_RUNTIME_KERNELS_MATH_RANDOM_TENSORS_H_

#include <cstdint>
#include <random>
#include <type_traits>

#include "runtime/kernels/reference/broadcast.h"
#include "runtime/kernels/reference/numeric.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

// Values uniform in [lo, hi]: integers for integer types, random bits for
// bool; half/bfloat16 are rounded from float.
template <typename T>
Tensor RandomTensor(const TensorShape& shape, uint32_t seed, double lo = -10,
                    double hi = 10) {
  std::mt19937 gen(seed);
  Tensor t(DataTypeToEnum<T>::value, shape);
  T* d = t.data<T>();
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    if constexpr (std::is_same_v<T, bool>) {
      d[i] = gen() & 1;
    } else if constexpr (std::is_integral_v<T>) {
      std::uniform_int_distribution<int64_t> dist(static_cast<int64_t>(lo),
                                                  static_cast<int64_t>(hi));
      d[i] = static_cast<T>(dist(gen));
    } else {
      std::uniform_real_distribution<double> dist(lo, hi);
      d[i] = reference::FromCompute<T>(
          static_cast<reference::ComputeType<T>>(dist(gen)));
    }
  }
  return t;
}

// Replaces zeros by one (integer divisors).
template <typename T>
void ReplaceZeros(Tensor* t) {
  for (T& v : t->flat<T>()) {
    if (reference::ToCompute(v) == 0) v = reference::FromCompute<T>(1);
  }
}

// The reference broadcast result of fn over x and y as a Tensor of Out.
template <typename T, typename Out, typename Fn>
Tensor ReferenceBinary(const Tensor& x, const Tensor& y, Fn fn) {
  auto dims =
      reference::BroadcastShape(x.shape().dim_sizes(), y.shape().dim_sizes());
  Tensor z(DataTypeToEnum<Out>::value, TensorShape(*dims));
  reference::BroadcastBinary(
      x.data<T>(), x.shape().dim_sizes(), y.data<T>(), y.shape().dim_sizes(),
      z.data<Out>(), *dims, [&](T a, T b) -> Out {
        auto r = fn(reference::ToCompute(a), reference::ToCompute(b));
        if constexpr (std::is_same_v<Out, bool>) {
          return r;
        } else {
          return reference::FromCompute<Out>(r);
        }
      });
  return z;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_RUNTIME_KERNELS_MATH_RANDOM_TENSORS_H_
