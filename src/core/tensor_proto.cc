// TensorProto -> Tensor and TensorShapeProto conversions, with TF's rules
// (spec meta-graph.md "TensorProto").
//
// tensor_content layout: numeric types hold NumElements() little-endian
// elements, row-major, exactly NumElements() * DataTypeSize() bytes.
// DT_STRING (C++ AsProtoTensorContent): NumElements() varint32 lengths, then
// the string bytes concatenated; the lengths must add up to the rest.
#include "core/tensor_proto.h"

#include <algorithm>
#include <cstring>

namespace tfpersist {
namespace {

using tensorflow::TensorProto;
using tensorflow::TensorShapeProto;

// TF's TensorShape::MaxDimensions().
constexpr int kMaxDims = 254;

// Parses one varint32 from *in; false when truncated or too long.
bool GetVarint32(std::string_view* in, uint32_t* value) {
  uint32_t result = 0;
  for (int shift = 0; shift <= 28 && !in->empty(); shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

Status DecodeStringContent(std::string_view in, Tensor* t) {
  const int64_t n = t->NumElements();
  std::vector<uint32_t> sizes(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    if (!GetVarint32(&in, &sizes[i])) {
      return errors::InvalidArgument(
          "TensorProto string tensor_content is truncated in the length of "
          "element ",
          i, " of ", n);
    }
  }
  uint64_t total = 0;
  for (uint32_t s : sizes) total += s;
  if (total != in.size()) {
    return errors::InvalidArgument(
        "TensorProto string tensor_content lengths add up to ", total,
        " bytes but ", in.size(), " bytes follow them");
  }
  std::string* out = t->data<std::string>();
  for (int64_t i = 0; i < n; ++i) {
    out[i].assign(in.data(), sizes[i]);
    in.remove_prefix(sizes[i]);
  }
  return OkStatus();
}

StatusOr<Tensor> FromTensorContent(DataType dtype, const TensorShape& shape,
                                   const std::string& content) {
  const int64_t n = shape.num_elements();
  if (dtype == DT_STRING) {
    // Each element needs at least one length byte: bounds the allocation.
    if (static_cast<uint64_t>(n) > content.size()) {
      return errors::InvalidArgument(
          "TensorProto string tensor_content of ", content.size(),
          " bytes cannot hold ", n, " elements of shape ", shape.DebugString());
    }
    TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));
    TFP_RETURN_IF_ERROR(DecodeStringContent(content, &t));
    return t;
  }
  int64_t need = 0;
  if (__builtin_mul_overflow(n, int64_t{DataTypeSize(dtype)}, &need) ||
      static_cast<uint64_t>(need) != content.size()) {
    return errors::InvalidArgument(
        "TensorProto tensor_content has ", content.size(), " bytes but a ",
        DataTypeString(dtype), " tensor of shape ", shape.DebugString(),
        " needs ", n, " x ", DataTypeSize(dtype), " bytes");
  }
  TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));
  if (need > 0) std::memcpy(t.raw_data(), content.data(), need);
  return t;
}

// How many elements the typed field of `p` holds for `dtype`.
int64_t TypedValueCount(const TensorProto& p, DataType dtype) {
  switch (dtype) {
    case DT_FLOAT:
      return p.float_val_size();
    case DT_DOUBLE:
      return p.double_val_size();
    case DT_INT32:
    case DT_INT16:
    case DT_INT8:
    case DT_UINT8:
    case DT_UINT16:
    case DT_QINT8:
    case DT_QUINT8:
    case DT_QINT16:
    case DT_QUINT16:
    case DT_QINT32:
      return p.int_val_size();
    case DT_INT64:
      return p.int64_val_size();
    case DT_UINT32:
      return p.uint32_val_size();
    case DT_UINT64:
      return p.uint64_val_size();
    case DT_BOOL:
      return p.bool_val_size();
    case DT_STRING:
      return p.string_val_size();
    case DT_HALF:
    case DT_BFLOAT16:
      return p.half_val_size();
    case DT_COMPLEX64:
      return p.scomplex_val_size() / 2;
    case DT_COMPLEX128:
      return p.dcomplex_val_size() / 2;
    default:
      return static_cast<int64_t>(p.float8_val().size());  // float8
  }
}

