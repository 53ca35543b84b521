// Process setup shared by every fuzz target: process-wide byte caps (so a
// hostile shape inside any session a target creates fails fast), unless the
// caller set them already.
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  setenv("TFP_MAX_TENSOR_BYTES", "67108864", /*overwrite=*/0);  // 64 MiB
  setenv("TFP_MAX_RUN_BYTES", "268435456", /*overwrite=*/0);    // 256 MiB
  return 0;
}
