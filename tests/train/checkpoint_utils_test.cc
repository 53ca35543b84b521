// checkpoint_utils: list_variables / load_variable over TF-written
// checkpoints (directories through their `checkpoint` file, V2 prefixes,
// V1 files), checked against the fixtures' expected_tensors.json.
#include "tfpersist/train/checkpoint_utils.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "train/testing/expected_tensors.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

void ExpectListMatches(const std::string& path,
                       const testing::ExpectedCheckpoint& expected) {
  TFP_ASSERT_OK_AND_ASSIGN(auto listed, ListVariables(path));
  ASSERT_EQ(listed.size(), expected.tensors.size()) << path;
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(listed[i].first, expected.tensors[i].name);
    EXPECT_EQ(listed[i].second.dim_sizes(), expected.tensors[i].shape);
  }
}

TEST(CheckpointUtilsTest, ListsV2CheckpointsByPrefixAndDirectory) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("ckpt-v2-lenet-adam");
  TFP_ASSERT_OK_AND_ASSIGN(auto expected, testing::LoadExpectedTensors(dir));
  ExpectListMatches(JoinPath(dir, "lenet"), expected.at("lenet"));
  ExpectListMatches(dir, expected.at("lenet"));
}

TEST(CheckpointUtilsTest, ListsAndLoadsV1Checkpoints) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("ckpt-v1-traffic-signs");
  TFP_ASSERT_OK_AND_ASSIGN(auto expected, testing::LoadExpectedTensors(dir));
  const auto& ckpt = expected.at("model.ckpt");
  ExpectListMatches(JoinPath(dir, "model.ckpt"), ckpt);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t, LoadVariable(JoinPath(dir, "model.ckpt"),
                                                  ckpt.tensors[0].name));
  EXPECT_EQ(testing::TensorSha256(t), ckpt.tensors[0].sha256);
}

TEST(CheckpointUtilsTest, LoadVariableAcceptsTensorNames) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("ckpt-v2-mnist-mlp-ema");
  TFP_ASSERT_OK_AND_ASSIGN(auto expected, testing::LoadExpectedTensors(dir));
  for (const auto& t : expected.at("model.ckpt-29001").tensors) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor value, LoadVariable(dir, t.name + ":0"));
    EXPECT_EQ(testing::TensorSha256(value), t.sha256) << t.name;
  }
}

TEST(CheckpointUtilsTest, ErrorsNameKeyAndCheckpoint) {
  TFP_REQUIRE_SHARED();
  const std::string prefix =
      JoinPath(testing::FixtureDir("ckpt-v2-lenet-adam"), "lenet");
  EXPECT_THAT(
      LoadVariable(prefix, "nope").status(),
      StatusIs(StatusCode::kNotFound,
               HasSubstr("Key nope not found in checkpoint " + prefix)));
  EXPECT_THAT(
      ListVariables(JoinPath(testing::NewTempDir("none"), "x")).status(),
      StatusIs(StatusCode::kNotFound, HasSubstr("x")));
}

}  // namespace
}  // namespace tfpersist
