// `checkpoint` state file bytes -> GetCheckpointState / LatestCheckpoint.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_util.h"
#include "tfpersist/io/checkpoint_state.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  std::unique_ptr<Env> env = NewMemEnv();
  fuzz::PutFile(env.get(), "/d/checkpoint",
                std::string(reinterpret_cast<const char*>(data), size));
  (void)GetCheckpointState(env.get(), "/d");
  (void)LatestCheckpoint(env.get(), "/d");
  return 0;
}
