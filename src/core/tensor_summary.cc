// Tensor::DebugString / SummarizeValue in TensorFlow's exact text format,
// and Tensor::ElementAsDouble.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "tfpersist/core/tensor.h"

namespace tfpersist {
namespace {

template <typename T>
T Load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// An 8-bit float with `mant_bits` mantissa bits and exponent `bias`.
// `fnuz`: 0x80 is the only NaN and there is no negative zero or infinity.
// Otherwise (e4m3fn) all-ones exponent and mantissa is NaN, with no infinity.
float DecodeMiniFloat(uint8_t b, int mant_bits, int bias, bool fnuz) {
  const int exp_bits = 7 - mant_bits;
  const int mant_mask = (1 << mant_bits) - 1;
  if (fnuz && b == 0x80) return NAN;
  if (!fnuz && (b & 0x7f) == 0x7f) return (b & 0x80) ? -NAN : NAN;
  const int e = (b >> mant_bits) & ((1 << exp_bits) - 1);
  const int mant = b & mant_mask;
  const float v =
      e == 0 ? std::ldexp(static_cast<float>(mant), 1 - bias - mant_bits)
             : std::ldexp(static_cast<float>(mant + mant_mask + 1),
                          e - bias - mant_bits);
  return (b & 0x80) ? -v : v;
}

// REQUIRES: dt is one of the five float8 types.
float Float8ToFloat(DataType dt, uint8_t b) {
  switch (dt) {
    case DT_FLOAT8_E5M2:  // The top byte of an IEEE half.
      return HalfToFloat(half{static_cast<uint16_t>(b << 8)});
    case DT_FLOAT8_E4M3FN:
      return DecodeMiniFloat(b, 3, 7, false);
    case DT_FLOAT8_E4M3FNUZ:
      return DecodeMiniFloat(b, 3, 8, true);
    case DT_FLOAT8_E4M3B11FNUZ:
      return DecodeMiniFloat(b, 3, 11, true);
    default:  // DT_FLOAT8_E5M2FNUZ
      return DecodeMiniFloat(b, 2, 16, true);
  }
}

// TF's FloatToBuffer: shortest of %.6g / %.9g that round-trips.
std::string FormatFloat(float v) {
  if (std::isnan(v)) return std::signbit(v) ? "-nan" : "nan";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.*g", FLT_DIG, v);
  if (std::strtof(buf, nullptr) != v) {
    std::snprintf(buf, sizeof(buf), "%.*g", FLT_DIG + 3, v);
  }
  return buf;
}

// TF's DoubleToBuffer: %.15g, or %.17g when that does not round-trip.
std::string FormatDouble(double v) {
  if (std::isnan(v)) return std::signbit(v) ? "-nan" : "nan";
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.*g", DBL_DIG, v);
  if (std::strtod(buf, nullptr) != v) {
    std::snprintf(buf, sizeof(buf), "%.*g", DBL_DIG + 2, v);
  }
  return buf;
}

// absl::Utf8SafeCEscape: C escapes for control bytes, quotes and
// backslashes; bytes >= 0x80 are kept as they are.
std::string Utf8SafeCEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\"':
        out += "\\\"";
        break;
      case '\'':
        out += "\\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (c < 0x80 && (c < 0x20 || c == 0x7f)) {
          char oct[8];
          std::snprintf(oct, sizeof(oct), "\\%03o", c);
          out += oct;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

// True for dtypes TF prints element by element (others print "?").
bool HasElementFormat(DataType dt) {
  switch (dt) {
    case DT_COMPLEX64:
    case DT_COMPLEX128:
    case DT_QINT32:
    case DT_FLOAT8_E4M3FNUZ:
    case DT_FLOAT8_E5M2FNUZ:
      return false;
    default:
      return true;
  }
}

// Element i of `t` as TF's SummarizeValue prints it.
// REQUIRES: HasElementFormat(t.dtype()).
std::string FormatElement(const Tensor& t, int64_t i) {
  const char* p = t.raw_data() + i * DataTypeSize(t.dtype());
  switch (t.dtype()) {
    case DT_FLOAT:
      return FormatFloat(Load<float>(p));
    case DT_DOUBLE:
      return FormatDouble(Load<double>(p));
    case DT_HALF:
      return FormatFloat(HalfToFloat(Load<half>(p)));
    case DT_BFLOAT16:
      return FormatFloat(BFloat16ToFloat(Load<bfloat16>(p)));
    case DT_FLOAT8_E5M2:
    case DT_FLOAT8_E4M3FN:
    case DT_FLOAT8_E4M3B11FNUZ:
      return FormatFloat(Float8ToFloat(t.dtype(), Load<uint8_t>(p)));
    case DT_STRING:
      return Utf8SafeCEscape(t.data<std::string>()[i]);
    case DT_BOOL:
      return Load<uint8_t>(p) ? "1" : "0";
    case DT_UINT64:
      return std::to_string(Load<uint64_t>(p));
    case DT_INT64:
      return std::to_string(Load<int64_t>(p));
    default:
      return std::to_string(static_cast<int64_t>(t.ElementAsDouble(i)));
  }
}

// TF's PrintOneDim: nested brackets per row, stopping after `limit`
// elements ("..." closes the row where printing stopped).
void PrintDim(const Tensor& t, int d, int64_t limit, int64_t* index,
              std::string* out) {
  if (*index >= limit) return;
  const int64_t count = t.dim_size(d);
  if (d == t.dims() - 1) {
    for (int64_t i = 0; i < count; ++i) {
      if (*index >= limit) {
        if (d != 0) *out += "...";
        return;
      }
      if (i > 0) *out += " ";
      *out += FormatElement(t, (*index)++);
    }
    return;
  }
  for (int64_t i = 0; i < count && *index < limit; ++i) {
    *out += "[";
    PrintDim(t, d + 1, limit, index, out);
    *out += "]";
  }
}

}  // namespace

std::string Tensor::SummarizeValue(int64_t max_entries) const {
  const int64_t n = NumElements();
  if (max_entries < 0) max_entries = n;
  const int64_t limit = std::min(max_entries, n);
  if (limit > 0 && buf_ == nullptr) {
    return StrCat("uninitialized Tensor of ", n, " elements of type ",
                  static_cast<int>(dtype_));
  }
  std::string out;
  if (!HasElementFormat(dtype_)) {  // TF's "irregular" types: flat "?".
    for (int64_t i = 0; i < limit; ++i) out += i > 0 ? " ?" : "?";
    if (max_entries < n) out += "...";
    return out;
  }
  if (dims() == 0) {
    for (int64_t i = 0; i < limit; ++i) {
      if (i > 0) out += " ";
      out += FormatElement(*this, i);
    }
  } else {
    int64_t index = 0;
    PrintDim(*this, 0, limit, &index, &out);
  }
  if (n > limit) out += "...";
  return out;
}

std::string Tensor::DebugString(int64_t max_entries) const {
  return StrCat("Tensor<type: ", DataTypeString(dtype_),
                " shape: ", shape_.DebugString(),
                " values: ", SummarizeValue(max_entries), ">");
}

double Tensor::ElementAsDouble(int64_t i) const {
  TFP_CHECK(buf_ != nullptr && i >= 0 && i < NumElements())
      << "ElementAsDouble(" << i << ") of " << shape_.DebugString();
  const char* p = raw_data() + i * DataTypeSize(dtype_);
  switch (dtype_) {
    case DT_FLOAT:
      return Load<float>(p);
    case DT_DOUBLE:
      return Load<double>(p);
    case DT_HALF:
      return HalfToFloat(Load<half>(p));
    case DT_BFLOAT16:
      return BFloat16ToFloat(Load<bfloat16>(p));
    case DT_INT8:
    case DT_QINT8:
      return Load<int8_t>(p);
    case DT_UINT8:
    case DT_QUINT8:
      return Load<uint8_t>(p);
    case DT_INT16:
    case DT_QINT16:
      return Load<int16_t>(p);
    case DT_UINT16:
    case DT_QUINT16:
      return Load<uint16_t>(p);
    case DT_INT32:
    case DT_QINT32:
      return Load<int32_t>(p);
    case DT_UINT32:
      return Load<uint32_t>(p);
    case DT_INT64:
      return static_cast<double>(Load<int64_t>(p));
    case DT_UINT64:
      return static_cast<double>(Load<uint64_t>(p));
    case DT_BOOL:
      return Load<uint8_t>(p) ? 1.0 : 0.0;
    case DT_FLOAT8_E5M2:
    case DT_FLOAT8_E4M3FN:
    case DT_FLOAT8_E4M3FNUZ:
    case DT_FLOAT8_E4M3B11FNUZ:
    case DT_FLOAT8_E5M2FNUZ:
      return Float8ToFloat(dtype_, Load<uint8_t>(p));
    default:
      TFP_CHECK(false) << "ElementAsDouble of a " << DataTypeString(dtype_)
                       << " tensor";
      return 0;
  }
}

}  // namespace tfpersist
