// Recursive-descent parser for the --input_exprs numpy subset.
#include "cli/saved_model_cli_exprs.h"

#include <cctype>
#include <cstdlib>

namespace tfpersist::cli {
namespace {

constexpr int64_t kMaxElements = int64_t{1} << 26;

struct Value {
  std::vector<int64_t> shape;
  std::vector<double> data;
  bool is_float = false;
};

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  StatusOr<Value> ParseAll() {
    TFP_ASSIGN_OR_RETURN(Value v, ParseExpr());
    Skip();
    if (pos_ != s_.size()) return Error("unexpected text");
    return v;
  }

 private:
  void Skip() {
    while (pos_ < s_.size() &&
           std::isspace(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
  }
  bool Eat(char c) {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool EatWord(const std::string& w) {
    Skip();
    if (s_.compare(pos_, w.size(), w) != 0) return false;
    pos_ += w.size();
    return true;
  }
  Status Error(const std::string& what) const {
    return errors::InvalidArgument("--input_exprs: ", what, " at position ",
                                   pos_, " of '", s_,
                                   "' (supported: numbers, lists, np.array, "
                                   "np.ones, np.zeros, np.full)");
  }
  Status Expect(char c) {
    return Eat(c) ? OkStatus() : Error(std::string("expected '") + c + "'");
  }

  StatusOr<Value> ParseNumber() {
    Skip();
    const char* begin = s_.c_str() + pos_;
    char* end = nullptr;
    const double d = std::strtod(begin, &end);
    if (end == begin) return Error("expected a number");
    Value v;
    const std::string text(begin, static_cast<size_t>(end - begin));
    v.is_float = text.find_first_of(".eEn") != std::string::npos;
    v.data.push_back(d);
    pos_ += end - begin;
    return v;
  }

  StatusOr<Value> ParseList() {  // after '['
    Value v;
    std::vector<int64_t> inner;
    int64_t n = 0;
    while (!Eat(']')) {
      if (n > 0) TFP_RETURN_IF_ERROR(Expect(','));
      if (Eat(']')) break;  // trailing comma
      TFP_ASSIGN_OR_RETURN(Value e, ParseExpr());
      if (n > 0 && e.shape != inner) return Error("ragged nested list");
      inner = e.shape;
      v.is_float |= e.is_float;
      v.data.insert(v.data.end(), e.data.begin(), e.data.end());
      if (static_cast<int64_t>(v.data.size()) > kMaxElements) {
        return errors::ResourceExhausted("--input_exprs value too large");
      }
      ++n;
    }
    v.shape = {n};
    v.shape.insert(v.shape.end(), inner.begin(), inner.end());
    return v;
  }

  StatusOr<std::vector<int64_t>> ParseShape() {
    Skip();
    if (pos_ < s_.size() && (s_[pos_] == '(' || s_[pos_] == '[')) {
      const char close = s_[pos_] == '(' ? ')' : ']';
      ++pos_;
      std::vector<int64_t> dims;
      while (!Eat(close)) {
        if (!dims.empty()) TFP_RETURN_IF_ERROR(Expect(','));
        if (Eat(close)) break;
        TFP_ASSIGN_OR_RETURN(Value d, ParseNumber());
        dims.push_back(static_cast<int64_t>(d.data[0]));
      }
      return dims;
    }
    TFP_ASSIGN_OR_RETURN(Value d, ParseNumber());
    return std::vector<int64_t>{static_cast<int64_t>(d.data[0])};
  }

  // ", dtype=np.float32" (ignored) then ')'.
  Status EndCall() {
    if (Eat(',')) {
      if (!EatWord("dtype") || !Eat('=')) return Error("expected dtype=");
      Skip();
      while (pos_ < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
              s_[pos_] == '.' || s_[pos_] == '_'))
        ++pos_;
    }
    return Expect(')');
  }

  StatusOr<Value> Filled(const std::vector<int64_t>& shape, double value) {
    int64_t n = 1;
    for (int64_t d : shape) {
      if (d < 0 || (d > 0 && n > kMaxElements / d)) {
        return d < 0 ? Error("negative dimension")
                     : errors::ResourceExhausted("--input_exprs too large");
      }
      n *= d;
    }
    return Value{shape, std::vector<double>(n, value), true};
  }

  StatusOr<Value> ParseCall() {  // after "np."
    for (const char* f : {"ones", "zeros", "full", "array"}) {
      if (!EatWord(f)) continue;
      TFP_RETURN_IF_ERROR(Expect('('));
      const std::string name = f;
      if (name == "array") {
        TFP_ASSIGN_OR_RETURN(Value v, ParseExpr());
        TFP_RETURN_IF_ERROR(EndCall());
        return v;
      }
      TFP_ASSIGN_OR_RETURN(std::vector<int64_t> shape, ParseShape());
      double fill = name == "ones" ? 1 : 0;
      if (name == "full") {
        TFP_RETURN_IF_ERROR(Expect(','));
        TFP_ASSIGN_OR_RETURN(Value v, ParseNumber());
        fill = v.data[0];
      }
      TFP_RETURN_IF_ERROR(EndCall());
      return Filled(shape, fill);
    }
    return Error("unsupported numpy function");
  }

  StatusOr<Value> ParseExpr() {
    if (++depth_ > 64) return Error("nesting too deep");
    StatusOr<Value> v = Eat('[')                                ? ParseList()
                        : (EatWord("np.") || EatWord("numpy.")) ? ParseCall()
                                                                : ParseNumber();
    --depth_;
    return v;
  }

  const std::string& s_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

StatusOr<Tensor> EvaluateNumpyExpression(const std::string& expr) {
  Parser parser(expr);
  TFP_ASSIGN_OR_RETURN(Value v, parser.ParseAll());
  TFP_ASSIGN_OR_RETURN(TensorShape shape, TensorShape::Build(v.shape));
  if (v.is_float) return Tensor::FromVector<double>(v.data, shape);
  std::vector<int64_t> ints(v.data.begin(), v.data.end());
  return Tensor::FromVector<int64_t>(ints, shape);
}

StatusOr<Tensor> CastForFeed(const Tensor& t, DataType dtype) {
  if (t.dtype() == dtype) return t;
  TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(dtype, t.shape()));
  auto fill = [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < t.NumElements(); ++i) {
      out.data<T>()[i] = static_cast<T>(t.ElementAsDouble(i));
    }
  };
  switch (dtype) {
    case DT_FLOAT:
      fill(std::type_identity<float>{});
      break;
    case DT_DOUBLE:
      fill(std::type_identity<double>{});
      break;
    case DT_INT32:
      fill(std::type_identity<int32_t>{});
      break;
    case DT_INT64:
      fill(std::type_identity<int64_t>{});
      break;
    case DT_UINT8:
      fill(std::type_identity<uint8_t>{});
      break;
    case DT_BOOL:
      fill(std::type_identity<bool>{});
      break;
    default:
      return errors::InvalidArgument(
          "Cannot feed a ", DataTypeString(t.dtype()),
          " value to an input of dtype ", DataTypeString(dtype));
  }
  return out;
}

}  // namespace tfpersist::cli
