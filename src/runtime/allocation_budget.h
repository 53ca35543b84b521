// AllocationBudget: the byte caps of one Session::Run (docs/errors.md,
// "Resource limits"). DirectSession::Run installs one for the calling
// thread (the executor runs every kernel there); OpKernelContext::
// allocate_output checks and charges each output against it before
// allocating. Caps come from TFP_MAX_TENSOR_BYTES / TFP_MAX_RUN_BYTES or
// SetMaxRunBytes/SetMaxTensorBytes (tfpersist/core/memory_limits.h).
//
// Thread-safety: Charge may be called concurrently; the installed budget
// is per thread.
#ifndef TFPERSIST_RUNTIME_ALLOCATION_BUDGET_H_
#define TFPERSIST_RUNTIME_ALLOCATION_BUDGET_H_

#include <atomic>
#include <cstdint>

#include "tfpersist/base/status.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

class AllocationBudget {
 public:
  // 0 = no cap of that kind (Tensor::Allocate still applies the
  // process-wide MaxTensorBytes()).
  AllocationBudget(uint64_t max_tensor_bytes, uint64_t max_run_bytes)
      : max_tensor_bytes_(max_tensor_bytes), max_run_bytes_(max_run_bytes) {}
  AllocationBudget(const AllocationBudget&) = delete;
  AllocationBudget& operator=(const AllocationBudget&) = delete;

  // Charges the bytes of a `dtype` tensor of `shape` (strings count their
  // std::string objects). RESOURCE_EXHAUSTED "OOM when allocating tensor
  // with shape[..] and type ..: N bytes exceed the per-tensor limit of M
  // bytes" or "... above the per-run limit ..."; nothing is charged then.
  Status Charge(DataType dtype, const TensorShape& shape);
  uint64_t used() const { return used_.load(std::memory_order_relaxed); }

  // The budget installed on this thread, or nullptr.
  static AllocationBudget* Current();

 private:
  friend class ScopedAllocationBudget;
  const uint64_t max_tensor_bytes_;
  const uint64_t max_run_bytes_;
  std::atomic<uint64_t> used_{0};
};

// Installs `budget` (not owned) as this thread's current budget for the
// scope; restores the previous one after.
class ScopedAllocationBudget {
 public:
  explicit ScopedAllocationBudget(AllocationBudget* budget);
  ~ScopedAllocationBudget();
  ScopedAllocationBudget(const ScopedAllocationBudget&) = delete;
  ScopedAllocationBudget& operator=(const ScopedAllocationBudget&) = delete;

 private:
  AllocationBudget* previous_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_ALLOCATION_BUDGET_H_
