#include "runtime/kernels/io/v1_writer.h"

#include <cstring>

#include "core/tensor_proto.h"
#include "io/bundle/tensor_slice_key.h"
#include "io/table/table_builder.h"
#include "io/v1/slice_data.h"

namespace tfpersist {
namespace {

template <typename T, typename Field>
void CopyAs(const Tensor& t, Field* field) {
  for (T v : t.flat<T>()) field->Add(v);
}

// Raw element bits of 1-, 2- or 4-byte integer-like types, sign-extended
// as TF stores them in int_val (quantized types by their storage).
int32_t IntBits(const char* p, int size, bool is_signed) {
  if (size == 1) return is_signed ? int32_t(int8_t(*p)) : int32_t(uint8_t(*p));
  if (size == 2) {
    uint16_t u;
    std::memcpy(&u, p, 2);
    return is_signed ? int32_t(int16_t(u)) : int32_t(u);
  }
  int32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

void EncodeIntLike(const Tensor& t, tensorflow::TensorProto* proto) {
  const DataType dt = t.dtype();
  const bool is_signed = dt == DT_INT8 || dt == DT_INT16 || dt == DT_QINT8 ||
                         dt == DT_QINT16 || dt == DT_INT32 || dt == DT_QINT32;
  const int size = DataTypeSize(dt);
  const char* p = t.raw_data();
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    proto->add_int_val(IntBits(p + i * size, size, is_signed));
  }
}

}  // namespace

void EncodeV1SliceValues(const Tensor& t, tensorflow::TensorProto* proto) {
  switch (t.dtype()) {
    case DT_FLOAT:
      CopyAs<float>(t, proto->mutable_float_val());
      return;
    case DT_DOUBLE:
      CopyAs<double>(t, proto->mutable_double_val());
      return;
    case DT_INT64:
      CopyAs<int64_t>(t, proto->mutable_int64_val());
      return;
    case DT_BOOL:
      CopyAs<bool>(t, proto->mutable_bool_val());
      return;
    case DT_UINT32:
      CopyAs<uint32_t>(t, proto->mutable_uint32_val());
      return;
    case DT_UINT64:
      CopyAs<uint64_t>(t, proto->mutable_uint64_val());
      return;
    case DT_STRING:
      for (const std::string& s : t.flat<tstring>()) proto->add_string_val(s);
      return;
    case DT_COMPLEX64:
      for (const complex64& c : t.flat<complex64>()) {
        proto->add_scomplex_val(c.real());
        proto->add_scomplex_val(c.imag());
      }
      return;
    case DT_COMPLEX128:
      for (const complex128& c : t.flat<complex128>()) {
        proto->add_dcomplex_val(c.real());
        proto->add_dcomplex_val(c.imag());
      }
      return;
    case DT_HALF:
      for (int64_t i = 0; i < t.NumElements(); ++i) {
        proto->add_half_val(IntBits(t.raw_data() + 2 * i, 2, false));
      }
      return;
    default:
      EncodeIntLike(t, proto);
  }
}

V1CheckpointWriter::V1CheckpointWriter(Env* env, std::string filename)
    : env_(env), filename_(std::move(filename)) {
  auto* versions = meta_.mutable_meta()->mutable_versions();
  versions->set_producer(1);  // TF_CHECKPOINT_VERSION
  versions->set_min_consumer(0);
}

StatusOr<tensorflow::SavedSliceMeta*> V1CheckpointWriter::MetaFor(
    const std::string& name, const TensorShape& shape, DataType dtype) {
  tensorflow::TensorShapeProto shape_proto;
  TensorShapeToProto(shape, &shape_proto);
  for (auto& t : *meta_.mutable_meta()->mutable_tensor()) {
    if (t.name() != name) continue;
    if (t.type() != static_cast<int>(dtype) ||
        t.shape().SerializeAsString() != shape_proto.SerializeAsString()) {
      return errors::InvalidArgument(
          "Tensor '", name, "': slices of one tensor differ in dtype or shape");
    }
    return &t;
  }
  tensorflow::SavedSliceMeta* entry = meta_.mutable_meta()->add_tensor();
  entry->set_name(name);
  *entry->mutable_shape() = shape_proto;
  entry->set_type(static_cast<tensorflow::DataType>(dtype));
  return entry;
}

Status V1CheckpointWriter::Add(const std::string& name,
                               const TensorShape& shape,
                               const TensorSlice& slice, const Tensor& data) {
  if (name.empty()) return errors::InvalidArgument("Empty tensor name to save");
  // TF's V1 writer dispatches on TF_CALL_SAVE_RESTORE_TYPES: no bfloat16,
  // qint16, quint16 (which its reader would accept).
  const DataType dt = data.dtype();
  if (!v1::IsV1DataType(dt) || dt == DT_BFLOAT16 || dt == DT_QINT16 ||
      dt == DT_QUINT16) {
    return errors::InvalidArgument("Tensor '", name, "': dtype ",
                                   DataTypeString(data.dtype()),
                                   " cannot be saved in a V1 checkpoint");
  }
  TFP_ASSIGN_OR_RETURN(TensorShape slice_shape, slice.SliceShape(shape));
  if (!(slice_shape == data.shape())) {
    return errors::InvalidArgument(
        "Tensor '", name, "': data shape ", data.shape().DebugString(),
        " is not the shape ", slice_shape.DebugString(), " of slice ",
        slice.DebugString());
  }
  const std::string key = EncodeTensorNameSlice(name, slice);
  if (data_.count(key)) {
    return errors::InvalidArgument("Tensor '", name, "': slice ",
                                   slice.DebugString(), " added twice");
  }
  TFP_ASSIGN_OR_RETURN(tensorflow::SavedSliceMeta * entry,
                       MetaFor(name, shape, data.dtype()));
  slice.AsProto(entry->add_slice());
  tensorflow::SavedTensorSlices value;
  tensorflow::SavedSlice* saved = value.mutable_data();
  saved->set_name(name);
  slice.AsProto(saved->mutable_slice());
  EncodeV1SliceValues(data, saved->mutable_data());
  data_[key] = value.SerializeAsString();
  return OkStatus();
}

Status V1CheckpointWriter::Finish() {
  const std::string tmp = StrCat(filename_, ".tempstate", RandomU64());
  TFP_ASSIGN_OR_RETURN(auto file, env_->NewWritableFile(tmp));
  table::TableBuilder builder(table::TableOptions(), file.get());
  builder.Add("", meta_.SerializeAsString());
  for (const auto& [key, value] : data_) builder.Add(key, value);
  Status s = builder.Finish();
  if (s.ok()) s = file->Close();
  if (s.ok()) s = env_->RenameFile(tmp, filename_);
  if (!s.ok()) {
    (void)env_->DeleteFile(tmp);
    return s.WithContext(StrCat("writing V1 checkpoint ", filename_));
  }
  return OkStatus();
}

}  // namespace tfpersist
