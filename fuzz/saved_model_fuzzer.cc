// SavedModel directory: [u32 len][saved_model.pb][u32 len][variables.index]
// [variables.data-00000-of-00001] -> LoadSavedModel with the first meta
// graph's tags -> every signature run with zero-filled inputs.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "fuzz/fuzz_util.h"
#include "fuzz/graph_fuzz_util.h"
#include "tensorflow/core/protobuf/saved_model.pb.h"
#include "tfpersist/train/saved_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  const auto parts = fuzz::SplitParts(data, size, 3);
  tensorflow::SavedModel model;
  std::set<std::string> tags;
  if (model.ParseFromString(parts[0]) && model.meta_graphs_size() > 0) {
    const auto& t = model.meta_graphs(0).meta_info_def().tags();
    tags.insert(t.begin(), t.end());
  }
  std::unique_ptr<Env> env = NewMemEnv();
  fuzz::PutFile(env.get(), "/m/saved_model.pb", parts[0]);
  fuzz::PutFile(env.get(), "/m/variables/variables.index", parts[1]);
  fuzz::PutFile(env.get(), "/m/variables/variables.data-00000-of-00001",
                parts[2]);
  if (fuzz::HasLoop(model.meta_graphs_size() > 0
                        ? model.meta_graphs(0).graph_def()
                        : tensorflow::GraphDef())) {
    return 0;
  }
  auto bundle = LoadSavedModel("/m", tags, env.get());
  if (!bundle.ok()) return 0;
  for (const auto& [key, sig] : (*bundle)->meta_graph_def.signature_def()) {
    (void)(*bundle)->RunSignature(key, {});
  }
  return 0;
}
