// MetaGraphDef bytes -> ImportMetaGraph -> (graph ok) Session on its graph.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz/graph_fuzz_util.h"
#include "tfpersist/train/meta_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  tensorflow::MetaGraphDef meta;
  if (!meta.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::unique_ptr<Env> env = NewMemEnv();
  ImportMetaGraphOptions options;
  options.env = env.get();
  auto imported = ImportMetaGraph(meta, options);
  if (!imported.ok()) return 0;
  SessionOptions session_options = (*imported)->session_options(env.get());
  SessionOptions caps = fuzz::FuzzSessionOptions(env.get());
  session_options.max_tensor_bytes = caps.max_tensor_bytes;
  session_options.max_run_bytes = caps.max_run_bytes;
  session_options.intra_op_threads = 1;
  fuzz::RunGraph((*imported)->graph->ToGraphDef(), session_options);
  return 0;
}
