// NumPy float formatting; rules documented in cli/numpy_float_format.h.
#include "cli/numpy_float_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "tfpersist/core/types.h"

namespace tfpersist::cli::numpy {
namespace {

// Parses "-d.ddde+XX" as written by std::to_chars and printf("%e").
Decimal ParseScientific(std::string_view s) {
  Decimal d;
  if (!s.empty() && s.front() == '-') {
    d.negative = true;
    s.remove_prefix(1);
  }
  const size_t e = s.find('e');
  for (char c : s.substr(0, e)) {
    if (c != '.') d.digits.push_back(c);
  }
  std::string_view exp = s.substr(e + 1);
  if (!exp.empty() && exp.front() == '+') exp.remove_prefix(1);
  std::from_chars(exp.data(), exp.data() + exp.size(), d.exponent);
  if (d.digits == "0") d.exponent = 0;
  return d;
}

double RoundToKind(double v, FloatKind kind) {
  switch (kind) {
    case FloatKind::kFloat64:
      return v;
    case FloatKind::kFloat32:
      return static_cast<float>(v);
    case FloatKind::kHalf:
      return HalfToFloat(FloatToHalf(static_cast<float>(v)));
    case FloatKind::kBFloat16:
      return BFloat16ToFloat(FloatToBFloat16(static_cast<float>(v)));
  }
  return v;
}

// printf with one precision argument, e.g. Printf("%.*e", 3, 1.5).
std::string Printf(const char* format, int precision, double v) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof(buf), format, precision, v);
  return std::string(buf, std::min<size_t>(n, sizeof(buf) - 1));
}

void TrimTrailingZeros(std::string* digits, size_t keep) {
  while (digits->size() > keep && digits->back() == '0') digits->pop_back();
}

// The pieces of a positional number: sign, integer digits, fraction.
struct PositionalParts {
  std::string sign, integer, fraction;
};

std::string SignOf(bool negative, bool sign_plus) {
  return negative ? "-" : (sign_plus ? "+" : "");
}

// Shortest digits, cut to `precision` fraction digits (correctly rounded).
PositionalParts PositionalPieces(double v, FloatKind kind, int precision,
                                 bool sign_plus, bool exact_integer = true) {
  const Decimal d = ShortestDecimal(v, kind);
  PositionalParts p{SignOf(d.negative, sign_plus), "", ""};
  const int frac_len =
      std::max(0, static_cast<int>(d.digits.size()) - 1 - d.exponent);
  if (frac_len > precision) {
    const std::string fixed = Printf("%.*f", precision, std::fabs(v));
    const size_t dot = fixed.find('.');
    p.integer = fixed.substr(0, dot);
    p.fraction = dot == std::string::npos ? "" : fixed.substr(dot + 1);
    TrimTrailingZeros(&p.fraction, 0);
  } else if (d.exponent < 0) {
    p.integer = "0";
    p.fraction = std::string(-d.exponent - 1, '0') + d.digits;
  } else if (d.digits.size() <= static_cast<size_t>(d.exponent) + 1) {
    // No fraction: array elements show every integer digit exactly
    // (69605056.), scalars the shortest digits and zeros (69605060.0).
    p.integer =
        d.digits == "0" || !exact_integer
            ? d.digits + std::string(d.exponent + 1 - d.digits.size(), '0')
            : Printf("%.*f", 0, std::fabs(v));
  } else {
    p.integer = d.digits.substr(0, d.exponent + 1);
    p.fraction = d.digits.substr(d.exponent + 1);
  }
  return p;
}

// Shortest digits with at most 1 + precision significant digits.
Decimal ScientificDigits(double v, FloatKind kind, int precision) {
  Decimal d = ShortestDecimal(v, kind);
  if (static_cast<int>(d.digits.size()) - 1 > precision) {
    const bool negative = d.negative;
    d = ParseScientific(Printf("%.*e", precision, std::fabs(v)));
    d.negative = negative;
    TrimTrailingZeros(&d.digits, 1);
  }
  return d;
}

std::string ExponentString(int exponent, int min_digits) {
  std::string digits = std::to_string(std::abs(exponent));
  if (static_cast<int>(digits.size()) < min_digits) {
    digits.insert(0, min_digits - digits.size(), '0');
  }
  return (exponent < 0 ? "-" : "+") + digits;
}

std::string NonFinite(double v, bool sign_plus) {
  if (std::isnan(v)) return sign_plus ? "+nan" : "nan";
  return (v < 0 ? "-" : (sign_plus ? "+" : "")) + std::string("inf");
}

std::string ScalarStr(double v, FloatKind kind, bool dot_zero) {
  if (!std::isfinite(v)) return NonFinite(v, false);
  const double a = std::fabs(v);
  if (a == 0 || (a >= 1e-4 && a < 1e16)) {
    PositionalParts p = PositionalPieces(v, kind, 400, false, false);
    if (p.fraction.empty()) return p.sign + p.integer + (dot_zero ? ".0" : "");
    return p.sign + p.integer + "." + p.fraction;
  }
  const Decimal d = ShortestDecimal(v, kind);
  std::string out = SignOf(d.negative, false) + d.digits.substr(0, 1);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  return out + "e" + ExponentString(d.exponent, 2);
}

}  // namespace

