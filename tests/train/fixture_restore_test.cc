// Conformance: every TF-written .meta + checkpoint fixture (V2 and V1,
// LEGACY/V1/V2 SaverDefs) imports, restores through its own restore op, and
// every restored variable equals the checkpoint value (SHA-256 from the
// fixture's expected_tensors.json). Graphs with an inference path produce
// finite outputs for a fed input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/train/meta_graph.h"
#include "train/restore_diagnosis.h"
#include "train/testing/expected_tensors.h"

namespace tfpersist {
namespace {

const std::vector<std::string> kMetaFixtures = {
    "ckpt-v1-bad-half-plus-two",
    "ckpt-v1-nxt-adam",
    "ckpt-v1-session-bundle-half-plus-two",
    "ckpt-v1-traffic-signs",
    "ckpt-v2-estimator-wide-deep",
    "ckpt-v2-lenet-adam",
    "ckpt-v2-mnist-fc-feed",
    "ckpt-v2-mnist-mlp-ema",
    "ckpt-v2-tf2onnx-regression"};

// The .meta of a fixture folder and the checkpoint it belongs to (the
// expected_tensors.json key equal to the meta's stem, or a V1 shard of it).
struct MetaAndCheckpoint {
  std::string meta;
  std::string checkpoint;
  testing::ExpectedCheckpoint expected;
};

StatusOr<MetaAndCheckpoint> Locate(const std::string& fixture) {
  const std::string dir = testing::FixtureDir(fixture);
  TFP_ASSIGN_OR_RETURN(
      auto metas, Env::Default()->GetMatchingPaths(JoinPath(dir, "*.meta")));
  if (metas.size() != 1) return errors::NotFound("one .meta in ", dir);
  TFP_ASSIGN_OR_RETURN(auto expected, testing::LoadExpectedTensors(dir));
  std::string stem(Basename(metas[0]));
  stem.resize(stem.size() - 5);
  for (const auto& [key, ckpt] : expected) {
    if (key == stem || key.starts_with(stem + "-")) {
      return MetaAndCheckpoint{metas[0], JoinPath(dir, key), ckpt};
    }
  }
  return errors::NotFound("no checkpoint for ", metas[0]);
}

class FixtureRestoreTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FixtureRestoreTest, RestoresEveryVariableToTheCheckpointValue) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(MetaAndCheckpoint f, Locate(GetParam()));
  TFP_ASSERT_OK_AND_ASSIGN(auto imported, ImportMetaGraph(f.meta));
  ASSERT_NE(imported->saver, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, imported->NewSession());
  TFP_ASSERT_OK(imported->saver->Restore(session.get(), f.checkpoint));
  std::map<std::string, std::string> sha;
  for (const auto& t : f.expected.tensors) sha[t.name] = t.sha256;
  auto restored = RestoredVariables(
      session->graph_def(), imported->saver->saver_def().restore_op_name());
  ASSERT_FALSE(restored.empty());
  for (const auto& [key, var] : restored) {
    std::vector<Tensor> out;
    TFP_ASSERT_OK(session->Run({}, {var + ":0"}, {}, &out));
    ASSERT_TRUE(sha.count(key)) << key;
    EXPECT_EQ(testing::TensorSha256(out[0]), sha[key]) << key << " -> " << var;
  }
}

INSTANTIATE_TEST_SUITE_P(AllMetaFixtures, FixtureRestoreTest,
                         ::testing::ValuesIn(kMetaFixtures),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(FixtureRestoreListTest, CoversEveryMetaFixture) {
  TFP_REQUIRE_SHARED();
  const std::vector<std::string>& listed = kMetaFixtures;
  for (const std::string& meta : testing::FixtureFilesWithSuffix(".meta")) {
    const std::string fixture(Basename(Dirname(meta)));
    EXPECT_THAT(listed, ::testing::Contains(fixture));
  }
}

// (fixture, fed tensor, its shape, fetched tensor, expected output shape).
struct InferenceCase {
  const char* fixture;
  const char* feed;
  std::vector<int64_t> feed_shape;
  const char* fetch;
  std::vector<int64_t> out_shape;
};

class FixtureInferenceTest : public ::testing::TestWithParam<InferenceCase> {};

TEST_P(FixtureInferenceTest, ProducesFiniteOutputs) {
  TFP_REQUIRE_SHARED();
  const InferenceCase& c = GetParam();
  TFP_ASSERT_OK_AND_ASSIGN(MetaAndCheckpoint f, Locate(c.fixture));
  TFP_ASSERT_OK_AND_ASSIGN(auto imported, ImportMetaGraph(f.meta));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, imported->NewSession());
  TFP_ASSERT_OK(imported->saver->Restore(session.get(), f.checkpoint));
  TFP_ASSERT_OK_AND_ASSIGN(TensorShape shape, TensorShape::Build(c.feed_shape));
  Tensor input(DT_FLOAT, shape);
  for (int64_t i = 0; i < input.NumElements(); ++i) {
    input.flat<float>()[i] = static_cast<float>((i * 37) % 101) / 101.0f;
  }
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({{c.feed, input}}, {c.fetch}, {}, &out));
  TFP_ASSERT_OK_AND_ASSIGN(TensorShape want, TensorShape::Build(c.out_shape));
  EXPECT_EQ(out[0].shape(), want);
  for (int64_t i = 0; i < out[0].NumElements(); ++i) {
    ASSERT_TRUE(std::isfinite(out[0].ElementAsDouble(i))) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, FixtureInferenceTest,
    ::testing::Values(
        InferenceCase{"ckpt-v2-mnist-mlp-ema",
                      "x-input:0",
                      {2, 784},
                      "layer2/add:0",
                      {2, 10}},
        InferenceCase{"ckpt-v2-mnist-fc-feed",
                      "Placeholder:0",
                      {100, 784},
                      "softmax_linear/add:0",
                      {100, 10}},
        InferenceCase{"ckpt-v2-tf2onnx-regression", "X:0", {3}, "Add:0", {3}},
        InferenceCase{"ckpt-v2-lenet-adam",
                      "Placeholder:0",
                      {2, 32, 32, 1},
                      "add_4:0",
                      {2, 10}},
        InferenceCase{
            "ckpt-v1-nxt-adam", "Placeholder:0", {32, 4}, "Relu_1:0", {32, 2}},
        InferenceCase{
            "ckpt-v1-bad-half-plus-two", "Placeholder:0", {3}, "Add:0", {3}}));

// half_plus_two (a = 0.5, b = 2 per the fixture's SOURCE.md): y = a*x + b.
TEST(FixtureInferenceTest, BadHalfPlusTwoComputesHalfPlusTwo) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(MetaAndCheckpoint f,
                           Locate("ckpt-v1-bad-half-plus-two"));
  TFP_ASSERT_OK_AND_ASSIGN(auto imported, ImportMetaGraph(f.meta));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, imported->NewSession());
  TFP_ASSERT_OK(imported->saver->Restore(session.get(), f.checkpoint));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(
      session->Run({{"Placeholder:0", Tensor::FromVector<float>({1, 2, 5})}},
                   {"Add:0"}, {}, &out));
  EXPECT_TRUE(out[0].IsSameAs(Tensor::FromVector<float>({2.5f, 3.0f, 4.5f})))
      << out[0].DebugString();
}

}  // namespace
}  // namespace tfpersist
