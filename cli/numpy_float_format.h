// NumPy's formatting of floating-point values (numpy/core/arrayprint.py
// FloatingFormat and the float scalars' str), so `tfpersist
// inspect_checkpoint` prints exactly what TF's Python tool prints.
//
// Array elements (legacy=False, floatmode='maxprec', suppress=False):
//  * every element of an array (or of the printed edges of a summarized
//    one) shares one layout, chosen from its finite values: scientific if
//    max|x| >= 1e8, min|x| < 1e-4 or max|x|/min|x| > 1000 (zeros ignored),
//    else positional;
//  * positional: the shortest digits that round-trip in the value's own
//    precision, cut to `precision` fraction digits (correctly rounded), no
//    trailing zeros but the point kept ("1.", "0.25"), integer digits always
//    exact (float32 69605056 is "69605056.", not "69605060."); integer
//    parts padded left and fractions right with spaces to common widths;
//  * scientific: every mantissa gets as many fraction digits as the
//    longest shortest-digits fraction, continuing with the exact value's
//    digits (float32 1e-5 next to 1.2345678 is "9.9999997e-06"); exponents
//    padded to the longest exponent (at least 2 digits);
//  * nan / inf right-aligned in the common width.
// Scalars (0-d arrays) print as NumPy scalars: shortest round-trip digits,
// positional for 1e-4 <= |x| < 1e16 ("2.0", "0.0001"), else scientific
// ("1e-05", "1.5e+16"); integer digits past the shortest ones are zeros
// (float32 69605056 is "69605060.0").
//
// Thread-safety: pure functions; a FloatFormatter is immutable.
#ifndef TFPERSIST_CLI_NUMPY_FLOAT_FORMAT_H_
#define TFPERSIST_CLI_NUMPY_FLOAT_FORMAT_H_

#include <span>
#include <string>

namespace tfpersist::cli::numpy {

// The storage precision of a value (all are passed around as doubles,
// which hold each of them exactly).
enum class FloatKind { kHalf, kBFloat16, kFloat32, kFloat64 };

// A finite value as sign, significant digits and the decimal exponent of
// the first digit: -0.0125 = {true, "125", -2}. Zero is {sign, "0", 0}.
struct Decimal {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

// The shortest digits that read back as the same value of `kind`.
// REQUIRES: value is finite and representable in kind.
Decimal ShortestDecimal(double value, FloatKind kind);

// str() of a NumPy float scalar of this kind.
std::string FloatScalarStr(double value, FloatKind kind);
// The same without a trailing ".0" ("1" for 1.0), as NumPy prints the
// parts of complex scalars.
std::string FloatScalarStrNoDotZero(double value, FloatKind kind);

class FloatFormatter {
 public:
  // Chooses the layout for `values` (the elements that will be printed).
  // sign_plus prints '+' before non-negative values (imaginary parts).
  FloatFormatter(std::span<const double> values, FloatKind kind, bool sign_plus,
                 int precision = 8);

  std::string operator()(double value) const;

 private:
  // Widths and precision shared by all finite values (NumPy's fillFormat).
  void FitScientific(std::span<const double> values);
  void FitPositional(std::span<const double> values);
  std::string Positional(double value) const;
  std::string Scientific(double value) const;

  FloatKind kind_;
  bool sign_plus_;
  int precision_;
  bool exp_format_ = false;
  int pad_left_ = 0;
  int pad_right_ = 0;
  int exp_size_ = -1;
};

}  // namespace tfpersist::cli::numpy

#endif  // TFPERSIST_CLI_NUMPY_FLOAT_FORMAT_H_
