// Test helper: the `expected_tensors.json` files of the TF fixtures
// (../shared/fixtures/tf/<name>/expected_tensors.json): for each checkpoint
// of a fixture folder, every tensor's name, dtype, shape and the SHA-256 of
// its little-endian element bytes in C order (DT_STRING: each element as an
// 8-byte little-endian length followed by its bytes).
#ifndef TFPERSIST_TESTS_TRAIN_TESTING_EXPECTED_TENSORS_H_
#define TFPERSIST_TESTS_TRAIN_TESTING_EXPECTED_TENSORS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

struct ExpectedTensor {
  std::string name;
  std::string dtype;  // "DT_FLOAT"
  std::vector<int64_t> shape;
  std::string sha256;  // lowercase hex
};

struct ExpectedCheckpoint {
  std::string format;  // "v1" or "v2"
  std::vector<ExpectedTensor> tensors;
};

// Parses <fixture_dir>/expected_tensors.json: checkpoint key (a prefix or
// file relative to fixture_dir) -> its tensors. NOT_FOUND if absent,
// INVALID_ARGUMENT if malformed.
StatusOr<std::map<std::string, ExpectedCheckpoint>> LoadExpectedTensors(
    const std::string& fixture_dir);

// The digest the fixtures use for a tensor's values (see above).
std::string TensorSha256(const Tensor& t);

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TRAIN_TESTING_EXPECTED_TENSORS_H_
