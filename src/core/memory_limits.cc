#include "tfpersist/core/memory_limits.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <limits>

namespace tfpersist {
namespace {

uint64_t PhysicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return uint64_t{1} << 40;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size);
}

// The explicit caps (env at first use, or the setters); 0 = default.
std::atomic<uint64_t>& TensorOverride() {
  static std::atomic<uint64_t> v{
      ParseByteLimit(std::getenv("TFP_MAX_TENSOR_BYTES"))};
  return v;
}
std::atomic<uint64_t>& RunOverride() {
  static std::atomic<uint64_t> v{
      ParseByteLimit(std::getenv("TFP_MAX_RUN_BYTES"))};
  return v;
}

}  // namespace

uint64_t ParseByteLimit(const char* text) {
  if (text == nullptr || *text == '\0') return 0;
  uint64_t value = 0;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9') return 0;
    const uint64_t digit = static_cast<uint64_t>(*p - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return 0;
    value = value * 10 + digit;
  }
  return value;
}

uint64_t MaxTensorBytes() {
  static const uint64_t physical = PhysicalMemoryBytes();
  const uint64_t v = TensorOverride().load(std::memory_order_relaxed);
  return v > 0 ? v : physical;
}

uint64_t MaxKernelOutputBytes() {
  return TensorOverride().load(std::memory_order_relaxed);
}

uint64_t MaxRunBytes() { return RunOverride().load(std::memory_order_relaxed); }

void SetMaxTensorBytes(uint64_t bytes) {
  TensorOverride().store(bytes, std::memory_order_relaxed);
}

void SetMaxRunBytes(uint64_t bytes) {
  RunOverride().store(bytes, std::memory_order_relaxed);
}

}  // namespace tfpersist
