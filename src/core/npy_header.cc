// A parser for the small Python-literal subset numpy writes in headers.
#include "core/npy_header.h"

#include <cctype>
#include <limits>

namespace tfpersist {
namespace {

class HeaderParser {
 public:
  HeaderParser(std::string_view text, std::string_view name)
      : text_(text), name_(name) {}

  StatusOr<NpyHeader> Parse();

 private:
  Status Error(std::string_view what) const {
    return errors::DataLoss(
        "NumPy file ", name_, " has a malformed header at byte ", pos_,
        ": expected ", what, " in \"", CEscape(text_.substr(0, 200)), "\"");
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(Peek())) ++pos_;
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool Consume(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  Status ParseString(std::string* out);
  Status ParseInt(int64_t* out);
  Status ParseBool(bool* out);
  Status ParseShape(std::vector<int64_t>* out);
  Status ParseEntry(NpyHeader* h, int* seen);

  std::string_view text_;
  std::string_view name_;
  size_t pos_ = 0;
};

Status HeaderParser::ParseString(std::string* out) {
  SkipSpace();
  const char quote = Peek();
  if (quote != '\'' && quote != '"') return Error("a quoted string");
  const size_t end = text_.find(quote, pos_ + 1);
  if (end == std::string_view::npos) return Error("a closing quote");
  *out = std::string(text_.substr(pos_ + 1, end - pos_ - 1));
  pos_ = end + 1;
  return OkStatus();
}

Status HeaderParser::ParseInt(int64_t* out) {
  SkipSpace();
  bool negative = Consume('-');
  if (!std::isdigit(Peek())) return Error("an integer");
  uint64_t value = 0;
  while (std::isdigit(Peek())) {
    value = value * 10 + (text_[pos_++] - '0');
    if (value > uint64_t{std::numeric_limits<int64_t>::max()}) {
      return Error("an integer that fits in int64");
    }
  }
  if (Peek() == 'L' || Peek() == 'l') ++pos_;  // Python 2 long
  *out = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return OkStatus();
}

Status HeaderParser::ParseBool(bool* out) {
  SkipSpace();
  if (text_.substr(pos_, 4) == "True") {
    *out = true;
    pos_ += 4;
  } else if (text_.substr(pos_, 5) == "False") {
    *out = false;
    pos_ += 5;
  } else {
    return Error("True or False");
  }
  return OkStatus();
}

Status HeaderParser::ParseShape(std::vector<int64_t>* out) {
  if (!Consume('(')) return Error("'(' starting the shape tuple");
  out->clear();
  while (!Consume(')')) {
    int64_t d = 0;
    TFP_RETURN_IF_ERROR(ParseInt(&d));
    out->push_back(d);
    if (!Consume(',')) {
      if (!Consume(')')) return Error("',' or ')' in the shape tuple");
      break;
    }
  }
  return OkStatus();
}

// Parses one "'key': value" pair; `seen` collects bits of the keys found.
Status HeaderParser::ParseEntry(NpyHeader* h, int* seen) {
  std::string key;
  TFP_RETURN_IF_ERROR(ParseString(&key));
  if (!Consume(':')) return Error("':' after a key");
  if (key == "descr") {
    SkipSpace();
    if (Peek() == '[') {
      return errors::Unimplemented("NumPy file ", name_,
                                   " has a structured dtype, which tfpersist "
                                   "does not support");
    }
    TFP_RETURN_IF_ERROR(ParseString(&h->descr));
    *seen |= 1;
  } else if (key == "fortran_order") {
    TFP_RETURN_IF_ERROR(ParseBool(&h->fortran_order));
    *seen |= 2;
  } else if (key == "shape") {
    TFP_RETURN_IF_ERROR(ParseShape(&h->shape));
    *seen |= 4;
  } else {
    return errors::DataLoss("NumPy file ", name_,
                            " has an unexpected header key '", CEscape(key),
                            "'");
  }
  return OkStatus();
}

StatusOr<NpyHeader> HeaderParser::Parse() {
  NpyHeader h;
  int seen = 0;
  if (!Consume('{')) return Error("'{'");
  while (!Consume('}')) {
    TFP_RETURN_IF_ERROR(ParseEntry(&h, &seen));
    if (!Consume(',')) {
      if (!Consume('}')) return Error("',' or '}' after a value");
      break;
    }
  }
  SkipSpace();
  if (pos_ != text_.size()) return Error("only padding after '}'");
  if (seen != 7) {
    return errors::DataLoss("NumPy file ", name_,
                            " header lacks one of 'descr', 'fortran_order' "
                            "and 'shape'");
  }
  return h;
}

}  // namespace

StatusOr<NpyHeader> ParseNpyHeader(std::string_view header,
                                   std::string_view name) {
  return HeaderParser(header, name).Parse();
}

}  // namespace tfpersist
