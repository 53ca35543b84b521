// BundleReader: reading tensors. Every size is checked against the data
// file before anything is allocated; every read is checksummed.
#include <algorithm>

#include "io/bundle/bundle_index.h"
#include "io/bundle/bundle_reader_internal.h"
#include "io/bundle/tensor_data.h"
#include "io/bundle/tensor_slice_key.h"
#include "io/crc32c.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {

namespace {

// More stored slices than this for one tensor is treated as hostile (the
// overlap check is quadratic).
constexpr int kMaxSlices = 10000;

bool Intersect(const TensorSlice& a, const TensorSlice& b,
               const TensorShape& full) {
  for (int d = 0; d < full.dims(); ++d) {
    auto [sa, la] = a.Concrete(d, full);
    auto [sb, lb] = b.Concrete(d, full);
    if (std::max(sa, sb) >= std::min(sa + la, sb + lb)) return false;
  }
  return true;
}

}  // namespace

StatusOr<const BundleReader::DataFile*> BundleReader::Locate(
    std::string_view key, const tensorflow::BundleEntryProto& e) const {
  TFP_ASSIGN_OR_RETURN(const DataFile* data, GetDataFile(e.shard_id()));
  const uint64_t offset = static_cast<uint64_t>(e.offset());
  const uint64_t size = static_cast<uint64_t>(e.size());
  if (offset > data->size || size > data->size - offset) {
    return errors::DataLoss("tensor '", CEscape(key), "' (", size,
                            " bytes at offset ", offset,
                            ") extends past the "
                            "end of ",
                            data->file->name(), " (", data->size, " bytes)");
  }
  return data;
}

Status BundleReader::ReadEntry(std::string_view key,
                               const tensorflow::BundleEntryProto& e,
                               Tensor* out) const {
  TFP_ASSIGN_OR_RETURN(const DataFile* data, Locate(key, e));
  const std::string& path = data->file->name();
  uint32_t crc = 0;
  if (out->dtype() != DT_STRING) {
    StatusOr<uint32_t> read =
        ReadWithChecksum(*data->file, e.offset(), e.size(), out->raw_data());
    TFP_RETURN_IF_ERROR_CTX(read.status(), "tensor '", CEscape(key), "'");
    crc = *read;
  } else {
    std::string stored(static_cast<size_t>(e.size()), '\0');
    TFP_RETURN_IF_ERROR_CTX(
        ReadWithChecksum(*data->file, e.offset(), e.size(), stored.data())
            .status(),
        "tensor '", CEscape(key), "'");
    StatusOr<uint32_t> decoded =
        DecodeStringTensor(stored, swap_bytes_, out->flat<std::string>());
    TFP_RETURN_IF_ERROR_CTX(decoded.status(), "tensor '", CEscape(key), "' in ",
                            path);
    crc = *decoded;
  }
  if (crc32c::Unmask(e.crc32c()) != crc) {
    return errors::DataLoss(
        "Checksum does not match for tensor '", CEscape(key), "' in ", path,
        " (", e.size(), " bytes at offset ", e.offset(), "): stored ",
        crc32c::Unmask(e.crc32c()), " vs. calculated ", crc);
  }
  if (swap_bytes_ && out->dtype() != DT_STRING) {
    ByteSwapTensorData(out->dtype(), out->raw_data(), e.size());
  }
  return OkStatus();
}

StatusOr<BundleReader::SlicePart> BundleReader::CheckSlice(
    std::string_view key, const tensorflow::BundleEntryProto& full,
    const TensorShape& shape,
    const tensorflow::TensorSliceProto& slice_proto) const {
  const std::string where = StrCat("partitioned tensor '", CEscape(key), "'");
  SlicePart part;
  StatusOr<TensorSlice> slice = TensorSlice::FromProto(slice_proto);
  StatusOr<TensorShape> slice_shape =
      slice.ok() ? slice->SliceShape(shape) : slice.status();
  if (!slice_shape.ok()) {
    return errors::DataLoss(where,
                            ": bad slice: ", slice_shape.status().message());
  }
  part.slice = *std::move(slice);
  part.shape = *std::move(slice_shape);
  part.key = EncodeTensorNameSlice(key, part.slice);
  StatusOr<tensorflow::BundleEntryProto> entry = GetBundleEntryProto(part.key);
  if (errors::IsNotFound(entry.status())) {
    return errors::DataLoss(where, ": the entry of slice ",
                            part.slice.DebugString(), " is missing");
  }
  TFP_RETURN_IF_ERROR(entry.status());
  part.entry = *std::move(entry);
  // GetBundleEntryProto() has validated the shape.
  if (part.entry.dtype() != full.dtype() || part.entry.slices_size() > 0 ||
      !(*ShapeFromProto(part.entry.shape()) == part.shape)) {
    return errors::DataLoss(where, ": slice ", part.slice.DebugString(),
                            " has a different dtype or shape");
  }
  TFP_RETURN_IF_ERROR(Locate(part.key, part.entry).status());
  return part;
}

