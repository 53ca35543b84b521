// GraphDef bytes -> Session::Create -> Run (zero-filled feeds, one fetch),
// with the session's byte caps and an in-memory Env.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz/graph_fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  tensorflow::GraphDef def;
  if (!def.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::unique_ptr<Env> env = NewMemEnv();
  fuzz::RunGraph(def, fuzz::FuzzSessionOptions(env.get()));
  return 0;
}
