// Restoring a TF2 object-based checkpoint (ckpt-v2-sharded-tf2, a Keras
// model) into a graph's variables by object path, through a Saver var_map.
#include "tfpersist/train/object_checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

std::string FixturePrefix() {
  return JoinPath(testing::FixtureDir("ckpt-v2-sharded-tf2"), "model.ckpt");
}

TEST(ObjectCheckpointTest, RestoresVariablesByObjectPath) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader, CheckpointReader::Open(Env::Default(), FixturePrefix()));
  Graph g;
  GraphBuilder b(&g);
  Variable(b, Tensor::Zeros(DT_FLOAT, TensorShape({4, 128})), "dense/kernel");
  Variable(b, Tensor::Zeros(DT_FLOAT, TensorShape({128})), "dense/bias");
  TFP_ASSERT_OK_AND_ASSIGN(
      auto var_map,
      ObjectPathVarMap(*reader, {{"layer-1/kernel", "dense/kernel"},
                                 {"layer-1/bias", "dense/bias"}}));
  SaverOptions options;
  options.var_map = var_map;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(b, options));
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g.ToGraphDef()));
  TFP_ASSERT_OK(saver->Restore(session.get(), FixturePrefix()));
  std::vector<Tensor> got;
  TFP_ASSERT_OK(session->Run({}, {"dense/kernel:0", "dense/bias:0"}, {}, &got));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor k, reader->GetTensor("layer-1/kernel/.ATTRIBUTES/VARIABLE_VALUE"));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor bias,
      reader->GetTensor("layer-1/bias/.ATTRIBUTES/VARIABLE_VALUE"));
  EXPECT_TRUE(got[0].IsSameAs(k));
  EXPECT_TRUE(got[1].IsSameAs(bias));
}

TEST(ObjectCheckpointTest, UnknownObjectPathIsNotFoundWithSuggestions) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader, CheckpointReader::Open(Env::Default(), FixturePrefix()));
  EXPECT_THAT(ObjectPathVarMap(*reader, {{"layer-9/kernel", "k"}}).status(),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("Object path 'layer-9/kernel' is not in the "
                                 "object graph")));
  EXPECT_THAT(
      ObjectPathVarMap(*reader, {{"layer-9/kernel", "k"}}).status(),
      StatusIs(StatusCode::kNotFound,
               HasSubstr("did you mean layer-1/kernel, layer-2/kernel")));
}

}  // namespace
}  // namespace tfpersist
