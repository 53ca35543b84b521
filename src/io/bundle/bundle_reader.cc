// BundleReader: index lookups and checksummed tensor reads (layout in
// bundle_writer.cc, docs/formats/tensor_bundle.md).
#include <algorithm>

#include "io/bundle/bundle_index.h"
#include "io/bundle/bundle_reader_internal.h"
#include "io/bundle/tensor_slice_key.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {

BundleReader::BundleReader(Env* env, std::string prefix)
    : env_(env), prefix_(std::move(prefix)) {}

BundleReader::~BundleReader() = default;

StatusOr<std::unique_ptr<BundleReader>> BundleReader::Open(
    Env* env, std::string_view prefix) {
  std::unique_ptr<BundleReader> reader(
      new BundleReader(env, std::string(prefix)));
  TFP_RETURN_IF_ERROR(reader->ReadIndex());
  return reader;
}

Status BundleReader::ReadIndex() {
  const std::string path = MetaFilename(prefix_);
  TFP_ASSIGN_OR_RETURN(BundleIndex index, ReadBundleIndex(env_, path));
  header_ = std::move(index.header);
  entries_ = std::move(index.entries);
  if (header_.num_shards() < 0) {
    return errors::DataLoss(path, ": invalid num_shards ",
                            header_.num_shards());
  }
  swap_bytes_ = header_.endianness() == tensorflow::BundleHeaderProto::BIG;
  return CheckBundleVersion(header_, path);
}

namespace {

template <typename Entries>
auto FindEntry(const Entries& entries, std::string_view key) {
  auto it = std::lower_bound(
      entries.begin(), entries.end(), key,
      [](const auto& e, std::string_view k) { return e.first < k; });
  return (it != entries.end() && it->first == key) ? it : entries.end();
}

}  // namespace

std::vector<std::string> BundleReader::Keys() const {
  std::vector<std::string> keys;
  keys.reserve(entries_.size());
  for (const auto& [key, value] : entries_) keys.push_back(key);
  return keys;
}

bool BundleReader::Contains(std::string_view key) const {
  return FindEntry(entries_, key) != entries_.end();
}

StatusOr<tensorflow::BundleEntryProto> BundleReader::GetBundleEntryProto(
    std::string_view key) const {
  TFP_ASSIGN_OR_RETURN(tensorflow::BundleEntryProto entry, ParseEntry(key));
  TFP_RETURN_IF_ERROR(CheckEntry(key, entry).status());
  return entry;
}

StatusOr<tensorflow::BundleEntryProto> BundleReader::ParseEntry(
    std::string_view key) const {
  auto it = FindEntry(entries_, key);
  if (it == entries_.end()) {
    return errors::NotFound("Key ", CEscape(key), " not found in checkpoint ",
                            prefix_);
  }
  tensorflow::BundleEntryProto entry;
  if (!entry.ParseFromArray(it->second.data(),
                            static_cast<int>(it->second.size()))) {
    return errors::DataLoss("Entry for key ", CEscape(key), " in ",
                            MetaFilename(prefix_), " is not parseable");
  }
  return entry;
}

StatusOr<DtypeAndShape> BundleReader::CheckEntry(
    std::string_view key, const tensorflow::BundleEntryProto& e) const {
  // Built only on error: this runs for every lookup.
  auto where = [&] {
    return StrCat("tensor '", CEscape(key), "' in ", MetaFilename(prefix_));
  };
  StatusOr<TensorShape> shape = ShapeFromProto(e.shape());
  if (!shape.ok()) return shape.status().WithContext(where());
  const auto dtype = static_cast<DataType>(e.dtype());
  if (!IsValidDataType(dtype) || IsRefType(dtype) || dtype == DT_INVALID) {
    return errors::DataLoss(where(), ": invalid dtype ", e.dtype());
  }
  if (e.slices_size() > 0) return DtypeAndShape{dtype, *std::move(shape)};
  if (!DataTypeIsStorable(dtype)) {
    return errors::Unimplemented(where(), ": reading ", DataTypeString(dtype),
                                 " tensors is not supported");
  }
  if (e.shard_id() < 0 || e.shard_id() >= header_.num_shards() ||
      e.offset() < 0 || e.size() < 0) {
    return errors::DataLoss(where(), ": invalid shard_id ", e.shard_id(),
                            ", offset ", e.offset(), " or size ", e.size(),
                            " (", header_.num_shards(), " shards)");
  }
  const uint64_t n = static_cast<uint64_t>(shape->num_elements());
  uint64_t expected = 0;
  if (dtype == DT_STRING) {
    // >= 1 byte per length varint, plus the 4-byte lengths checksum.
    if (static_cast<uint64_t>(e.size()) < n + 4) {
      return errors::DataLoss(where(),
                              ": invalid size in bundle entry; stored ",
                              e.size(), ", expected at least ", n + 4);
    }
  } else if (__builtin_mul_overflow(n, DataTypeSize(dtype), &expected) ||
             expected != static_cast<uint64_t>(e.size())) {
    return errors::DataLoss(where(), ": invalid size in bundle entry; stored ",
                            e.size(), ", expected ", expected);
  }
  return DtypeAndShape{dtype, *std::move(shape)};
}

StatusOr<DtypeAndShape> BundleReader::LookupDtypeAndShape(
    std::string_view key) const {
  TFP_ASSIGN_OR_RETURN(tensorflow::BundleEntryProto entry, ParseEntry(key));
  return CheckEntry(key, entry);
}

StatusOr<std::vector<std::string>> BundleReader::TensorNames() const {
  std::vector<std::string> slice_keys;
  for (const auto& [key, value] : entries_) {
    tensorflow::BundleEntryProto entry;
    if (!entry.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      return errors::DataLoss("Entry for key ", CEscape(key), " in ",
                              MetaFilename(prefix_), " is not parseable");
    }
    for (const auto& slice_proto : entry.slices()) {
      TFP_ASSIGN_OR_RETURN(TensorSlice slice,
                           TensorSlice::FromProto(slice_proto));
      slice_keys.push_back(EncodeTensorNameSlice(key, slice));
    }
  }
  std::sort(slice_keys.begin(), slice_keys.end());
  std::vector<std::string> names;
  for (const auto& [key, value] : entries_) {
    if (!std::binary_search(slice_keys.begin(), slice_keys.end(), key)) {
      names.push_back(key);
    }
  }
  return names;
}

StatusOr<const BundleReader::DataFile*> BundleReader::GetDataFile(
    int32_t shard_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::unique_ptr<DataFile>& slot = data_files_[shard_id];
  if (slot == nullptr) {
    const std::string path =
        DataFilename(prefix_, shard_id, header_.num_shards());
    auto data = std::make_unique<DataFile>();
    TFP_ASSIGN_OR_RETURN(data->size, env_->GetFileSize(path));
    TFP_ASSIGN_OR_RETURN(data->file, env_->NewRandomAccessFile(path));
    slot = std::move(data);
  }
  return slot.get();
}

}  // namespace tfpersist
