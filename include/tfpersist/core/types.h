// DataType: TensorFlow's element types, with the numeric values of
// tensorflow/core/framework/types.proto (and TF_DataType), plus a traits
// table (names, sizes) and C++ type mappings.
//
// Thread-safety: everything here is immutable after static initialization.
#ifndef TFPERSIST_CORE_TYPES_H_
#define TFPERSIST_CORE_TYPES_H_

#include <complex>
#include <cstdint>
#include <string>
#include <string_view>

#include "tfpersist/base/statusor.h"

namespace tfpersist {

enum DataType : int {
  DT_INVALID = 0,
  DT_FLOAT = 1,
  DT_DOUBLE = 2,
  DT_INT32 = 3,
  DT_UINT8 = 4,
  DT_INT16 = 5,
  DT_INT8 = 6,
  DT_STRING = 7,
  DT_COMPLEX64 = 8,
  DT_INT64 = 9,
  DT_BOOL = 10,
  DT_QINT8 = 11,
  DT_QUINT8 = 12,
  DT_QINT32 = 13,
  DT_BFLOAT16 = 14,
  DT_QINT16 = 15,
  DT_QUINT16 = 16,
  DT_UINT16 = 17,
  DT_COMPLEX128 = 18,
  DT_HALF = 19,
  DT_RESOURCE = 20,
  DT_VARIANT = 21,
  DT_UINT32 = 22,
  DT_UINT64 = 23,
  DT_FLOAT8_E5M2 = 24,
  DT_FLOAT8_E4M3FN = 25,
  DT_FLOAT8_E4M3FNUZ = 26,
  DT_FLOAT8_E4M3B11FNUZ = 27,
  DT_FLOAT8_E5M2FNUZ = 28,
  DT_INT4 = 29,
  DT_UINT4 = 30,
  DT_INT2 = 31,
  DT_UINT2 = 32,
  DT_FLOAT4_E2M1FN = 33,
  // Reference types: base + 100 (runtime types of ref outputs only).
  DT_FLOAT_REF = 101,
  DT_DOUBLE_REF = 102,
  DT_INT32_REF = 103,
  DT_STRING_REF = 107,
  DT_INT64_REF = 109,
  DT_BOOL_REF = 110,
};

constexpr int kDataTypeRefOffset = 100;
constexpr int kLastBaseDataType = 33;

inline bool IsRefType(DataType dt) { return dt > kDataTypeRefOffset; }
inline DataType BaseType(DataType dt) {
  return IsRefType(dt) ? static_cast<DataType>(dt - kDataTypeRefOffset) : dt;
}
inline DataType MakeRefType(DataType dt) {
  return IsRefType(dt) ? dt : static_cast<DataType>(dt + kDataTypeRefOffset);
}
// True for 0..33 and 101..133.
bool IsValidDataType(int value);

// TF's DataTypeString: "float", "int32", "string", "float_ref", ...
std::string DataTypeString(DataType dt);
// The proto enum name: "DT_FLOAT", "DT_FLOAT_REF".
std::string DataTypeEnumName(DataType dt);
// Parses either form ("float" or "DT_FLOAT"); INVALID_ARGUMENT otherwise.
StatusOr<DataType> DataTypeFromString(std::string_view name);
// Bytes per element for fixed-size types; 0 for string, resource, variant
// and sub-byte types (int4/uint4/int2/uint2, float4).
int DataTypeSize(DataType dt);
// True when elements are plain bytes that can be memcpy'd (not string,
// resource, variant).
bool DataTypeCanMemcpy(DataType dt);
// True when tfpersist's Tensor can hold elements of this type.
bool DataTypeIsStorable(DataType dt);

// 16-bit floats stored as raw bits (bit-compatible with Eigen::half and
// tensorflow::bfloat16). Arithmetic goes through float.
struct half {
  uint16_t bits = 0;
};
struct bfloat16 {
  uint16_t bits = 0;
};
float HalfToFloat(half h);
half FloatToHalf(float f);  // round to nearest even
float BFloat16ToFloat(bfloat16 b);
bfloat16 FloatToBFloat16(float f);  // round to nearest even, as TF

// Quantized types are distinct C++ types with the storage of their base.
struct qint8 { int8_t value; };
struct quint8 { uint8_t value; };
struct qint16 { int16_t value; };
struct quint16 { uint16_t value; };
struct qint32 { int32_t value; };

using complex64 = std::complex<float>;
using complex128 = std::complex<double>;
using tstring = std::string;

// C++ type <-> DataType.
template <typename T> struct DataTypeToEnum;
template <DataType D> struct EnumToDataType;
#define TFP_MATCH_TYPE_AND_ENUM(T, E)                          \
  template <> struct DataTypeToEnum<T> {                       \
    static constexpr DataType value = E;                       \
  };                                                           \
  template <> struct EnumToDataType<E> { using Type = T; }
TFP_MATCH_TYPE_AND_ENUM(float, DT_FLOAT);
TFP_MATCH_TYPE_AND_ENUM(double, DT_DOUBLE);
TFP_MATCH_TYPE_AND_ENUM(int32_t, DT_INT32);
TFP_MATCH_TYPE_AND_ENUM(uint8_t, DT_UINT8);
TFP_MATCH_TYPE_AND_ENUM(int16_t, DT_INT16);
TFP_MATCH_TYPE_AND_ENUM(int8_t, DT_INT8);
TFP_MATCH_TYPE_AND_ENUM(tstring, DT_STRING);
TFP_MATCH_TYPE_AND_ENUM(complex64, DT_COMPLEX64);
TFP_MATCH_TYPE_AND_ENUM(int64_t, DT_INT64);
TFP_MATCH_TYPE_AND_ENUM(bool, DT_BOOL);
TFP_MATCH_TYPE_AND_ENUM(qint8, DT_QINT8);
TFP_MATCH_TYPE_AND_ENUM(quint8, DT_QUINT8);
TFP_MATCH_TYPE_AND_ENUM(qint32, DT_QINT32);
TFP_MATCH_TYPE_AND_ENUM(bfloat16, DT_BFLOAT16);
TFP_MATCH_TYPE_AND_ENUM(qint16, DT_QINT16);
TFP_MATCH_TYPE_AND_ENUM(quint16, DT_QUINT16);
TFP_MATCH_TYPE_AND_ENUM(uint16_t, DT_UINT16);
TFP_MATCH_TYPE_AND_ENUM(complex128, DT_COMPLEX128);
TFP_MATCH_TYPE_AND_ENUM(half, DT_HALF);
TFP_MATCH_TYPE_AND_ENUM(uint32_t, DT_UINT32);
TFP_MATCH_TYPE_AND_ENUM(uint64_t, DT_UINT64);
#undef TFP_MATCH_TYPE_AND_ENUM

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_TYPES_H_
