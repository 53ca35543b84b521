// SaveObjectCheckpoint: tf.train.CheckpointManager.save() for an
// object-based checkpoint (ckpt-<n>, save_counter, state file with relative
// paths and timestamps, max_to_keep).
#include <charconv>

#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/io/object_graph.h"

namespace tfpersist {
namespace {

// n of ".../ckpt-<n>", else 0.
int64_t CheckpointNumber(const std::string& prefix) {
  const size_t dash = prefix.rfind('-');
  if (dash == std::string::npos) return 0;
  int64_t n = 0;
  const char* end = prefix.data() + prefix.size();
  auto [ptr, ec] = std::from_chars(prefix.data() + dash + 1, end, n);
  return ec == std::errc() && ptr == end && n > 0 ? n : 0;
}

// Deletes <prefix>.index and <prefix>.data-* (index first, as TF).
void DeleteCheckpoint(Env* env, const std::string& prefix) {
  (void)env->DeleteFile(prefix + ".index");  // best effort, as TF
  const std::string dir = std::string(Dirname(prefix));
  const std::string base = std::string(Basename(prefix)) + ".data-";
  auto children = env->GetChildren(dir);
  if (!children.ok()) return;
  for (const std::string& child : *children) {
    if (child.rfind(base, 0) == 0) {
      (void)env->DeleteFile(JoinPath(dir, child));  // best effort, as TF
    }
  }
}

}  // namespace

StatusOr<std::string> SaveObjectCheckpoint(
    Env* env, const std::string& dir,
    std::vector<ObjectCheckpointVariable> variables, int max_to_keep) {
  TFP_RETURN_IF_ERROR(env->RecursivelyCreateDir(dir));
  CheckpointState state;
  auto read = GetCheckpointState(env, dir);
  if (read.ok()) {
    state = *read;
  } else if (read.status().code() != StatusCode::kNotFound) {
    return read.status();
  }
  const int64_t number = CheckpointNumber(state.model_checkpoint_path) + 1;
  variables.push_back(
      {"save_counter", Tensor::Scalar<int64_t>(number), "save_counter"});
  const std::string prefix = JoinPath(dir, StrCat("ckpt-", number));
  TFP_RETURN_IF_ERROR_CTX(WriteObjectCheckpoint(env, prefix, variables),
                          "saving ", prefix);
  const double now = static_cast<double>(env->NowMicros()) / 1e6;
  std::vector<std::string> paths = state.all_model_checkpoint_paths;
  std::vector<double> stamps = state.all_model_checkpoint_timestamps;
  if (stamps.size() != paths.size()) stamps.assign(paths.size(), now);
  paths.push_back(prefix);
  stamps.push_back(now);
  std::vector<std::string> expired;
  while (max_to_keep > 0 && paths.size() > static_cast<size_t>(max_to_keep)) {
    expired.push_back(paths.front());
    paths.erase(paths.begin());
    stamps.erase(stamps.begin());
  }
  UpdateCheckpointStateOptions options;
  options.save_relative_paths = true;
  options.all_model_checkpoint_timestamps = stamps;
  options.last_preserved_timestamp = state.last_preserved_timestamp;
  TFP_RETURN_IF_ERROR(
      UpdateCheckpointStateFile(env, dir, prefix, paths, options));
  for (const std::string& old : expired) DeleteCheckpoint(env, old);
  return prefix;
}

}  // namespace tfpersist
