// V1 checkpoint (a TensorSliceReader table) bytes -> every tensor.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/checkpoint_fuzz_util.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  std::unique_ptr<Env> env = NewMemEnv();
  fuzz::PutFile(env.get(), "/f/model.ckpt",
                std::string(reinterpret_cast<const char*>(data), size));
  fuzz::ReadWholeCheckpoint(env.get(), "/f/model.ckpt");
  return 0;
}