// out[i] = value_at(i) for the values present, then the last value repeats
// (TF's rule for fewer values than elements); surplus values are ignored.
// REQUIRES: count > 0.
template <typename T, typename ValueAt>
void FillRepeatLast(T* out, int64_t n, int64_t count, ValueAt value_at) {
  const int64_t m = std::min(n, count);
  for (int64_t i = 0; i < m; ++i) out[i] = value_at(static_cast<int>(i));
  if (m > 0 && m < n) std::fill(out + m, out + n, out[m - 1]);
}

template <typename T>
T* Out(Tensor* t) {
  return reinterpret_cast<T*>(t->raw_data());
}

// Narrowing reads of int_val, as TF's C++ does (static_cast).
template <typename T>
void FillFromIntVal(const TensorProto& p, int64_t n, int64_t c, Tensor* t) {
  FillRepeatLast(Out<T>(t), n, c,
                 [&](int i) { return static_cast<T>(p.int_val(i)); });
}

// half and bfloat16 travel as raw 16-bit patterns in half_val.
void FillFromHalfVal(const TensorProto& p, int64_t n, int64_t c, Tensor* t) {
  FillRepeatLast(Out<uint16_t>(t), n, c,
                 [&](int i) { return static_cast<uint16_t>(p.half_val(i)); });
}

// Fills `t` from the typed field of `p`. REQUIRES: count > 0.
void DecodeTypedField(const TensorProto& p, int64_t c, Tensor* t) {
  const int64_t n = t->NumElements();
  switch (t->dtype()) {
    case DT_FLOAT:
      return FillRepeatLast(Out<float>(t), n, c,
                            [&](int i) { return p.float_val(i); });
    case DT_DOUBLE:
      return FillRepeatLast(Out<double>(t), n, c,
                            [&](int i) { return p.double_val(i); });
    case DT_INT32:
    case DT_QINT32:
      return FillFromIntVal<int32_t>(p, n, c, t);
    case DT_INT16:
    case DT_QINT16:
      return FillFromIntVal<int16_t>(p, n, c, t);
    case DT_UINT16:
    case DT_QUINT16:
      return FillFromIntVal<uint16_t>(p, n, c, t);
    case DT_INT8:
    case DT_QINT8:
      return FillFromIntVal<int8_t>(p, n, c, t);
    case DT_UINT8:
    case DT_QUINT8:
      return FillFromIntVal<uint8_t>(p, n, c, t);
    case DT_INT64:
      return FillRepeatLast(Out<int64_t>(t), n, c,
                            [&](int i) { return p.int64_val(i); });
    case DT_UINT32:
      return FillRepeatLast(Out<uint32_t>(t), n, c,
                            [&](int i) { return p.uint32_val(i); });
    case DT_UINT64:
      return FillRepeatLast(Out<uint64_t>(t), n, c,
                            [&](int i) { return p.uint64_val(i); });
    case DT_BOOL:
      return FillRepeatLast(Out<bool>(t), n, c,
                            [&](int i) { return p.bool_val(i); });
    case DT_STRING:
      return FillRepeatLast(Out<std::string>(t), n, c,
                            [&](int i) { return p.string_val(i); });
    case DT_HALF:
    case DT_BFLOAT16:
      return FillFromHalfVal(p, n, c, t);
    case DT_COMPLEX64:
      return FillRepeatLast(Out<complex64>(t), n, c, [&](int i) {
        return complex64(p.scomplex_val(2 * i), p.scomplex_val(2 * i + 1));
      });
    case DT_COMPLEX128:
      return FillRepeatLast(Out<complex128>(t), n, c, [&](int i) {
        return complex128(p.dcomplex_val(2 * i), p.dcomplex_val(2 * i + 1));
      });
    default:  // float8: one byte per element in float8_val.
      return FillRepeatLast(Out<char>(t), n, c,
                            [&](int i) { return p.float8_val()[i]; });
  }
}

