// Helpers shared by the bundle tests.
#ifndef TFPERSIST_TESTS_IO_BUNDLE_BUNDLE_TEST_UTIL_H_
#define TFPERSIST_TESTS_IO_BUNDLE_BUNDLE_TEST_UTIL_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

inline std::string FromHex(std::string_view hex) {
  std::string out;
  int nibbles = 0, acc = 0;
  for (char c : hex) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isxdigit(u)) continue;
    acc = acc * 16 + (std::isdigit(u) ? c - '0' : std::tolower(u) - 'a' + 10);
    if (++nibbles == 2) {
      out.push_back(static_cast<char>(acc));
      nibbles = acc = 0;
    }
  }
  return out;
}

inline Tensor StringTensor(const std::vector<std::string>& values,
                           const TensorShape& shape) {
  Tensor t(DT_STRING, shape);
  for (size_t i = 0; i < values.size(); ++i)
    t.data<std::string>()[i] = values[i];
  return t;
}

// Bytes of a tensor as expected_tensors.json hashes them: numeric elements
// as stored; each string as an 8-byte LE length then its bytes.
inline std::string HashableBytes(const Tensor& t) {
  if (t.dtype() != DT_STRING) return std::string(t.tensor_data());
  std::string out;
  for (const std::string& s : t.flat<std::string>()) {
    for (int i = 0; i < 8; ++i) {
      out.push_back(
          static_cast<char>(static_cast<uint64_t>(s.size()) >> (8 * i)));
    }
    out += s;
  }
  return out;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_IO_BUNDLE_BUNDLE_TEST_UTIL_H_
