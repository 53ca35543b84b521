// CheckpointReader: dispatch between the V2 BundleReader and the V1
// TensorSliceReader (spec checkpoint-v1.md §1 "Detection rule").
#include "tfpersist/io/checkpoint_reader.h"

#include "io/v1/tensor_slice_reader.h"
#include "tfpersist/base/closest_names.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/file_kind.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {

CheckpointReader::CheckpointReader(Format format, std::string path)
    : format_(format), path_(std::move(path)) {}

CheckpointReader::~CheckpointReader() = default;

StatusOr<std::unique_ptr<CheckpointReader>> CheckpointReader::Open(
    Env* env, const std::string& path) {
  std::string prefix = path;
  if (env->IsDirectory(path)) {
    const FileKind kind = DetectFileKind(env, path);
    if (kind != FileKind::kCheckpointDir) {
      return errors::NotFound(
          "no checkpoint in directory ", path, ": no ",
          JoinPath(path, "checkpoint"), " file and no *.index files.",
          FileKindAdvice(env, path, kind, "checkpoint"));
    }
    TFP_ASSIGN_OR_RETURN(prefix, LatestCheckpoint(env, path));
  }
  std::unique_ptr<CheckpointReader> reader;
  if (env->FileExists(MetaFilename(prefix)).ok()) {
    reader.reset(new CheckpointReader(Format::kV2, prefix));
    TFP_ASSIGN_OR_RETURN(reader->v2_, BundleReader::Open(env, prefix));
  } else {
    StatusOr<std::unique_ptr<v1::TensorSliceReader>> v1 =
        v1::TensorSliceReader::Open(env, prefix);
    if (!v1.ok()) {
      const FileKind kind = DetectFileKind(env, prefix);
      if (errors::IsNotFound(v1.status())) {
        return errors::NotFound(
            "no checkpoint at ", prefix, ": neither ", MetaFilename(prefix),
            " (V2) nor a V1 file matching it exists.",
            FileKindAdvice(env, prefix, kind, "checkpoint"));
      }
      if (kind != FileKind::kV1Checkpoint && kind != FileKind::kUnknown) {
        return errors::InvalidArgument(
            prefix, " is not a checkpoint.",
            FileKindAdvice(env, prefix, kind, "checkpoint"));
      }
      return v1.status();
    }
    reader.reset(new CheckpointReader(Format::kV1, prefix));
    reader->v1_ = std::move(v1).value();
  }
  TFP_RETURN_IF_ERROR(reader->BuildMaps());
  return reader;
}

Status CheckpointReader::BuildMaps() {
  if (v1_ != nullptr) {
    for (const auto& [name, info] : v1_->tensors()) {
      shapes_[name] = info.shape;
      dtypes_[name] = info.dtype;
      if (info.slices.size() > 1) num_slices_[name] = info.slices.size();
    }
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(std::vector<std::string> names, v2_->TensorNames());
  for (const std::string& name : names) {
    TFP_ASSIGN_OR_RETURN(tensorflow::BundleEntryProto entry,
                         v2_->GetBundleEntryProto(name));
    TFP_ASSIGN_OR_RETURN(DtypeAndShape ds, v2_->LookupDtypeAndShape(name));
    shapes_[name] = ds.shape;
    dtypes_[name] = ds.dtype;
    if (entry.slices_size() > 1) num_slices_[name] = entry.slices_size();
  }
  return OkStatus();
}

std::vector<std::string> CheckpointReader::TensorNames() const {
  std::vector<std::string> names;
  names.reserve(shapes_.size());
  for (const auto& [name, shape] : shapes_) names.push_back(name);
  return names;
}

StatusOr<Tensor> CheckpointReader::GetTensor(const std::string& name) const {
  if (!HasTensor(name)) {
    return errors::NotFound("Key ", name, " not found in checkpoint ", path_,
                            ".", ClosestNamesSuffix(name, TensorNames(), "keys"));
  }
  return v1_ != nullptr ? v1_->GetTensor(name) : v2_->Lookup(name);
}

std::string CheckpointReader::DebugString() const {
  std::string out;
  for (const auto& [name, shape] : shapes_) {
    out += StrCat(name, " (", DataTypeEnumName(dtypes_.at(name)), ") ",
                  shape.DebugString());
    auto slices = num_slices_.find(name);
    if (slices != num_slices_.end()) {
      out += StrCat(", ", slices->second, " slices");
    }
    out += "\n";
  }
  return out;
}

}  // namespace tfpersist