Decimal ShortestDecimal(double value, FloatKind kind) {
  char buf[64];
  if (kind == FloatKind::kFloat64 || kind == FloatKind::kFloat32) {
    auto res =
        kind == FloatKind::kFloat64
            ? std::to_chars(buf, buf + sizeof(buf), value,
                            std::chars_format::scientific)
            : std::to_chars(buf, buf + sizeof(buf), static_cast<float>(value),
                            std::chars_format::scientific);
    return ParseScientific(std::string_view(buf, res.ptr - buf));
  }
  // 16-bit kinds: the first precision that reads back as the same value.
  for (int digits = 1; digits < 17; ++digits) {
    std::string s = Printf("%.*e", digits - 1, value);
    if (RoundToKind(std::strtod(s.c_str(), nullptr), kind) == value) {
      Decimal d = ParseScientific(s);
      d.negative = std::signbit(value);
      return d;
    }
  }
  return ParseScientific(Printf("%.*e", 16, value));
}

std::string FloatScalarStr(double value, FloatKind kind) {
  return ScalarStr(value, kind, true);
}

std::string FloatScalarStrNoDotZero(double value, FloatKind kind) {
  return ScalarStr(value, kind, false);
}

FloatFormatter::FloatFormatter(std::span<const double> values, FloatKind kind,
                               bool sign_plus, int precision)
    : kind_(kind), sign_plus_(sign_plus), precision_(precision) {
  double max_abs = 0, min_abs = std::numeric_limits<double>::infinity();
  bool any_non_finite = false, neg_inf = false;
  for (double v : values) {
    if (!std::isfinite(v)) {
      any_non_finite = true;
      neg_inf |= std::isinf(v) && v < 0;
    } else if (v != 0) {
      max_abs = std::max(max_abs, std::fabs(v));
      min_abs = std::min(min_abs, std::fabs(v));
    }
  }
  if (max_abs > 0) {
    // The ratio is computed in the values' own precision, as NumPy does.
    exp_format_ = max_abs >= 1e8 || min_abs < 1e-4 ||
                  RoundToKind(max_abs / min_abs, kind) > 1000.;
  }
  if (exp_format_) {
    FitScientific(values);
  } else {
    FitPositional(values);
  }
  if (any_non_finite) {
    const int offset = pad_right_ + 1;
    const int inf_len = 3 + (sign_plus || neg_inf);
    pad_left_ = std::max({pad_left_, 3 - offset, inf_len - offset});
  }
}

void FloatFormatter::FitScientific(std::span<const double> values) {
  int max_frac = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    const Decimal d = ScientificDigits(v, kind_, precision_);
    pad_left_ = std::max<int>(pad_left_, 1 + (d.negative || sign_plus_));
    max_frac = std::max<int>(max_frac, d.digits.size() - 1);
    exp_size_ =
        std::max<int>(exp_size_, ExponentString(d.exponent, 2).size() - 1);
  }
  precision_ = max_frac;
  pad_right_ = exp_size_ + 2 + precision_;
}

void FloatFormatter::FitPositional(std::span<const double> values) {
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    const PositionalParts p =
        PositionalPieces(v, kind_, precision_, sign_plus_);
    pad_left_ = std::max<int>(pad_left_, p.sign.size() + p.integer.size());
    pad_right_ = std::max<int>(pad_right_, p.fraction.size());
  }
}

std::string FloatFormatter::operator()(double value) const {
  if (!std::isfinite(value)) {
    std::string s = NonFinite(value, sign_plus_);
    const int width = pad_left_ + pad_right_ + 1;
    return std::string(std::max<int>(0, width - s.size()), ' ') + s;
  }
  return exp_format_ ? Scientific(value) : Positional(value);
}

std::string FloatFormatter::Positional(double value) const {
  const auto p = PositionalPieces(value, kind_, precision_, sign_plus_);
  std::string integer = p.sign + p.integer;
  std::string out(std::max<int>(0, pad_left_ - integer.size()), ' ');
  out += integer + "." + p.fraction;
  out.append(std::max<int>(0, pad_right_ - p.fraction.size()), ' ');
  return out;
}

std::string FloatFormatter::Scientific(double value) const {
  // Every mantissa gets precision_ digits (NumPy's min_digits): digits past
  // the shortest round-trip ones are the exact value's, correctly rounded.
  Decimal d = ParseScientific(Printf("%.*e", precision_, std::fabs(value)));
  d.negative = std::signbit(value);
  std::string integer = SignOf(d.negative, sign_plus_) + d.digits.substr(0, 1);
  std::string out(std::max<int>(0, pad_left_ - integer.size()), ' ');
  return out + integer + "." + d.digits.substr(1) + "e" +
         ExponentString(d.exponent, exp_size_);
}

}  // namespace tfpersist::cli::numpy
