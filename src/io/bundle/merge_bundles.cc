// MergeBundles: TF's MergeV2Checkpoints (spec checkpoint-v2.md §7).
#include <set>
#include <unordered_map>

#include "io/bundle/bundle_index.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

struct MergeState {
  int num_shards = 0;
  bool seen_first_bundle = false;
  tensorflow::BundleHeaderProto::Endianness endianness =
      tensorflow::BundleHeaderProto::LITTLE;
  tensorflow::VersionDef version;
  std::map<std::string, tensorflow::BundleEntryProto> entries;
  // Input data file path -> shard id in the merged bundle, by first use.
  std::unordered_map<std::string, int32_t> shard_ids;
};

Status MergeHeader(const tensorflow::BundleHeaderProto& header,
                   MergeState* merge) {
  if (header.num_shards() < 0 ||
      __builtin_add_overflow(merge->num_shards, header.num_shards(),
                             &merge->num_shards)) {
    return errors::DataLoss("invalid num_shards ", header.num_shards());
  }
  if (!merge->seen_first_bundle) {
    merge->seen_first_bundle = true;
    merge->endianness = header.endianness();
    merge->version = header.version();
    return OkStatus();
  }
  if (merge->endianness != header.endianness()) {
    return errors::InvalidArgument(
        "Merging bundles with conflicting endianness; inputs corrupted?");
  }
  if (header.version().SerializeAsString() !=
      merge->version.SerializeAsString()) {
    return errors::InvalidArgument(
        "Merging bundles with different format versions: merged ",
        merge->version.ShortDebugString(), " vs. current ",
        header.version().ShortDebugString());
  }
  return OkStatus();
}

// Adds the slices of `incoming` to the existing metadata entry of a
// partitioned tensor.
Status MergeSlices(const std::string& key, const std::string& prefix,
                   const tensorflow::BundleEntryProto& incoming,
                   tensorflow::BundleEntryProto* existing) {
  if (incoming.slices().empty()) {
    return errors::InvalidArgument(
        "Duplicate tensor keyed by ", CEscape(key),
        " encountered, when merging prefix: ", prefix, " (a non-slice entry)");
  }
  if (existing->dtype() != incoming.dtype() ||
      existing->shape().SerializeAsString() !=
          incoming.shape().SerializeAsString()) {
    return errors::InvalidArgument("Slices of ", CEscape(key), " in prefix ",
                                   prefix, " have a different dtype or shape");
  }
  for (const auto& slice : incoming.slices()) *existing->add_slices() = slice;
  return OkStatus();
}

Status MergeOneBundle(Env* env, const std::string& prefix, MergeState* merge) {
  const std::string path = MetaFilename(prefix);
  TFP_ASSIGN_OR_RETURN(BundleIndex index, ReadBundleIndex(env, path));
  TFP_RETURN_IF_ERROR(MergeHeader(index.header, merge));
  for (const auto& [key, value] : index.entries) {
    auto existing = merge->entries.find(key);
    if (existing != merge->entries.end() && existing->second.slices().empty()) {
      return errors::InvalidArgument(
          "Duplicate tensor keyed by ", CEscape(key),
          " encountered, when merging prefix: ", prefix);
    }
    tensorflow::BundleEntryProto entry;
    if (!entry.ParseFromString(value)) {
      return errors::DataLoss("Entry for key ", CEscape(key), " in ", path,
                              " is not parseable");
    }
    if (existing != merge->entries.end()) {
      TFP_RETURN_IF_ERROR(MergeSlices(key, prefix, entry, &existing->second));
      continue;
    }
    const std::string data =
        DataFilename(prefix, entry.shard_id(), index.header.num_shards());
    auto id = merge->shard_ids.emplace(
        data, static_cast<int32_t>(merge->shard_ids.size()));
    entry.set_shard_id(id.first->second);
    merge->entries.emplace(key, std::move(entry));
  }
  return OkStatus();
}

// Deletes the inputs' indexes and, with delete_old_dirs, their directories
// other than merged_dir (only if empty). Best effort, as in TF.
void DeleteInputs(Env* env, const std::vector<std::string>& prefixes,
                  const std::string& merged_dir, bool delete_old_dirs) {
  for (const std::string& prefix : prefixes) {
    (void)env->DeleteFile(MetaFilename(prefix));
  }
  if (!delete_old_dirs) return;
  std::set<std::string> dirs;
  for (const std::string& prefix : prefixes) {
    std::string old_dir(Dirname(prefix));
    if (old_dir != merged_dir && !old_dir.empty()) dirs.insert(old_dir);
  }
  for (const std::string& old_dir : dirs) (void)env->DeleteDir(old_dir);
}

}  // namespace

Status MergeBundles(Env* env, const std::vector<std::string>& prefixes,
                    std::string_view merged_prefix, bool delete_old_dirs,
                    bool allow_missing_files) {
  const std::string merged(merged_prefix);
  MergeState merge;
  std::vector<std::string> merged_inputs;
  for (const std::string& prefix : prefixes) {
    if (allow_missing_files && !env->FileExists(MetaFilename(prefix)).ok()) {
      continue;
    }
    TFP_RETURN_IF_ERROR_CTX(MergeOneBundle(env, prefix, &merge), "merging ",
                            prefix, " into ", merged);
    merged_inputs.push_back(prefix);
  }
  if (merged_inputs.empty()) {
    return errors::InvalidArgument(
        "At least one prefix checkpoint file must exist, but none existed "
        "among: ",
        StrJoin(prefixes, ", "));
  }
  const std::string dir(Dirname(merged));
  if (!dir.empty()) TFP_RETURN_IF_ERROR(env->RecursivelyCreateDir(dir));
  const int32_t num_files = static_cast<int32_t>(merge.shard_ids.size());
  for (const auto& [path, id] : merge.shard_ids) {
    TFP_RETURN_IF_ERROR(
        env->RenameFile(path, DataFilename(merged, id, num_files)));
  }
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(merge.num_shards);
  header.set_endianness(merge.endianness);
  *header.mutable_version() = merge.version;
  TFP_RETURN_IF_ERROR(WriteBundleIndex(env, MetaFilename(merged), header,
                                       merge.entries, /*sync=*/false));
  DeleteInputs(env, merged_inputs, dir, delete_old_dirs);
  return OkStatus();
}

}  // namespace tfpersist
