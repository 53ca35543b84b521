// OrderedCode as in TF's lib/strings/ordered_code.cc (the subset slice keys
// use). Encodings sort bytewise in the order of the values they encode.
#include "io/bundle/tensor_slice_key.h"

#include <bit>

namespace tfpersist {
namespace ordered_code {
namespace {

// Header bits XORed into the first two bytes of a len-byte signed number.
constexpr uint8_t kLengthToHeaderBits[11][2] = {
    {0, 0},    {0x80, 0}, {0xc0, 0}, {0xe0, 0},    {0xf0, 0},   {0xf8, 0},
    {0xfc, 0}, {0xfe, 0}, {0xff, 0}, {0xff, 0x80}, {0xff, 0xc0}};

}  // namespace

void WriteNumIncreasing(std::string* dest, uint64_t value) {
  char buf[9];
  int len = 0;
  while (value > 0) {
    buf[8 - len++] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  dest->push_back(static_cast<char>(len));
  dest->append(buf + 9 - len, len);
}

void WriteString(std::string* dest, std::string_view s) {
  for (char c : s) {
    dest->push_back(c);
    if (c == '\0') dest->push_back('\xff');
    if (c == '\xff') dest->push_back('\0');
  }
  dest->append("\0\1", 2);
}

void WriteSignedNumIncreasing(std::string* dest, int64_t value) {
  const uint64_t x =
      value < 0 ? ~static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  const int len = (64 - std::countl_zero(x)) / 7 + 1;  // 1..10
  char buf[10];
  const char sign = value < 0 ? '\xff' : '\0';
  buf[0] = buf[1] = sign;
  for (int i = 0; i < 8; ++i) {
    buf[9 - i] = static_cast<char>(static_cast<uint64_t>(value) >> (8 * i));
  }
  char* begin = buf + 10 - len;
  begin[0] ^= static_cast<char>(kLengthToHeaderBits[len][0]);
  if (len > 1) begin[1] ^= static_cast<char>(kLengthToHeaderBits[len][1]);
  dest->append(begin, len);
}

bool ReadNumIncreasing(std::string_view* src, uint64_t* value) {
  if (src->empty()) return false;
  const size_t len = static_cast<uint8_t>((*src)[0]);
  if (len > 8 || src->size() < 1 + len) return false;
  uint64_t v = 0;
  for (size_t i = 1; i <= len; ++i)
    v = (v << 8) | static_cast<uint8_t>((*src)[i]);
  *value = v;
  src->remove_prefix(1 + len);
  return true;
}

bool ReadString(std::string_view* src, std::string* result) {
  result->clear();
  for (size_t i = 0; i + 1 < src->size(); ++i) {
    const char c = (*src)[i];
    const char next = (*src)[i + 1];
    if (c == '\0' && next == '\1') {
      src->remove_prefix(i + 2);
      return true;
    }
    if (c == '\0' || c == '\xff') {
      if (next != (c == '\0' ? '\xff' : '\0')) return false;
      ++i;
    }
    result->push_back(c);
  }
  return false;
}

bool ReadSignedNumIncreasing(std::string_view* src, int64_t* value) {
  if (src->empty()) return false;
  const uint8_t inv = (static_cast<uint8_t>((*src)[0]) & 0x80) ? 0 : 0xff;
  const uint16_t head = static_cast<uint16_t>(
      ((static_cast<uint8_t>((*src)[0]) ^ inv) << 8) |
      (src->size() > 1 ? static_cast<uint8_t>((*src)[1]) ^ inv : 0));
  const int len = std::countl_one(head);
  if (len < 1 || len > 10 || src->size() < static_cast<size_t>(len)) {
    return false;
  }
  uint8_t buf[10];
  for (int i = 0; i < len; ++i) buf[i] = static_cast<uint8_t>((*src)[i]);
  buf[0] ^= kLengthToHeaderBits[len][0];
  if (len > 1) buf[1] ^= kLengthToHeaderBits[len][1];
  // buf is now len-byte big-endian two's complement; sign-extend.
  uint64_t v = (buf[0] & 0x80) ? ~uint64_t{0} : 0;
  for (int i = 0; i < len; ++i) v = (v << 8) | buf[i];
  if (len > 8) {  // the leading bytes must be pure sign extension
    const uint8_t sign = (buf[len - 8] & 0x80) ? 0xff : 0;
    for (int i = 0; i < len - 8; ++i) {
      if (buf[i] != sign) return false;
    }
  }
  *value = static_cast<int64_t>(v);
  src->remove_prefix(len);
  return true;
}

}  // namespace ordered_code

std::string EncodeTensorNameSlice(std::string_view name,
                                  const TensorSlice& slice) {
  std::string key;
  ordered_code::WriteNumIncreasing(&key, 0);
  ordered_code::WriteString(&key, name);
  ordered_code::WriteNumIncreasing(&key, static_cast<uint64_t>(slice.dims()));
  for (int d = 0; d < slice.dims(); ++d) {
    ordered_code::WriteSignedNumIncreasing(&key, slice.start(d));
    ordered_code::WriteSignedNumIncreasing(&key, slice.length(d));
  }
  return key;
}

Status DecodeTensorNameSlice(std::string_view code, std::string* name,
                             TensorSlice* slice) {
  std::string_view src = code;
  uint64_t zero, rank;
  if (!ordered_code::ReadNumIncreasing(&src, &zero) || zero != 0 ||
      !ordered_code::ReadString(&src, name) ||
      !ordered_code::ReadNumIncreasing(&src, &rank) || rank > 64) {
    return errors::InvalidArgument("malformed tensor slice key \"",
                                   CEscape(code), "\"");
  }
  std::string spec;
  for (uint64_t d = 0; d < rank; ++d) {
    int64_t start, length;
    if (!ordered_code::ReadSignedNumIncreasing(&src, &start) ||
        !ordered_code::ReadSignedNumIncreasing(&src, &length)) {
      return errors::InvalidArgument("malformed extent in tensor slice key \"",
                                     CEscape(code), "\"");
    }
    if (d > 0) spec += ":";
    spec += length == TensorSlice::kFullExtent ? std::string("-")
                                               : StrCat(start, ",", length);
  }
  if (!src.empty()) {
    return errors::InvalidArgument("trailing bytes in tensor slice key \"",
                                   CEscape(code), "\"");
  }
  TFP_ASSIGN_OR_RETURN(*slice, TensorSlice::Parse(spec));
  return OkStatus();
}

}  // namespace tfpersist
