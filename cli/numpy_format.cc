// NumPy array str(); layout rules documented in cli/numpy_format.h.
#include "cli/numpy_format.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include "cli/numpy_float_format.h"

namespace tfpersist::cli::numpy {
namespace {

using ElementFn = std::function<std::string(int64_t)>;

bool FloatKindOf(DataType dtype, FloatKind* kind) {
  switch (dtype) {
    case DT_FLOAT:
      *kind = FloatKind::kFloat32;
      return true;
    case DT_DOUBLE:
      *kind = FloatKind::kFloat64;
      return true;
    case DT_HALF:
      *kind = FloatKind::kHalf;
      return true;
    case DT_BFLOAT16:
      *kind = FloatKind::kBFloat16;
      return true;
    default:
      return false;
  }
}

double FloatAt(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DT_FLOAT:
      return t.data<float>()[i];
    case DT_DOUBLE:
      return t.data<double>()[i];
    case DT_HALF:
      return HalfToFloat(t.data<half>()[i]);
    default:
      return BFloat16ToFloat(t.data<bfloat16>()[i]);
  }
}

// Real and imaginary part of element i of a complex tensor.
std::pair<double, double> ComplexAt(const Tensor& t, int64_t i) {
  if (t.dtype() == DT_COMPLEX64) {
    const complex64 c = t.data<complex64>()[i];
    return {c.real(), c.imag()};
  }
  const complex128 c = t.data<complex128>()[i];
  return {c.real(), c.imag()};
}

bool IsQuantized(DataType dtype) {
  return dtype == DT_QINT8 || dtype == DT_QUINT8 || dtype == DT_QINT16 ||
         dtype == DT_QUINT16 || dtype == DT_QINT32;
}

// Decimal text of element i of an integer (or quantized) tensor.
std::string IntAt(const Tensor& t, int64_t i) {
  const char* p = t.raw_data() + i * DataTypeSize(t.dtype());
  auto load = [p](auto v) {
    std::memcpy(&v, p, sizeof(v));
    return std::to_string(v);
  };
  switch (t.dtype()) {
    case DT_INT8:
    case DT_QINT8:
      return load(int8_t{});
    case DT_UINT8:
    case DT_QUINT8:
      return load(uint8_t{});
    case DT_INT16:
    case DT_QINT16:
      return load(int16_t{});
    case DT_UINT16:
    case DT_QUINT16:
      return load(uint16_t{});
    case DT_INT32:
    case DT_QINT32:
      return load(int32_t{});
    case DT_UINT32:
      return load(uint32_t{});
    case DT_UINT64:
      return load(uint64_t{});
    default:
      return load(int64_t{});
  }
}

std::string ComplexScalarStr(double re, double im, FloatKind kind) {
  const std::string i = FloatScalarStrNoDotZero(im, kind);
  if (re == 0 && !std::signbit(re)) return i + "j";
  const bool plus = std::isnan(im) || !std::signbit(im);
  return "(" + FloatScalarStrNoDotZero(re, kind) + (plus ? "+" : "") + i + "j)";
}

std::string ScalarStr(const Tensor& t) {
  FloatKind kind;
  if (FloatKindOf(t.dtype(), &kind)) return FloatScalarStr(FloatAt(t, 0), kind);
  switch (t.dtype()) {
    case DT_BOOL:
      return t.data<bool>()[0] ? "True" : "False";
    case DT_STRING:
      return PythonBytesRepr(t.data<tstring>()[0]);
    case DT_COMPLEX64:
    case DT_COMPLEX128: {
      auto [re, im] = ComplexAt(t, 0);
      return ComplexScalarStr(re, im,
                              t.dtype() == DT_COMPLEX64 ? FloatKind::kFloat32
                                                        : FloatKind::kFloat64);
    }
    default:
      return IsQuantized(t.dtype()) ? "(" + IntAt(t, 0) + ",)" : IntAt(t, 0);
  }
}

ElementFn ComplexElements(const Tensor& t, const std::vector<int64_t>& data,
                          int precision) {
  const FloatKind kind =
      t.dtype() == DT_COMPLEX64 ? FloatKind::kFloat32 : FloatKind::kFloat64;
  std::vector<double> re, im;
  for (int64_t i : data) {
    re.push_back(ComplexAt(t, i).first);
    im.push_back(ComplexAt(t, i).second);
  }
  auto fr = std::make_shared<FloatFormatter>(re, kind, false, precision);
  auto fi = std::make_shared<FloatFormatter>(im, kind, true, precision);
  return [&t, fr, fi](int64_t i) {
    auto [r, m] = ComplexAt(t, i);
    std::string imag = (*fi)(m);
    const size_t end = imag.find_last_not_of(' ') + 1;
    return (*fr)(r) + imag.substr(0, end) + "j" + imag.substr(end);
  };
}

ElementFn IntegerElements(const Tensor& t, const std::vector<int64_t>& data) {
  size_t width = 0;
  for (int64_t i : data) width = std::max(width, IntAt(t, i).size());
  const bool record = IsQuantized(t.dtype());
  return [&t, width, record](int64_t i) {
    std::string s = IntAt(t, i);
    s.insert(0, width - s.size(), ' ');
    return record ? "(" + s + ",)" : s;
  };
}

// The formatter of one element, set up from the printed elements `data`.
ElementFn MakeElementFn(const Tensor& t, const std::vector<int64_t>& data,
                        int precision) {
  FloatKind kind;
  if (FloatKindOf(t.dtype(), &kind)) {
    std::vector<double> values;
    for (int64_t i : data) values.push_back(FloatAt(t, i));
    auto f = std::make_shared<FloatFormatter>(values, kind, false, precision);
    return [&t, f](int64_t i) { return (*f)(FloatAt(t, i)); };
  }
  switch (t.dtype()) {
    case DT_BOOL:
      return [&t](int64_t i) -> std::string {
        return t.data<bool>()[i] ? " True" : "False";
      };
    case DT_STRING:
      return [&t](int64_t i) { return PythonBytesRepr(t.data<tstring>()[i]); };
    case DT_COMPLEX64:
    case DT_COMPLEX128:
      return ComplexElements(t, data, precision);
    default:
      return IntegerElements(t, data);
  }
}

// The flat indices of the elements that are printed: all, or the first and
// last `edge` items along every axis longer than 2 * edge.
std::vector<int64_t> PrintedIndices(const TensorShape& shape, bool summary,
                                    int edge) {
  std::vector<int64_t> out = {0};
  for (int d = 0; d < shape.dims(); ++d) {
    const int64_t n = shape.dim_size(d);
    std::vector<int64_t> items;
    for (int64_t i = 0; i < n; ++i) {
      if (!summary || n <= 2 * edge || i < edge || i >= n - edge) {
        items.push_back(i);
      }
    }
    std::vector<int64_t> next;
    for (int64_t base : out) {
      for (int64_t i : items) next.push_back(base * n + i);
    }
    out.swap(next);
  }
  return out;
}

// numpy's _formatArray for separator ' ' and prefix "".
class ArrayLayout {
 public:
  ArrayLayout(const Tensor& t, ElementFn element, bool summary, int edge)
      : shape_(t.shape()),
        element_(std::move(element)),
        summary_(summary),
        edge_(edge),
        stride_(shape_.dims(), 1) {
    for (int d = shape_.dims() - 2; d >= 0; --d) {
      stride_[d] = stride_[d + 1] * shape_.dim_size(d + 1);
    }
  }

