#include "io/bundle/bundle_index.h"

#include <cstdio>

#include "io/table/table.h"
#include "io/table/table_builder.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {

std::string MetaFilename(std::string_view prefix) {
  return StrCat(prefix, ".index");
}

std::string DataFilename(std::string_view prefix, int32_t shard_id,
                         int32_t num_shards) {
  char suffix[64];
  std::snprintf(suffix, sizeof(suffix), ".data-%05d-of-%05d", shard_id,
                num_shards);
  return StrCat(prefix, suffix);
}

StatusOr<BundleIndex> ReadBundleIndex(Env* env, const std::string& path) {
  TFP_ASSIGN_OR_RETURN(uint64_t size, env->GetFileSize(path));
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                       env->NewRandomAccessFile(path));
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<table::Table> table,
                       table::Table::Open(file.get(), size));
  std::unique_ptr<table::Iterator> it = table->NewIterator();
  it->SeekToFirst();
  TFP_RETURN_IF_ERROR(it->status());
  if (!it->Valid() || !it->key().empty()) {
    return errors::DataLoss(path, ": the bundle header entry is missing");
  }
  BundleIndex index;
  if (!index.header.ParseFromArray(it->value().data(),
                                   static_cast<int>(it->value().size()))) {
    return errors::DataLoss(path, ": unable to parse the bundle header");
  }
  for (it->Next(); it->Valid(); it->Next()) {
    index.entries.emplace_back(std::string(it->key()),
                               std::string(it->value()));
  }
  TFP_RETURN_IF_ERROR(it->status());
  return index;
}

Status WriteBundleIndex(
    Env* env, const std::string& path,
    const tensorflow::BundleHeaderProto& header,
    const std::map<std::string, tensorflow::BundleEntryProto>& entries,
    bool sync) {
  const std::string tmp = StrCat(path, ".tempstate", RandomU64());
  Status s = [&]() -> Status {
    TFP_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                         env->NewWritableFile(tmp));
    table::TableBuilder builder(table::TableOptions(), file.get());
    builder.Add(kHeaderEntryKey, header.SerializeAsString());
    std::string buf;
    for (const auto& [key, entry] : entries) {
      buf.clear();
      entry.SerializeToString(&buf);
      builder.Add(key, buf);
    }
    Status st = builder.Finish();
    if (st.ok() && sync) st = file->Sync();
    st.Update(file->Close());
    TFP_RETURN_IF_ERROR(st);
    return env->RenameFile(tmp, path);
  }();
  if (!s.ok()) (void)env->DeleteFile(tmp);
  return s.WithContext(StrCat("writing ", path));
}

tensorflow::BundleHeaderProto DefaultBundleHeader(int num_shards) {
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(num_shards);
  header.set_endianness(tensorflow::BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(kTensorBundleVersion);
  header.mutable_version()->set_min_consumer(kTensorBundleMinConsumer);
  return header;
}

Status CheckBundleVersion(const tensorflow::BundleHeaderProto& header,
                          const std::string& path) {
  const tensorflow::VersionDef& v = header.version();
  if (v.producer() < kTensorBundleMinProducer) {
    return errors::InvalidArgument(
        path, ": checkpoint producer version ", v.producer(),
        " is below the minimum supported producer ", kTensorBundleMinProducer);
  }
  if (v.min_consumer() > kTensorBundleVersion) {
    return errors::InvalidArgument(
        path, ": checkpoint min consumer version ", v.min_consumer(),
        " is above the supported version ", kTensorBundleVersion);
  }
  for (int bad : v.bad_consumers()) {
    if (bad == kTensorBundleVersion) {
      return errors::InvalidArgument(path, ": checkpoint disallows consumer ",
                                     "version ", bad);
    }
  }
  return OkStatus();
}

void ShapeToProto(const TensorShape& shape, tensorflow::TensorShapeProto* p) {
  p->Clear();
  for (int64_t d : shape.dim_sizes()) p->add_dim()->set_size(d);
}

StatusOr<TensorShape> ShapeFromProto(const tensorflow::TensorShapeProto& p) {
  if (p.unknown_rank()) return errors::DataLoss("shape has unknown rank");
  std::vector<int64_t> dims;
  dims.reserve(p.dim_size());
  for (const auto& d : p.dim()) dims.push_back(d.size());
  StatusOr<TensorShape> shape = TensorShape::Build(dims);
  if (!shape.ok()) {
    return errors::DataLoss("invalid tensor shape: ", shape.status().message());
  }
  return shape;
}

}  // namespace tfpersist