// Bytes a repeat-filled tensor of n elements would occupy.
uint64_t FillBytes(const TensorProto& p, DataType dtype, int64_t n,
                   int64_t count) {
  uint64_t per = dtype == DT_STRING ? sizeof(std::string) : DataTypeSize(dtype);
  if (dtype == DT_STRING && count > 0) {
    per += p.string_val(static_cast<int>(std::min(n, count) - 1)).size();
  }
  const uint64_t un = static_cast<uint64_t>(n);
  return un > UINT64_MAX / per ? UINT64_MAX : un * per;
}

StatusOr<Tensor> FromTypedField(const TensorProto& p, DataType dtype,
                                const TensorShape& shape) {
  const int64_t n = shape.num_elements();
  const int64_t count = TypedValueCount(p, dtype);
  if (count < n) {
    const uint64_t bytes = FillBytes(p, dtype, n, count);
    if (bytes > static_cast<uint64_t>(kMaxTensorProtoFillBytes)) {
      return errors::ResourceExhausted(
          "TensorProto of type ", DataTypeString(dtype), " and shape ",
          shape.DebugString(), " has ", count, " values for ", n,
          " elements; filling would take ", bytes, " bytes (limit ",
          kMaxTensorProtoFillBytes, ")");
    }
  }
  TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, shape));
  if (n == 0) return t;
  if (count == 0) {
    if (dtype != DT_STRING) std::memset(t.raw_data(), 0, t.TotalBytes());
    return t;
  }
  DecodeTypedField(p, count, &t);
  return t;
}

}  // namespace

StatusOr<TensorShape> TensorShapeFromProto(const TensorShapeProto& proto) {
  if (proto.unknown_rank()) {
    return errors::InvalidArgument(
        "Expected a fully defined shape, got one of unknown rank");
  }
  if (proto.dim_size() > kMaxDims) {
    return errors::InvalidArgument("Shape has ", proto.dim_size(),
                                   " dimensions; at most ", kMaxDims,
                                   " are allowed");
  }
  std::vector<int64_t> dims;
  dims.reserve(proto.dim_size());
  for (const auto& d : proto.dim()) dims.push_back(d.size());
  return TensorShape::Build(dims);  // Rejects unknown (-1) dimensions.
}

StatusOr<PartialTensorShape> PartialTensorShapeFromProto(
    const TensorShapeProto& proto) {
  if (proto.unknown_rank()) {
    if (proto.dim_size() > 0) {
      return errors::InvalidArgument(
          "A shape of unknown rank must not have dimensions; got ",
          proto.dim_size());
    }
    return PartialTensorShape::UnknownRank();
  }
  if (proto.dim_size() > kMaxDims) {
    return errors::InvalidArgument("Shape has ", proto.dim_size(),
                                   " dimensions; at most ", kMaxDims,
                                   " are allowed");
  }
  std::vector<int64_t> dims;
  dims.reserve(proto.dim_size());
  for (const auto& d : proto.dim()) dims.push_back(d.size());
  return PartialTensorShape::Build(dims);
}

void TensorShapeToProto(const PartialTensorShape& shape,
                        TensorShapeProto* proto) {
  proto->Clear();
  if (shape.unknown_rank()) {
    proto->set_unknown_rank(true);
    return;
  }
  for (int64_t d : shape.dim_sizes()) proto->add_dim()->set_size(d);
}

StatusOr<Tensor> TensorFromProto(const TensorProto& proto) {
  const int raw_dtype = proto.dtype();
  if (!IsValidDataType(raw_dtype) || raw_dtype == DT_INVALID ||
      IsRefType(static_cast<DataType>(raw_dtype))) {
    return errors::InvalidArgument("TensorProto has invalid dtype ", raw_dtype);
  }
  const DataType dtype = static_cast<DataType>(raw_dtype);
  if (!DataTypeIsStorable(dtype)) {
    return errors::InvalidArgument("TensorProto of type ",
                                   DataTypeString(dtype), " is not supported");
  }
  TFP_ASSIGN_OR_RETURN(TensorShape shape,
                       TensorShapeFromProto(proto.tensor_shape()));
  if (!proto.tensor_content().empty()) {
    return FromTensorContent(dtype, shape, proto.tensor_content());
  }
  return FromTypedField(proto, dtype, shape);
}

}  // namespace tfpersist
