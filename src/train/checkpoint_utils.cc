#include "tfpersist/train/checkpoint_utils.h"

#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {
namespace {

StatusOr<std::unique_ptr<CheckpointReader>> OpenReader(
    const std::string& ckpt_dir_or_file, Env* env) {
  auto reader =
      CheckpointReader::Open(env ? env : Env::Default(), ckpt_dir_or_file);
  if (!reader.ok()) {
    return reader.status().WithContext(
        StrCat("loading checkpoint ", ckpt_dir_or_file));
  }
  return reader;
}

}  // namespace

StatusOr<std::vector<std::pair<std::string, TensorShape>>> ListVariables(
    const std::string& ckpt_dir_or_file, Env* env) {
  TFP_ASSIGN_OR_RETURN(auto reader, OpenReader(ckpt_dir_or_file, env));
  std::vector<std::pair<std::string, TensorShape>> result;
  for (const auto& [name, shape] : reader->GetVariableToShapeMap()) {
    result.emplace_back(name, shape);
  }
  return result;
}

StatusOr<Tensor> LoadVariable(const std::string& ckpt_dir_or_file,
                              const std::string& name, Env* env) {
  TFP_ASSIGN_OR_RETURN(auto reader, OpenReader(ckpt_dir_or_file, env));
  std::string key = name;
  if (key.size() > 2 && key.compare(key.size() - 2, 2, ":0") == 0) {
    key.resize(key.size() - 2);
  }
  if (!reader->HasTensor(key)) {
    return errors::NotFound("Key ", key, " not found in checkpoint ",
                            reader->path());
  }
  return reader->GetTensor(key);
}

}  // namespace tfpersist
