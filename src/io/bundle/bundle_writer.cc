// BundleWriter: writes P.data-00000-of-00001 and P.index as TF does.
//
// Data file: the tensors' bytes back to back in Add order, each followed by
// zero padding up to Options::data_alignment (1: none). Per tensor:
//   numeric (memcpy-able) dtypes: the elements, row-major, little-endian;
//     entry.crc32c = Mask(crc32c(bytes)).
//   DT_STRING:  varint64 len[0..n) ‖ fixed32 Mask(C1) ‖ str[0] ‖ ... ‖ str[n-1]
//     C1 = crc32c over the lengths as fixed32 LE (fixed64 if > 2^32-1);
//     entry.crc32c = Mask(Extend(Extend(C1, masked C1 bytes), all strings)).
// Index: a table (io/table) with the BundleHeaderProto under "" and one
// BundleEntryProto per key: dtype, shape (always present), shard_id and
// offset (omitted when 0), size, crc32c (fixed32), slices.
#include <algorithm>
#include <limits>

#include "io/bundle/bundle_index.h"
#include "io/bundle/crc_pipeline.h"
#include "io/bundle/tensor_slice_key.h"
#include "io/coding.h"
#include "io/crc32c.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

// Tensors are checksummed and written in pieces that stay in the L2 cache,
// so the bytes are read from memory once...
constexpr size_t kWriteChunk = 512 * 1024;
// ...and from this size on, a CrcPipeline helper checksums pieces ahead of
// the writes when a core is free.
constexpr size_t kPipelineBytes = 2 << 20;

}  // namespace

BundleWriter::BundleWriter(Env* env, std::string_view prefix,
                           const Options& options)
    : env_(env), options_(options), prefix_(prefix) {
  if (options_.data_alignment < 1) {
    status_ = errors::InvalidArgument("data_alignment must be >= 1, got ",
                                      options_.data_alignment);
    return;
  }
  data_tmp_ = StrCat(DataFilename(prefix_, 0, 1), ".tempstate", RandomU64());
  const std::string dir(Dirname(prefix_));
  if (!dir.empty()) {
    status_ = env_->RecursivelyCreateDir(dir);
    if (!status_.ok()) return;
  }
  StatusOr<std::unique_ptr<WritableFile>> file =
      env_->NewWritableFile(data_tmp_);
  if (!file.ok()) {
    status_ = file.status();
    return;
  }
  data_ = std::move(file).value();
}

BundleWriter::~BundleWriter() {
  if (!finished_) Cleanup();
}

void BundleWriter::Cleanup() {
  if (data_ != nullptr) {
    (void)data_->Close();
    data_.reset();
  }
  (void)env_->DeleteFile(data_tmp_);
}

void BundleWriter::Add(std::string_view key, const Tensor& tensor) {
  if (!status_.ok()) return;
  if (key == kHeaderEntryKey) {
    status_ = errors::InvalidArgument(
        "Adding a tensor under the empty key, which is reserved for the "
        "bundle header");
    return;
  }
  if (entries_.count(std::string(key)) != 0) {
    status_ = errors::InvalidArgument("Adding duplicate key: ", key);
    return;
  }
  if (!tensor.IsInitialized() || !DataTypeIsStorable(tensor.dtype())) {
    status_ = errors::InvalidArgument("Adding '", key,
                                      "': the tensor is uninitialized or of "
                                      "unsupported dtype ",
                                      DataTypeString(tensor.dtype()));
    return;
  }
  tensorflow::BundleEntryProto& entry = entries_[std::string(key)];
  entry.set_dtype(static_cast<tensorflow::DataType>(tensor.dtype()));
  ShapeToProto(tensor.shape(), entry.mutable_shape());
  entry.set_shard_id(0);
  entry.set_offset(static_cast<int64_t>(size_));
  WriteTensorData(tensor, &entry);
  if (!status_.ok()) {
    status_ = status_.WithContext(
        StrCat("writing tensor '", key, "' to ", data_tmp_));
    return;
  }
  size_ += static_cast<uint64_t>(entry.size());
  Pad();
}

void BundleWriter::WriteBytes(std::string_view bytes, uint32_t* crc,
                              const Tensor* owner) {
  if (owner != nullptr && bytes.size() >= kPipelineBytes) {
    // A helper thread checksums chunks ahead of the writes when it can.
    if (pipeline_ == nullptr) pipeline_ = std::make_unique<CrcPipeline>();
    pipeline_->Begin(bytes, std::make_shared<Tensor>(*owner));
    for (size_t k = 0; k < pipeline_->num_chunks() && status_.ok(); ++k) {
      const size_t start = k * CrcPipeline::kChunk;
      const size_t n = std::min(CrcPipeline::kChunk, bytes.size() - start);
      status_ = data_->Append(bytes.substr(start, n));
      *crc = crc32c::Combine(*crc, pipeline_->ChunkCrc(k), n);
    }
    pipeline_->End();
    return;
  }
  for (size_t done = 0; done < bytes.size() && status_.ok();) {
    const size_t n = std::min(kWriteChunk, bytes.size() - done);
    *crc = crc32c::Extend(*crc, bytes.data() + done, n);
    status_ = data_->Append(bytes.substr(done, n));
    done += n;
  }
}

