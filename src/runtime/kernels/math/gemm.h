// Matrix products for MatMul, BatchMatMulV2 and Conv2D: oneDNN's sgemm for
// float (run-time ISA dispatch), Eigen's GEMM for double, a cache-friendly loop for integers, half/bfloat16
// through float. Large products are split into row or column blocks over
// the context's threads.
// Thread-safety: pure functions of their arguments.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_GEMM_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_GEMM_H_

#include <cstdint>

#include "runtime/op_kernel.h"

namespace tfpersist {

// out[m x n] = op(a) * op(b) with op = transpose when the flag is set; a is
// [m x k] row-major ([k x m] if transpose_a), b is [k x n] ([n x k] if
// transpose_b). k == 0 gives zeros. ctx may be nullptr (one thread).
// Defined for float, double, half, bfloat16, int32_t and int64_t.
// REQUIRES: out does not alias a or b.
template <typename T>
void Gemm(const OpKernelContext* ctx, const T* a, const T* b, T* out, int64_t m,
          int64_t k, int64_t n, bool transpose_a, bool transpose_b);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_GEMM_H_
