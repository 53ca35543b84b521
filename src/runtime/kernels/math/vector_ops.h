// Explicitly vectorized (Eigen, SSE/AVX as compiled) inner loops for the
// nn kernels' hot paths; each computes exactly what the scalar loop in its
// comment does, so results equal the reference. Defined for float and
// double. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_VECTOR_OPS_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_VECTOR_OPS_H_

#include <cstdint>

namespace tfpersist {

// acc[i] += x[i] * y[i]
template <typename T>
void VecMulAdd(const T* x, const T* y, T* acc, int64_t n);

// acc[i] += x[i]
template <typename T>
void VecAdd(const T* x, T* acc, int64_t n);

// acc[i] = acc[i] < x[i] ? x[i] : acc[i]   (a NaN x never wins)
template <typename T>
void VecMax(const T* x, T* acc, int64_t n);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_VECTOR_OPS_H_
