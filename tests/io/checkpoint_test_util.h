// The expectations of the TF-written checkpoint fixtures
// (fixtures/tf/<name>/expected_tensors.json), shared by the V1 reader and
// CheckpointReader tests.
#ifndef TFPERSIST_TESTS_IO_CHECKPOINT_TEST_UTIL_H_
#define TFPERSIST_TESTS_IO_CHECKPOINT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/bundle/bundle_test_util.h"
#include "testing/fixtures.h"
#include "testing/json.h"
#include "testing/sha256.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/str_util.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

struct ExpectedTensor {
  std::string name;
  std::string dtype;  // "DT_FLOAT"
  std::vector<int64_t> shape;
  std::string sha256;
};

struct ExpectedCheckpoint {
  std::string fixture;
  std::string path;                     // Absolute: V2 prefix or V1 file.
  std::string format;                   // "v1" or "v2"
  std::vector<ExpectedTensor> tensors;  // Sorted by name.
};

// Every checkpoint of every fixture that has an expected_tensors.json.
inline std::vector<ExpectedCheckpoint> AllExpectedCheckpoints() {
  std::vector<ExpectedCheckpoint> out;
  for (const std::string& fixture : FixtureNames()) {
    const std::string dir = FixtureDir(fixture);
    StatusOr<std::string> text =
        ReadFileToString(Env::Default(), dir + "/expected_tensors.json");
    if (!text.ok()) continue;
    StatusOr<Json> json = ParseJson(*text);
    EXPECT_TRUE(json.ok()) << fixture << ": " << json.status();
    if (!json.ok()) continue;
    for (const auto& [key, ckpt] : json->object) {
      ExpectedCheckpoint e{fixture, dir + "/" + key, ckpt["format"].string, {}};
      for (const Json& t : ckpt["tensors"].array) {
        ExpectedTensor et{
            t["name"].string, t["dtype"].string, {}, t["sha256"].string};
        for (const Json& d : t["shape"].array) {
          et.shape.push_back(static_cast<int64_t>(d.number));
        }
        e.tensors.push_back(std::move(et));
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

// SHA-256 of the tensor's bytes as expected_tensors.json defines them.
inline std::string TensorSha256(const Tensor& t) {
  return Sha256Hex(HashableBytes(t));
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_IO_CHECKPOINT_TEST_UTIL_H_