  std::string Format(int axis, int64_t offset, const std::string& indent,
                     int width) const {
    if (axis == shape_.dims()) return element_(offset);
    const std::string next_indent = indent + " ";
    const int64_t n = shape_.dim_size(axis);
    const bool show_summary = summary_ && 2 * edge_ < n;
    const int64_t leading = show_summary ? edge_ : 0;
    const int64_t trailing = show_summary ? edge_ : n;
    // Item indices in print order; -1 marks the "..." summary.
    std::vector<int64_t> items;
    for (int64_t i = 0; i < leading; ++i) items.push_back(i);
    if (show_summary) items.push_back(-1);
    for (int64_t i = trailing; i >= 1; --i) items.push_back(n - i);
    auto item = [&](int64_t i) {
      return i < 0 ? std::string("...")
                   : Format(axis + 1, offset + i * stride_[axis], next_indent,
                            width - 1);
    };
    std::string s;
    if (axis == shape_.dims() - 1) {
      std::string line = indent;
      for (size_t k = 0; k < items.size(); ++k) {
        ExtendLine(&s, &line, item(items[k]), width - 1, indent);
        if (k + 1 < items.size()) line += " ";
      }
      s += line;
    } else {
      const std::string sep(shape_.dims() - axis - 1, '\n');
      for (size_t k = 0; k < items.size(); ++k) {
        s += indent + item(items[k]) + (k + 1 < items.size() ? sep : "");
      }
    }
    return "[" + s.substr(indent.size()) + "]";
  }

 private:
  // numpy's _extendLine: wrap before `word` if the line would get too long
  // (unless the line holds only the indent).
  static void ExtendLine(std::string* s, std::string* line,
                         const std::string& word, int width,
                         const std::string& indent) {
    if (line->size() + word.size() > static_cast<size_t>(width) &&
        line->size() > indent.size()) {
      *s += line->substr(0, line->find_last_not_of(' ') + 1) + "\n";
      *line = indent;
    }
    *line += word;
  }

  const TensorShape& shape_;
  ElementFn element_;
  bool summary_;
  int edge_;
  std::vector<int64_t> stride_;
};

}  // namespace

std::string PythonBytesRepr(std::string_view bytes) {
  const bool has_single = bytes.find('\'') != std::string_view::npos;
  const bool has_double = bytes.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out.push_back(quote);
  for (unsigned char c : bytes) {
    if (c == quote || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof(hex), "\\x%02x", c);
      out += hex;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  return out;
}

std::string ArrayStr(const Tensor& t, const PrintOptions& options) {
  if (t.dims() == 0) return ScalarStr(t);
  if (t.NumElements() == 0) return "[]";
  const bool summary = t.NumElements() > options.threshold;
  const std::vector<int64_t> data =
      PrintedIndices(t.shape(), summary, options.edgeitems);
  ArrayLayout layout(t, MakeElementFn(t, data, options.precision), summary,
                     options.edgeitems);
  return layout.Format(0, 0, " ", options.linewidth);
}

}  // namespace tfpersist::cli::numpy
