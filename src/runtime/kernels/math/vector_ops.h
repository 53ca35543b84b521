// Explicitly vectorized inner loops for the nn kernels' hot paths (float:
// AVX-512 / AVX2 / SSE2 picked at run time; double: Eigen as compiled); each computes exactly what the scalar loop in its
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

// The float versions dispatch on the CPU's ISA at run time (cpu_isa.h).
template <>
void VecMulAdd<float>(const float* x, const float* y, float* acc, int64_t n);
template <>
void VecAdd<float>(const float* x, float* acc, int64_t n);
template <>
void VecMax<float>(const float* x, float* acc, int64_t n);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_VECTOR_OPS_H_
