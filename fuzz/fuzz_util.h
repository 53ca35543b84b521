// Helpers shared by the libFuzzer targets in fuzz/ (built with
// -DTFP_FUZZ=ON, clang only). Each target feeds one untrusted input format
// to the library and only requires that it returns (a Status or a value):
// crashes, sanitizer reports, hangs and unbounded allocations are findings.
//
// Multi-file inputs (a V2 bundle, a SavedModel) are packed into one fuzz
// input as length-prefixed parts: [u32 little-endian length][bytes] ...,
// the last part taking whatever remains (scripts/fuzz_seeds.py writes the
// seeds in this layout).
#ifndef TFPERSIST_FUZZ_FUZZ_UTIL_H_
#define TFPERSIST_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/env.h"

namespace tfpersist::fuzz {

// Splits `data` into exactly `n` parts as described above. Missing parts are
// empty; a length beyond the end takes the rest.
inline std::vector<std::string> SplitParts(const uint8_t* data, size_t size,
                                           int n) {
  std::vector<std::string> parts;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < n; ++i) {
    if (i == n - 1) {
      parts.emplace_back(in);
      break;
    }
    uint32_t len = 0;
    if (in.size() >= 4) {
      for (int b = 3; b >= 0; --b) {
        len = (len << 8) | static_cast<uint8_t>(in[b]);
      }
      in.remove_prefix(4);
    } else {
      in = {};
    }
    const size_t take = std::min<size_t>(len, in.size());
    parts.emplace_back(in.substr(0, take));
    in.remove_prefix(take);
  }
  return parts;
}

// Writes `contents` to `path` in `env`, creating its directory.
inline void PutFile(Env* env, const std::string& path,
                    const std::string& contents) {
  const size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    (void)env->RecursivelyCreateDir(path.substr(0, slash));
  }
  (void)WriteStringToFile(env, path, contents);
}

// Byte caps for sessions run on fuzzed graphs: big enough for the fixture
// models, small enough that a hostile shape fails fast.
inline constexpr uint64_t kFuzzMaxTensorBytes = uint64_t{64} << 20;
inline constexpr uint64_t kFuzzMaxRunBytes = uint64_t{256} << 20;

}  // namespace tfpersist::fuzz

#endif  // TFPERSIST_FUZZ_FUZZ_UTIL_H_