StatusOr<std::vector<BundleReader::SlicePart>> BundleReader::PlanSlices(
    std::string_view key, const tensorflow::BundleEntryProto& e,
    const TensorShape& shape) const {
  const std::string where = StrCat("partitioned tensor '", CEscape(key), "'");
  if (e.slices_size() > kMaxSlices) {
    return errors::InvalidArgument(where, " has ", e.slices_size(),
                                   " slices; at most ", kMaxSlices,
                                   " are supported");
  }
  std::vector<SlicePart> parts;
  int64_t covered = 0;
  for (const auto& slice_proto : e.slices()) {
    TFP_ASSIGN_OR_RETURN(SlicePart part,
                         CheckSlice(key, e, shape, slice_proto));
    for (const SlicePart& other : parts) {
      if (Intersect(part.slice, other.slice, shape)) {
        return errors::InvalidArgument(where, ": overlapping slices ",
                                       part.slice.DebugString(), " and ",
                                       other.slice.DebugString());
      }
    }
    // Disjoint slices inside the shape: the sum cannot overflow.
    covered += part.shape.num_elements();
    parts.push_back(std::move(part));
  }
  if (covered != shape.num_elements()) {
    return errors::InvalidArgument("Does not have sufficient slices for ",
                                   where, " of shape ", shape.DebugString());
  }
  return parts;
}

Status BundleReader::ReadSlices(const std::vector<SlicePart>& parts,
                                Tensor* out) const {
  for (const SlicePart& part : parts) {
    if (part.slice.CoversAll(out->shape())) {
      TFP_RETURN_IF_ERROR(ReadEntry(part.key, part.entry, out));
      continue;
    }
    TFP_ASSIGN_OR_RETURN(Tensor piece,
                         Tensor::Allocate(out->dtype(), part.shape));
    TFP_RETURN_IF_ERROR(ReadEntry(part.key, part.entry, &piece));
    CopySliceIntoFull(piece, part.slice, out);
  }
  return OkStatus();
}

StatusOr<Tensor> BundleReader::Lookup(std::string_view key) const {
  TFP_ASSIGN_OR_RETURN(tensorflow::BundleEntryProto entry, ParseEntry(key));
  TFP_ASSIGN_OR_RETURN(DtypeAndShape info, CheckEntry(key, entry));
  if (entry.slices_size() > 0) {
    TFP_ASSIGN_OR_RETURN(std::vector<SlicePart> parts,
                         PlanSlices(key, entry, info.shape));
    TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(info.dtype, info.shape));
    TFP_RETURN_IF_ERROR(ReadSlices(parts, &out));
    return out;
  }
  TFP_RETURN_IF_ERROR(Locate(key, entry).status());
  TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(info.dtype, info.shape));
  TFP_RETURN_IF_ERROR(ReadEntry(key, entry, &out));
  return out;
}

Status BundleReader::LookupInto(std::string_view key, Tensor* out) const {
  TFP_ASSIGN_OR_RETURN(tensorflow::BundleEntryProto entry, ParseEntry(key));
  TFP_ASSIGN_OR_RETURN(DtypeAndShape info, CheckEntry(key, entry));
  if (!out->IsInitialized() || out->dtype() != info.dtype ||
      !(out->shape() == info.shape)) {
    return errors::InvalidArgument(
        "LookupInto('", CEscape(key), "'): the destination is a ",
        DataTypeString(out->dtype()), " tensor of shape ",
        out->shape().DebugString(), " but the checkpoint holds ",
        DataTypeString(info.dtype), " ", info.shape.DebugString());
  }
  if (entry.slices_size() > 0) {
    TFP_ASSIGN_OR_RETURN(std::vector<SlicePart> parts,
                         PlanSlices(key, entry, info.shape));
    return ReadSlices(parts, out);
  }
  return ReadEntry(key, entry, out);
}

}  // namespace tfpersist
