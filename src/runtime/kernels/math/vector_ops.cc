// The float loops are compiled three times, for AVX-512, AVX2 and the
// baseline x86-64 (SSE2), and picked at run time (cpu_isa.h;
// TFP_DISABLE_AVX2=1 forces the baseline). No FMA: each lane computes
// exactly the scalar loop's mul-then-add, so every version gives the same
// bits. Doubles use Eigen as compiled (baseline).
#include "runtime/kernels/math/vector_ops.h"

#include <immintrin.h>

#include <Eigen/Core>

#include "runtime/kernels/onednn/cpu_isa.h"

namespace tfpersist {
namespace {

template <typename T>
using ConstVec = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using Vec = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;

// Scalar tails (and the baseline, which GCC vectorizes with SSE2).
void MulAddScalar(const float* x, const float* y, float* acc, int64_t i,
                  int64_t n) {
  for (; i < n; ++i) acc[i] += x[i] * y[i];
}
void AddScalar(const float* x, float* acc, int64_t i, int64_t n) {
  for (; i < n; ++i) acc[i] += x[i];
}
void MaxScalar(const float* x, float* acc, int64_t i, int64_t n) {
  for (; i < n; ++i) acc[i] = acc[i] < x[i] ? x[i] : acc[i];
}

__attribute__((target("avx2"))) void MulAddAvx2(const float* x, const float* y,
                                                float* acc, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 p =
        _mm256_mul_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
    _mm256_storeu_ps(acc + i, _mm256_add_ps(_mm256_loadu_ps(acc + i), p));
  }
  MulAddScalar(x, y, acc, i, n);
}

__attribute__((target("avx2"))) void AddAvx2(const float* x, float* acc,
                                             int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    _mm256_storeu_ps(acc + i, _mm256_add_ps(_mm256_loadu_ps(acc + i),
                                            _mm256_loadu_ps(x + i)));
  }
  AddScalar(x, acc, i, n);
}

// max_ps(x, a) = x > a ? x : a: a NaN x never wins, as the scalar loop.
__attribute__((target("avx2"))) void MaxAvx2(const float* x, float* acc,
                                             int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    _mm256_storeu_ps(acc + i, _mm256_max_ps(_mm256_loadu_ps(x + i),
                                            _mm256_loadu_ps(acc + i)));
  }
  MaxScalar(x, acc, i, n);
}

__attribute__((target("avx512f"))) void MulAddAvx512(const float* x,
                                                     const float* y, float* acc,
                                                     int64_t n) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512 p =
        _mm512_mul_ps(_mm512_loadu_ps(x + i), _mm512_loadu_ps(y + i));
    _mm512_storeu_ps(acc + i, _mm512_add_ps(_mm512_loadu_ps(acc + i), p));
  }
  MulAddScalar(x, y, acc, i, n);
}

__attribute__((target("avx512f"))) void AddAvx512(const float* x, float* acc,
                                                  int64_t n) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    _mm512_storeu_ps(acc + i, _mm512_add_ps(_mm512_loadu_ps(acc + i),
                                            _mm512_loadu_ps(x + i)));
  }
  AddScalar(x, acc, i, n);
}

__attribute__((target("avx512f"))) void MaxAvx512(const float* x, float* acc,
                                                  int64_t n) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    _mm512_storeu_ps(acc + i, _mm512_max_ps(_mm512_loadu_ps(x + i),
                                            _mm512_loadu_ps(acc + i)));
  }
  MaxScalar(x, acc, i, n);
}

}  // namespace

template <>
void VecMulAdd<float>(const float* x, const float* y, float* acc, int64_t n) {
  switch (SelectedCpuIsa()) {
    case CpuIsa::kAvx512:
      return MulAddAvx512(x, y, acc, n);
    case CpuIsa::kAvx2:
      return MulAddAvx2(x, y, acc, n);
    default:
      return MulAddScalar(x, y, acc, 0, n);
  }
}

template <>
void VecAdd<float>(const float* x, float* acc, int64_t n) {
  switch (SelectedCpuIsa()) {
    case CpuIsa::kAvx512:
      return AddAvx512(x, acc, n);
    case CpuIsa::kAvx2:
      return AddAvx2(x, acc, n);
    default:
      return AddScalar(x, acc, 0, n);
  }
}

template <>
void VecMax<float>(const float* x, float* acc, int64_t n) {
  switch (SelectedCpuIsa()) {
    case CpuIsa::kAvx512:
      return MaxAvx512(x, acc, n);
    case CpuIsa::kAvx2:
      return MaxAvx2(x, acc, n);
    default:
      return MaxScalar(x, acc, 0, n);
  }
}

template <typename T>
void VecMulAdd(const T* x, const T* y, T* acc, int64_t n) {
  Vec<T>(acc, n) += ConstVec<T>(x, n) * ConstVec<T>(y, n);
}

template <typename T>
void VecAdd(const T* x, T* acc, int64_t n) {
  Vec<T>(acc, n) += ConstVec<T>(x, n);
}

template <typename T>
void VecMax(const T* x, T* acc, int64_t n) {
  // Eigen's max(a, b) is std::max(a, b) == (a < b ? b : a).
  Vec<T> a(acc, n);
  a = a.max(ConstVec<T>(x, n));
}

template void VecMulAdd<double>(const double*, const double*, double*, int64_t);
template void VecAdd<double>(const double*, double*, int64_t);
template void VecMax<double>(const double*, double*, int64_t);

}  // namespace tfpersist
