// Naive matrix product, the oracle of the MatMul / BatchMatMulV2 kernels.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_MATMUL_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_MATMUL_H_

#include <cstdint>
#include <type_traits>

#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

// Accumulator of sums over T: double for floating types (a more exact
// oracle), T itself (wrapping) for integers.
template <typename T>
using AccumulatorType =
    std::conditional_t<std::is_floating_point_v<ComputeType<T>>, double,
                       ComputeType<T>>;

// out[m x n] = op(a) * op(b), op = transpose when the flag is set.
// a is [m x k] row-major ([k x m] if transpose_a); b is [k x n] ([n x k] if
// transpose_b). REQUIRES: out does not alias a or b.
template <typename T>
void MatMul(const T* a, const T* b, T* out, int64_t m, int64_t k, int64_t n,
            bool transpose_a, bool transpose_b) {
  using Acc = AccumulatorType<T>;
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      Acc sum = 0;
      for (int64_t p = 0; p < k; ++p) {
        const Acc av = ToCompute(transpose_a ? a[p * m + i] : a[i * k + p]);
        const Acc bv = ToCompute(transpose_b ? b[j * k + p] : b[p * n + j]);
        sum = WrapAdd(sum, WrapMul(av, bv));
      }
      out[i * n + j] = FromCompute<T>(static_cast<ComputeType<T>>(sum));
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_MATMUL_H_
