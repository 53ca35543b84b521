// Tensor -> TensorProto, as C++ AsProtoTensorContent and as Python's
// make_tensor_proto write it (spec meta-graph.md "TensorProto").
#include <cstring>

#include "core/tensor_proto.h"

namespace tfpersist {
namespace {

using tensorflow::TensorProto;

// The dtypes Python's make_tensor_proto writes as tensor_content when the
// tensor has more than one element (_TENSOR_CONTENT_TYPES).
bool PythonUsesTensorContent(DataType dt) {
  switch (dt) {
    case DT_HALF:
    case DT_FLOAT:
    case DT_DOUBLE:
    case DT_INT8:
    case DT_INT16:
    case DT_INT32:
    case DT_INT64:
    case DT_UINT8:
    case DT_UINT32:
    case DT_UINT64:
    case DT_QINT8:
    case DT_QINT16:
    case DT_QINT32:
    case DT_QUINT8:
    case DT_QUINT16:
    case DT_BFLOAT16:
    case DT_FLOAT8_E5M2:
    case DT_FLOAT8_E4M3FN:
    case DT_FLOAT8_E4M3FNUZ:
    case DT_FLOAT8_E4M3B11FNUZ:
    case DT_FLOAT8_E5M2FNUZ:
      return true;
    default:
      return false;
  }
}

template <typename T>
T Load(const Tensor& t, int64_t i) {
  T v;
  std::memcpy(&v, t.raw_data() + i * sizeof(T), sizeof(T));
  return v;
}

// Appends every element of `t` (of C++ storage type T) to `field`,
// converted by `conv`.
template <typename T, typename Field, typename Conv>
void AppendAll(const Tensor& t, Field* field, Conv conv) {
  const int64_t n = t.NumElements();
  field->Reserve(static_cast<int>(n));
  for (int64_t i = 0; i < n; ++i) field->Add(conv(Load<T>(t, i)));
}

template <typename T, typename Field>
void AppendAll(const Tensor& t, Field* field) {
  AppendAll<T>(t, field, [](T v) { return v; });
}

template <typename T>
void AppendIntVal(const Tensor& t, TensorProto* p) {
  AppendAll<T>(t, p->mutable_int_val(),
               [](T v) { return static_cast<int32_t>(v); });
}

template <typename T, typename Field>
void AppendComplex(const Tensor& t, Field* field) {
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    const T v = Load<T>(t, i);
    field->Add(v.real());
    field->Add(v.imag());
  }
}

// Writes every element to the dtype's typed field.
void WriteTypedField(const Tensor& t, TensorProto* p) {
  switch (t.dtype()) {
    case DT_FLOAT:
      return AppendAll<float>(t, p->mutable_float_val());
    case DT_DOUBLE:
      return AppendAll<double>(t, p->mutable_double_val());
    case DT_INT32:
    case DT_QINT32:
      return AppendIntVal<int32_t>(t, p);
    case DT_INT16:
    case DT_QINT16:
      return AppendIntVal<int16_t>(t, p);
    case DT_UINT16:
    case DT_QUINT16:
      return AppendIntVal<uint16_t>(t, p);
    case DT_INT8:
    case DT_QINT8:
      return AppendIntVal<int8_t>(t, p);
    case DT_UINT8:
    case DT_QUINT8:
      return AppendIntVal<uint8_t>(t, p);
    case DT_INT64:
      return AppendAll<int64_t>(t, p->mutable_int64_val());
    case DT_UINT32:
      return AppendAll<uint32_t>(t, p->mutable_uint32_val());
    case DT_UINT64:
      return AppendAll<uint64_t>(t, p->mutable_uint64_val());
    case DT_BOOL:
      return AppendAll<uint8_t>(t, p->mutable_bool_val(),
                                [](uint8_t v) { return v != 0; });
    case DT_HALF:
    case DT_BFLOAT16:
      return AppendAll<uint16_t>(t, p->mutable_half_val(),
                                 [](uint16_t v) { return int32_t{v}; });
    case DT_COMPLEX64:
      return AppendComplex<complex64>(t, p->mutable_scomplex_val());
    case DT_COMPLEX128:
      return AppendComplex<complex128>(t, p->mutable_dcomplex_val());
    case DT_STRING:
      for (const std::string& s : t.flat<std::string>()) p->add_string_val(s);
      return;
    default:  // float8: one byte per element.
      p->set_float8_val(std::string(t.tensor_data()));
      return;
  }
}

void StartProto(const Tensor& t, TensorProto* p) {
  p->Clear();
  p->set_dtype(static_cast<tensorflow::DataType>(t.dtype()));
  TensorShapeToProto(t.shape(), p->mutable_tensor_shape());
}

}  // namespace

void TensorToProtoContent(const Tensor& tensor, TensorProto* proto) {
  StartProto(tensor, proto);
  if (tensor.NumElements() == 0 || !tensor.IsInitialized()) return;
  if (tensor.dtype() == DT_STRING) {
    WriteTypedField(tensor, proto);
  } else {
    proto->set_tensor_content(std::string(tensor.tensor_data()));
  }
}

void TensorToProtoLikePython(const Tensor& tensor, TensorProto* proto) {
  StartProto(tensor, proto);
  if (tensor.NumElements() == 0 || !tensor.IsInitialized()) return;
  if (tensor.NumElements() > 1 && PythonUsesTensorContent(tensor.dtype())) {
    proto->set_tensor_content(std::string(tensor.tensor_data()));
  } else {
    WriteTypedField(tensor, proto);
  }
}

}  // namespace tfpersist
