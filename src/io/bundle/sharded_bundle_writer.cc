// ShardedBundleWriter: one BundleWriter per shard under P_temp/, then
// MergeBundles() into P (what a sharded TF Saver does).
#include <cstdio>

#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

// TF's ShardedFilename: "%s-%05d-of-%05d".
std::string ShardedFilename(std::string_view base, int shard, int num_shards) {
  char suffix[32];
  std::snprintf(suffix, sizeof(suffix), "-%05d-of-%05d", shard, num_shards);
  return StrCat(base, suffix);
}

}  // namespace

ShardedBundleWriter::ShardedBundleWriter(Env* env, std::string_view prefix,
                                         int num_shards)
    : env_(env), prefix_(prefix), num_shards_(num_shards) {
  if (num_shards < 1) {
    status_ =
        errors::InvalidArgument("num_shards must be >= 1, got ", num_shards);
    return;
  }
  writers_.resize(num_shards);
  const std::string temp = StrCat(prefix_, "_temp/part");
  for (int i = 0; i < num_shards; ++i) {
    shard_prefixes_.push_back(ShardedFilename(temp, i, num_shards));
  }
}

ShardedBundleWriter::~ShardedBundleWriter() = default;

void ShardedBundleWriter::Add(int shard, std::string_view key,
                              const Tensor& tensor) {
  if (!status_.ok()) return;
  if (shard < 0 || shard >= num_shards_) {
    status_ = errors::InvalidArgument("shard ", shard, " is outside [0, ",
                                      num_shards_, ")");
    return;
  }
  auto [it, inserted] = keys_.emplace(std::string(key), shard);
  if (!inserted) {
    status_ = errors::InvalidArgument("Adding duplicate key: ", key,
                                      " (already in shard ", it->second, ")");
    return;
  }
  std::unique_ptr<BundleWriter>& writer = writers_[shard];
  if (writer == nullptr) {
    writer = std::make_unique<BundleWriter>(env_, shard_prefixes_[shard]);
  }
  writer->Add(key, tensor);
  status_.Update(writer->status());
}

Status ShardedBundleWriter::Finish() {
  std::vector<std::string> used;
  for (int i = 0; i < num_shards_; ++i) {
    if (writers_.empty() || writers_[i] == nullptr) continue;
    if (status_.ok()) {
      status_ = writers_[i]->Finish();
      used.push_back(shard_prefixes_[i]);
    }
    writers_[i].reset();  // An unfinished writer deletes its temporaries.
  }
  if (!status_.ok()) return status_;
  if (used.empty()) {  // No tensors: an empty one-shard bundle.
    BundleWriter empty(env_, prefix_);
    status_ = empty.Finish();
  } else {
    status_ = MergeBundles(env_, used, prefix_, /*delete_old_dirs=*/true);
  }
  Status result = status_;
  if (status_.ok()) status_ = errors::FailedPrecondition("writer is closed");
  return result;
}

}  // namespace tfpersist
