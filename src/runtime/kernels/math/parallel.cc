#include "runtime/kernels/math/parallel.h"

#define EIGEN_USE_THREADS
#include <unsupported/Eigen/CXX11/Tensor>

namespace tfpersist {
namespace {

// Below this many cycles of work a thread hand-off costs more than it saves.
constexpr double kMinParallelCycles = 50000;

}  // namespace

int NumThreads(const OpKernelContext* ctx) {
  const Eigen::ThreadPoolDevice* d =
      ctx == nullptr ? nullptr : ctx->eigen_device();
  return d == nullptr ? 1 : d->numThreads();
}

void ParallelFor(const OpKernelContext* ctx, int64_t n, double cost_per_unit,
                 const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  const Eigen::ThreadPoolDevice* d =
      ctx == nullptr ? nullptr : ctx->eigen_device();
  if (d == nullptr || d->numThreads() <= 1 ||
      static_cast<double>(n) * cost_per_unit < kMinParallelCycles) {
    fn(0, n);
    return;
  }
  d->parallelFor(n, Eigen::TensorOpCost(0, 0, cost_per_unit),
                 [&fn](Eigen::Index begin, Eigen::Index end) {
                   fn(static_cast<int64_t>(begin), static_cast<int64_t>(end));
                 });
}

}  // namespace tfpersist
