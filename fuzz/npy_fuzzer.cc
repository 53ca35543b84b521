// .npy bytes -> ParseNpy -> (round trip) SerializeNpy.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tfpersist/core/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  auto t = ParseNpy(std::string_view(reinterpret_cast<const char*>(data), size),
                    "fuzz.npy");
  if (t.ok()) {
    auto bytes = SerializeNpy(*t);
    if (bytes.ok()) {
      auto again = ParseNpy(*bytes, "round trip");
      if (!again.ok() || !again->IsSameAs(*t)) __builtin_trap();
    }
  }
  return 0;
}
