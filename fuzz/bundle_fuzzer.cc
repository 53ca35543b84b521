// V2 checkpoint: [u32 index length][.index][.data-00000-of-00001] -> every
// tensor. Most mutations stop at a checksum; bundle_fixed_crc_fuzzer
// repairs them first.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz/checkpoint_fuzz_util.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  const auto parts = fuzz::SplitParts(data, size, 2);
  std::unique_ptr<Env> env = NewMemEnv();
  fuzz::PutFile(env.get(), "/f/ckpt.index", parts[0]);
  fuzz::PutFile(env.get(), "/f/ckpt.data-00000-of-00001", parts[1]);
  fuzz::ReadWholeCheckpoint(env.get(), "/f/ckpt");
  return 0;
}
