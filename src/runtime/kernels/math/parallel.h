// Intra-op parallelism for the math and nn kernels: splits [0, n) into
// contiguous blocks and runs them on the context's Eigen thread pool.
//
// Thread-safety: `fn` is called concurrently on disjoint ranges; it must
// only write data owned by its range.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_PARALLEL_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_PARALLEL_H_

#include <cstdint>
#include <functional>

#include "runtime/op_kernel.h"

namespace tfpersist {

// Calls fn(begin, end) over blocks covering [0, n) exactly once. Runs
// inline when ctx is nullptr, the context has no device, the pool has one
// thread, or the work (n * cost_per_unit, in rough CPU cycles) is too small to
// pay for a hand-off. Returns after every block has run.
void ParallelFor(const OpKernelContext* ctx, int64_t n, double cost_per_unit,
                 const std::function<void(int64_t, int64_t)>& fn);

// The number of threads ParallelFor may use (1 without a device or ctx).
int NumThreads(const OpKernelContext* ctx);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_PARALLEL_H_
