// DataType traits table and 16-bit float conversions.
#include "tfpersist/core/types.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

namespace tfpersist {
namespace {

// One row per base DataType value 0..kLastBaseDataType, indexed by value.
// `size` is bytes per element (0 = variable-size or sub-byte); `storable`
// says whether Tensor can hold the type; `memcpy` whether elements are
// plain bytes.
struct DataTypeInfo {
  const char* name;       // TF's DataTypeString
  const char* enum_name;  // types.proto name
  int size;
  bool storable;
  bool memcpy;
};

// A table, so it is longer than a function should be.
constexpr std::array<DataTypeInfo, kLastBaseDataType + 1> kInfo = {{
    {"INVALID", "DT_INVALID", 0, false, false},
    {"float", "DT_FLOAT", 4, true, true},
    {"double", "DT_DOUBLE", 8, true, true},
    {"int32", "DT_INT32", 4, true, true},
    {"uint8", "DT_UINT8", 1, true, true},
    {"int16", "DT_INT16", 2, true, true},
    {"int8", "DT_INT8", 1, true, true},
    {"string", "DT_STRING", 0, true, false},
    {"complex64", "DT_COMPLEX64", 8, true, true},
    {"int64", "DT_INT64", 8, true, true},
    {"bool", "DT_BOOL", 1, true, true},
    {"qint8", "DT_QINT8", 1, true, true},
    {"quint8", "DT_QUINT8", 1, true, true},
    {"qint32", "DT_QINT32", 4, true, true},
    {"bfloat16", "DT_BFLOAT16", 2, true, true},
    {"qint16", "DT_QINT16", 2, true, true},
    {"quint16", "DT_QUINT16", 2, true, true},
    {"uint16", "DT_UINT16", 2, true, true},
    {"complex128", "DT_COMPLEX128", 16, true, true},
    {"half", "DT_HALF", 2, true, true},
    {"resource", "DT_RESOURCE", 0, false, false},
    {"variant", "DT_VARIANT", 0, false, false},
    {"uint32", "DT_UINT32", 4, true, true},
    {"uint64", "DT_UINT64", 8, true, true},
    {"float8_e5m2", "DT_FLOAT8_E5M2", 1, true, true},
    {"float8_e4m3fn", "DT_FLOAT8_E4M3FN", 1, true, true},
    {"float8_e4m3fnuz", "DT_FLOAT8_E4M3FNUZ", 1, true, true},
    {"float8_e4m3b11fnuz", "DT_FLOAT8_E4M3B11FNUZ", 1, true, true},
    {"float8_e5m2fnuz", "DT_FLOAT8_E5M2FNUZ", 1, true, true},
    {"int4", "DT_INT4", 0, false, false},
    {"uint4", "DT_UINT4", 0, false, false},
    {"int2", "DT_INT2", 0, false, false},
    {"uint2", "DT_UINT2", 0, false, false},
    {"float4_e2m1fn", "DT_FLOAT4_E2M1FN", 0, false, false},
}};

// The row of a base or ref type; nullptr for values outside the enum.
const DataTypeInfo* Info(DataType dt) {
  if (!IsValidDataType(dt)) return nullptr;
  return &kInfo[BaseType(dt)];
}

constexpr std::string_view kRefSuffix = "_ref";

// Aliases TF's DataTypeFromString also accepts.
bool FromAlias(std::string_view name, DataType* dt) {
  if (name == "float32")
    *dt = DT_FLOAT;
  else if (name == "float64")
    *dt = DT_DOUBLE;
  else if (name == "float16")
    *dt = DT_HALF;
  else
    return false;
  return true;
}

}  // namespace

bool IsValidDataType(int value) {
  return (value >= 0 && value <= kLastBaseDataType) ||
         (value > kDataTypeRefOffset &&
          value <= kDataTypeRefOffset + kLastBaseDataType);
}

std::string DataTypeString(DataType dt) {
  const DataTypeInfo* info = Info(dt);
  if (info == nullptr) {
    return StrCat("unknown dtype enum (", static_cast<int>(dt), ")");
  }
  std::string name = info->name;
  if (IsRefType(dt)) name += kRefSuffix;
  return name;
}

std::string DataTypeEnumName(DataType dt) {
  const DataTypeInfo* info = Info(dt);
  if (info == nullptr) return StrCat("DT_UNKNOWN_", static_cast<int>(dt));
  std::string name = info->enum_name;
  if (IsRefType(dt)) name += "_REF";
  return name;
}

StatusOr<DataType> DataTypeFromString(std::string_view name) {
  std::string_view base = name;
  bool ref = false;
  if (base.ends_with(kRefSuffix)) {
    base.remove_suffix(kRefSuffix.size());
    ref = true;
  } else if (base.ends_with("_REF")) {
    base.remove_suffix(4);
    ref = true;
  }
  DataType dt = DT_INVALID;
  bool found = FromAlias(base, &dt);
  for (int v = 1; !found && v <= kLastBaseDataType; ++v) {
    if (base == kInfo[v].name || base == kInfo[v].enum_name) {
      dt = static_cast<DataType>(v);
      found = true;
    }
  }
  if (!found) {
    return errors::InvalidArgument("Unknown data type name '", name,
                                   "': expected a name such as 'float' or "
                                   "'DT_FLOAT'");
  }
  return ref ? MakeRefType(dt) : dt;
}

int DataTypeSize(DataType dt) {
  const DataTypeInfo* info = Info(dt);
  return info == nullptr ? 0 : info->size;
}

bool DataTypeCanMemcpy(DataType dt) {
  const DataTypeInfo* info = Info(dt);
  return info != nullptr && info->memcpy;
}

bool DataTypeIsStorable(DataType dt) {
  // Tensors hold base types only; a ref type describes an edge, not storage.
  return !IsRefType(dt) && Info(dt) != nullptr && Info(dt)->storable;
}

// IEEE binary16: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
float HalfToFloat(half h) {
  const uint32_t sign = static_cast<uint32_t>(h.bits & 0x8000u) << 16;
  const uint32_t exp = (h.bits >> 10) & 0x1fu;
  uint32_t mant = h.bits & 0x3ffu;
  uint32_t bits;
  if (exp == 0x1f) {  // Inf or NaN; keep the payload.
    bits = sign | 0x7f800000u | (mant << 13);
  } else if (exp != 0) {  // Normal.
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  } else if (mant == 0) {  // Signed zero.
    bits = sign;
  } else {  // Subnormal half -> normal float.
    int e = 127 - 15 + 1;
    while ((mant & 0x400u) == 0) {
      mant <<= 1;
      --e;
    }
    bits = sign | (static_cast<uint32_t>(e) << 23) | ((mant & 0x3ffu) << 13);
  }
  return std::bit_cast<float>(bits);
}

half FloatToHalf(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t abs = bits & 0x7fffffffu;
  half h;
  if (abs >= 0x7f800000u) {  // Inf stays Inf; NaN becomes a quiet NaN.
    h.bits = sign | (abs > 0x7f800000u ? 0x7e00u : 0x7c00u);
    return h;
  }
  if (abs >= 0x477ff000u) {  // Rounds to >= 65520: overflow to Inf.
    h.bits = sign | 0x7c00u;
    return h;
  }
  if (abs < 0x38800000u) {  // Below the smallest normal half (2^-14).
    // Scale into units of 2^-24 and round to nearest even via float math:
    // adding 0.5 (2^-1) aligns the ulp at 2^-24 exactly.
    const float scaled = std::bit_cast<float>(abs) + 0.5f;
    h.bits = sign | static_cast<uint16_t>(std::bit_cast<uint32_t>(scaled) -
                                          std::bit_cast<uint32_t>(0.5f));
    return h;
  }
  // Normal: rebias the exponent and round the 13 dropped bits to even.
  const uint32_t odd = (abs >> 13) & 1u;
  const uint32_t rounded = abs + 0xfffu + odd;
  h.bits = sign | static_cast<uint16_t>((rounded - 0x38000000u) >> 13);
  return h;
}

float BFloat16ToFloat(bfloat16 b) {
  return std::bit_cast<float>(static_cast<uint32_t>(b.bits) << 16);
}

bfloat16 FloatToBFloat16(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  bfloat16 b;
  if (std::isnan(f)) {  // TF: a quiet NaN with the sign kept.
    b.bits = static_cast<uint16_t>(((bits >> 16) & 0x8000u) | 0x7fc0u);
    return b;
  }
  const uint32_t odd = (bits >> 16) & 1u;
  b.bits = static_cast<uint16_t>((bits + 0x7fffu + odd) >> 16);
  return b;
}

}  // namespace tfpersist
