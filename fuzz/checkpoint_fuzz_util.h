// Reads every tensor of a checkpoint through CheckpointReader, as the V1 and
// V2 checkpoint fuzzers do.
#ifndef TFPERSIST_FUZZ_CHECKPOINT_FUZZ_UTIL_H_
#define TFPERSIST_FUZZ_CHECKPOINT_FUZZ_UTIL_H_

#include <string>

#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist::fuzz {

inline void ReadWholeCheckpoint(Env* env, const std::string& path) {
  auto reader = CheckpointReader::Open(env, path);
  if (!reader.ok()) return;
  (void)(*reader)->DebugString();
  for (const std::string& name : (*reader)->TensorNames()) {
    (void)(*reader)->GetTensor(name);
  }
}

}  // namespace tfpersist::fuzz

#endif  // TFPERSIST_FUZZ_CHECKPOINT_FUZZ_UTIL_H_
