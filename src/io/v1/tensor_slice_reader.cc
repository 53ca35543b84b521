// V1 checkpoint reader; file layout documented in io/v1/tensor_slice_reader.h
// and spec checkpoint-v1.md.
#include "io/v1/tensor_slice_reader.h"

#include <algorithm>

#include "io/bundle/tensor_slice_key.h"
#include "io/v1/slice_data.h"
#include "tensorflow/core/util/saved_tensor_slice.pb.h"

namespace tfpersist::v1 {

struct TensorSliceReader::File {
  std::string name;
  std::unique_ptr<RandomAccessFile> file;
  std::unique_ptr<table::Table> table;
};

namespace {

// Finds `key` in the table; NOT_FOUND if absent, the table's error if the
// file is corrupt.
StatusOr<std::string> TableGet(const table::Table& table,
                               std::string_view key) {
  std::unique_ptr<table::Iterator> it = table.NewIterator();
  it->Seek(key);
  if (it->Valid() && it->key() == key) return std::string(it->value());
  TFP_RETURN_IF_ERROR(it->status());
  return errors::NotFound("no entry \"", CEscape(key), "\"");
}

// TF's CheckVersions for TF_CHECKPOINT_VERSION.
Status CheckVersions(const tensorflow::VersionDef& v, const std::string& file) {
  if (v.producer() < kCheckpointVersionMinProducer) {
    return errors::InvalidArgument("Checkpoint ", file, " has producer ",
                                   v.producer(), ", below the minimum ",
                                   kCheckpointVersionMinProducer);
  }
  if (v.min_consumer() > kCheckpointVersion) {
    return errors::InvalidArgument("Checkpoint ", file, " needs consumer ",
                                   v.min_consumer(), "; this reader is ",
                                   kCheckpointVersion);
  }
  for (int bad : v.bad_consumers()) {
    if (bad == kCheckpointVersion) {
      return errors::InvalidArgument(
          "Checkpoint ", file, " disallows consumer ", kCheckpointVersion);
    }
  }
  return OkStatus();
}

StatusOr<TensorShape> ShapeFromMeta(const tensorflow::TensorShapeProto& p) {
  if (p.unknown_rank()) return errors::DataLoss("shape has unknown rank");
  std::vector<int64_t> dims;
  for (const auto& d : p.dim()) dims.push_back(d.size());
  StatusOr<TensorShape> shape = TensorShape::Build(dims);
  if (!shape.ok()) return errors::DataLoss(shape.status().message());
  return shape;
}

int64_t NumElements(const TensorSlice& slice, const TensorShape& shape) {
  int64_t n = 1;
  for (int d = 0; d < slice.dims(); ++d) n *= slice.Concrete(d, shape).second;
  return n;
}

bool Overlap(const TensorSlice& a, const TensorSlice& b,
             const TensorShape& shape) {
  for (int d = 0; d < shape.dims(); ++d) {
    auto [a_start, a_len] = a.Concrete(d, shape);
    auto [b_start, b_len] = b.Concrete(d, shape);
    if (std::min(a_start + a_len, b_start + b_len) <=
        std::max(a_start, b_start)) {
      return false;
    }
  }
  return true;
}

}  // namespace

TensorSliceReader::TensorSliceReader(Env* env, std::string filepattern)
    : env_(env), filepattern_(std::move(filepattern)) {}

TensorSliceReader::~TensorSliceReader() = default;

StatusOr<std::unique_ptr<TensorSliceReader>> TensorSliceReader::Open(
    Env* env, const std::string& filepattern) {
  std::unique_ptr<TensorSliceReader> reader(
      new TensorSliceReader(env, filepattern));
  TFP_ASSIGN_OR_RETURN(reader->filenames_, env->GetMatchingPaths(filepattern));
  if (reader->filenames_.empty()) {
    return errors::NotFound("Failed to find any matching files for ",
                            filepattern);
  }
  for (const std::string& filename : reader->filenames_) {
    TFP_RETURN_IF_ERROR(reader->LoadFile(filename));
  }
  return reader;
}

Status TensorSliceReader::LoadFile(const std::string& filename) {
  auto file = std::make_unique<File>();
  file->name = filename;
  TFP_ASSIGN_OR_RETURN(uint64_t size, env_->GetFileSize(filename));
  TFP_ASSIGN_OR_RETURN(file->file, env_->NewRandomAccessFile(filename));
  StatusOr<std::unique_ptr<table::Table>> table =
      table::Table::Open(file->file.get(), size);
  if (!table.ok()) {
    return errors::DataLoss("Unable to open table file ", filename, ": ",
                            table.status().message(),
                            ": perhaps it is not a V1 checkpoint");
  }
  file->table = std::move(table).value();
  StatusOr<std::string> meta_bytes = TableGet(*file->table, "");
  tensorflow::SavedTensorSlices sts;
  if (!meta_bytes.ok() || !sts.ParseFromString(*meta_bytes) ||
      !sts.has_meta()) {
    return errors::DataLoss(
        "Failed to find the saved tensor slices at the beginning of the "
        "checkpoint file ",
        filename,
        meta_bytes.ok() ? "" : StrCat(": ", meta_bytes.status().message()));
  }
  TFP_RETURN_IF_ERROR(CheckVersions(sts.meta().versions(), filename));
  files_.push_back(std::move(file));
  for (const tensorflow::SavedSliceMeta& ssm : sts.meta().tensor()) {
    TFP_RETURN_IF_ERROR_CTX(RegisterTensor(ssm, files_.size() - 1), "tensor ",
                            ssm.name(), " in ", filename);
  }
  return OkStatus();
}

Status TensorSliceReader::RegisterTensor(const tensorflow::SavedSliceMeta& ssm,
                                         int file) {
  TFP_ASSIGN_OR_RETURN(TensorShape shape, ShapeFromMeta(ssm.shape()));
  for (const tensorflow::TensorSliceProto& tsp : ssm.slice()) {
    StatusOr<TensorSlice> slice = TensorSlice::FromProto(tsp);
    if (!slice.ok()) return errors::DataLoss(slice.status().message());
    TFP_RETURN_IF_ERROR(RegisterSlice(
        ssm.name(), static_cast<DataType>(ssm.type()), shape, *slice, file));
  }
  return OkStatus();
}

Status TensorSliceReader::RegisterSlice(const std::string& name, DataType dtype,
                                        const TensorShape& shape,
                                        const TensorSlice& slice, int file) {
  if (!IsV1DataType(dtype)) {
    return errors::DataLoss("dtype ", static_cast<int>(dtype),
                            " cannot be stored in a V1 checkpoint");
  }
  StatusOr<TensorShape> slice_shape = slice.SliceShape(shape);
  if (!slice_shape.ok())
    return errors::DataLoss(slice_shape.status().message());
  auto [it, inserted] = tensors_.try_emplace(name);
  TensorInfo& info = it->second;
  if (inserted) {
    info.dtype = dtype;
    info.shape = shape;
  } else if (info.dtype != dtype || !(info.shape == shape)) {
    return errors::DataLoss("conflicting metadata: ", DataTypeString(dtype),
                            " ", shape.DebugString(), " vs ",
                            DataTypeString(info.dtype), " ",
                            info.shape.DebugString());
  }
  if (info.slices.size() >= kMaxSlicesPerTensor) {
    return errors::ResourceExhausted("more than ", kMaxSlicesPerTensor,
                                     " slices");
  }
  for (const StoredSlice& other : info.slices) {
    if (Overlap(slice, other.slice, shape)) {
      return errors::DataLoss("overlapping slices ", slice.DebugString(),
                              " and ", other.slice.DebugString());
    }
  }
  info.slices.push_back({slice, file});
  return OkStatus();
}

StatusOr<Tensor> TensorSliceReader::ReadSlice(const std::string& name,
                                              const TensorInfo& info,
                                              const StoredSlice& stored) const {
  const File& file = *files_[stored.file];
  const std::string key = EncodeTensorNameSlice(name, stored.slice);
  StatusOr<std::string> value = TableGet(*file.table, key);
  if (errors::IsNotFound(value.status())) {
    return errors::DataLoss("no data entry for slice ",
                            stored.slice.DebugString(), " of tensor ", name,
                            " in ", file.name);
  }
  TFP_RETURN_IF_ERROR(value.status());
  tensorflow::SavedTensorSlices sts;
  if (!sts.ParseFromString(*value) || !sts.has_data() ||
      sts.data().name() != name) {
    return errors::DataLoss("bad data entry for slice ",
                            stored.slice.DebugString(), " of tensor ", name,
                            " in ", file.name);
  }
  TFP_ASSIGN_OR_RETURN(TensorShape slice_shape,
                       stored.slice.SliceShape(info.shape));
  StatusOr<Tensor> values = DecodeSliceValues(
      info.dtype, slice_shape, sts.mutable_data()->mutable_data());
  if (!values.ok()) {
    return values.status().WithContext(StrCat("tensor ", name, " slice ",
                                              stored.slice.DebugString(),
                                              " in ", file.name));
  }
  return values;
}

StatusOr<Tensor> TensorSliceReader::GetTensor(const std::string& name) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) {
    return errors::NotFound(name, " not found in checkpoint file ",
                            filepattern_);
  }
  const TensorInfo& info = it->second;
  // Slices never overlap, so they cover the tensor iff their sizes add up.
  int64_t covered = 0;
  for (const StoredSlice& s : info.slices) {
    covered += NumElements(s.slice, info.shape);
  }
  if (covered != info.shape.num_elements()) {
    return errors::DataLoss("the slices of tensor ", name, " in ", filepattern_,
                            " cover ", covered, " of its ",
                            info.shape.num_elements(), " elements");
  }
  // Decode every slice first: the output is allocated only once its values
  // were found in the files.
  std::vector<Tensor> parts;
  for (const StoredSlice& s : info.slices) {
    TFP_ASSIGN_OR_RETURN(Tensor part, ReadSlice(name, info, s));
    parts.push_back(std::move(part));
  }
  if (parts.size() == 1) return parts[0];  // One slice covering everything.
  TFP_ASSIGN_OR_RETURN(Tensor full, Tensor::Allocate(info.dtype, info.shape));
  for (size_t i = 0; i < parts.size(); ++i) {
    CopySliceIntoTensor(parts[i], info.slices[i].slice, &full);
  }
  return full;
}

}  // namespace tfpersist::v1