void BundleWriter::WriteTensorData(const Tensor& tensor,
                                   tensorflow::BundleEntryProto* entry) {
  uint32_t crc = 0;
  if (tensor.dtype() != DT_STRING) {
    const std::string_view bytes = tensor.tensor_data();
    WriteBytes(bytes, &crc, &tensor);
    entry->set_size(static_cast<int64_t>(bytes.size()));
    entry->set_crc32c(crc32c::Mask(crc));
    return;
  }
  std::span<const std::string> strings = tensor.flat<std::string>();
  std::string lengths;
  lengths.reserve(strings.size() + 4);
  for (const std::string& s : strings) {
    PutVarint64(&lengths, s.size());
    char fixed[8];
    if (s.size() <= std::numeric_limits<uint32_t>::max()) {
      EncodeFixed32(fixed, static_cast<uint32_t>(s.size()));
      crc = crc32c::Extend(crc, fixed, 4);
    } else {
      EncodeFixed64(fixed, s.size());
      crc = crc32c::Extend(crc, fixed, 8);
    }
  }
  PutFixed32(&lengths, crc32c::Mask(crc));
  crc = crc32c::Extend(crc, lengths.data() + lengths.size() - 4, 4);
  status_ = data_->Append(lengths);
  uint64_t size = lengths.size();
  for (const std::string& s : strings) {
    WriteBytes(s, &crc, /*owner=*/nullptr);
    size += s.size();
  }
  entry->set_size(static_cast<int64_t>(size));
  entry->set_crc32c(crc32c::Mask(crc));
}

void BundleWriter::Pad() {
  const uint64_t align = static_cast<uint64_t>(options_.data_alignment);
  const uint64_t over = size_ % align;
  if (over == 0) return;
  status_ = data_->Append(std::string(align - over, '\0'));
  if (status_.ok()) size_ += align - over;
}

void BundleWriter::AddSlice(std::string_view full_tensor_key,
                            const TensorShape& full_tensor_shape,
                            const TensorSlice& slice_spec,
                            const Tensor& slice_tensor) {
  if (!status_.ok()) return;
  StatusOr<TensorShape> slice_shape = slice_spec.SliceShape(full_tensor_shape);
  if (!slice_shape.ok() || !(*slice_shape == slice_tensor.shape())) {
    status_ = errors::InvalidArgument(
        "AddSlice('", full_tensor_key, "', ", full_tensor_shape.DebugString(),
        ", ", slice_spec.DebugString(), "): the slice tensor has shape ",
        slice_tensor.shape().DebugString(), " but the slice is ",
        slice_shape.ok() ? slice_shape->DebugString()
                         : std::string(slice_shape.status().message()));
    return;
  }
  if (slice_spec.CoversAll(full_tensor_shape)) {
    Add(full_tensor_key, slice_tensor);
    return;
  }
  tensorflow::BundleEntryProto& full = entries_[std::string(full_tensor_key)];
  const auto dtype = static_cast<tensorflow::DataType>(slice_tensor.dtype());
  if (full.dtype() != tensorflow::DT_INVALID &&
      (full.dtype() != dtype || full.slices().empty() ||
       !(*ShapeFromProto(full.shape()) == full_tensor_shape))) {
    status_ = errors::InvalidArgument(
        "AddSlice('", full_tensor_key,
        "'): dtype/shape differ from the "
        "earlier slices, or the key holds a whole tensor");
    return;
  }
  full.set_dtype(dtype);
  ShapeToProto(full_tensor_shape, full.mutable_shape());
  slice_spec.AsProto(full.add_slices());
  Add(EncodeTensorNameSlice(full_tensor_key, slice_spec), slice_tensor);
}

Status BundleWriter::Finish() {
  if (finished_) return errors::FailedPrecondition("BundleWriter is closed");
  finished_ = true;
  if (status_.ok() && options_.sync) status_ = data_->Sync();
  if (status_.ok()) status_ = data_->Close();
  if (status_.ok()) {
    status_ = env_->RenameFile(data_tmp_, DataFilename(prefix_, 0, 1));
  }
  if (status_.ok()) {
    status_ = WriteBundleIndex(env_, MetaFilename(prefix_),
                               DefaultBundleHeader(1), entries_, options_.sync);
  }
  if (!status_.ok()) {
    Cleanup();
    return status_;
  }
  data_.reset();
  status_ = errors::FailedPrecondition("BundleWriter is closed");
  return OkStatus();
}

}  // namespace tfpersist
