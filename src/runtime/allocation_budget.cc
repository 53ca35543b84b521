#include "runtime/allocation_budget.h"

#include <limits>
#include <string>

namespace tfpersist {
namespace {

thread_local AllocationBudget* current_budget = nullptr;

}  // namespace

AllocationBudget* AllocationBudget::Current() { return current_budget; }

ScopedAllocationBudget::ScopedAllocationBudget(AllocationBudget* budget)
    : previous_(current_budget) {
  current_budget = budget;
}

ScopedAllocationBudget::~ScopedAllocationBudget() {
  current_budget = previous_;
}

Status AllocationBudget::Charge(DataType dtype, const TensorShape& shape) {
  const uint64_t elem =
      dtype == DT_STRING ? sizeof(std::string) : DataTypeSize(dtype);
  uint64_t bytes;
  if (__builtin_mul_overflow(static_cast<uint64_t>(shape.num_elements()), elem,
                             &bytes)) {
    bytes = std::numeric_limits<uint64_t>::max();
  }
  const auto oom = [&] {
    return StrCat("OOM when allocating tensor with shape", shape.DebugString(),
                  " and type ", DataTypeString(dtype), ": ", bytes, " bytes");
  };
  if (max_tensor_bytes_ > 0 && bytes > max_tensor_bytes_) {
    return errors::ResourceExhausted(oom(), " exceed the per-tensor limit of ",
                                     max_tensor_bytes_,
                                     " bytes (TFP_MAX_TENSOR_BYTES)");
  }
  uint64_t used = used_.load(std::memory_order_relaxed);
  uint64_t total;
  do {
    if (__builtin_add_overflow(used, bytes, &total) ||
        (max_run_bytes_ > 0 && total > max_run_bytes_)) {
      return errors::ResourceExhausted(
          oom(),
          " would take this run's allocations above the per-run "
          "limit of ",
          max_run_bytes_, " bytes (TFP_MAX_RUN_BYTES); ", used,
          " bytes allocated so far");
    }
  } while (
      !used_.compare_exchange_weak(used, total, std::memory_order_relaxed));
  return OkStatus();
}

}  // namespace tfpersist
