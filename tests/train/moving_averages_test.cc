// ExponentialMovingAverage: node structure against TF's (the EMA fixture's
// update ops), the update rule, and variables_to_restore() loading shadow
// values into the model variables of the TF-written EMA checkpoint.
#include "tfpersist/train/moving_averages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/train/meta_graph.h"
#include "tfpersist/train/saver.h"
#include "train/testing/expected_tensors.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using testing::StatusIs;

constexpr char kEmaFixture[] = "ckpt-v2-mnist-mlp-ema";

// The EMA part of the fixture's training graph, rebuilt: the same variable
// names and shapes, ema = ExponentialMovingAverage(0.99, step).
struct EmaGraph {
  Graph graph;
  GraphBuilder b{&graph};
  std::vector<RefVariable> vars;
  RefVariable step;
};

void BuildFixtureLikeGraph(EmaGraph* g, ExponentialMovingAverage** ema_out) {
  const std::vector<std::pair<std::string, TensorShape>> vars = {
      {"layer1/weights", TensorShape({784, 500})},
      {"layer1/biases", TensorShape({500})},
      {"layer2/weights", TensorShape({500, 10})},
      {"layer2/biases", TensorShape({10})}};
  for (const auto& [name, shape] : vars) {
    g->vars.push_back(Variable(g->b, Tensor::Zeros(DT_FLOAT, shape), name));
  }
  g->step = Variable(g->b, Tensor::Scalar<int32_t>(0), "Variable", false);
  *ema_out = new ExponentialMovingAverage(0.99f, g->step.value());
}

TEST(ExponentialMovingAverageTest, UpdateOpsMatchTheTfFixture) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto tf,
      ReadMetaGraph(Env::Default(), JoinPath(testing::FixtureDir(kEmaFixture),
                                             "model.ckpt-29001.meta")));
  std::map<std::string, tensorflow::NodeDef> tf_nodes;
  for (const auto& n : tf.graph_def().node()) tf_nodes[n.name()] = n;
  EmaGraph g;
  ExponentialMovingAverage* raw = nullptr;
  BuildFixtureLikeGraph(&g, &raw);
  std::unique_ptr<ExponentialMovingAverage> ema(raw);
  TFP_ASSERT_OK_AND_ASSIGN(Node * update, ema->Apply(g.b, g.vars));
  EXPECT_EQ(update->name(), "ExponentialMovingAverage");
  int compared = 0;
  const tensorflow::GraphDef built = g.graph.ToGraphDef();
  for (const tensorflow::NodeDef& ours : built.node()) {
    const bool shadow =
        ours.name().find("/ExponentialMovingAverage") != std::string::npos &&
        ours.op() == "VariableV2";
    if (!ours.name().starts_with("ExponentialMovingAverage") && !shadow)
      continue;
    ASSERT_TRUE(tf_nodes.count(ours.name())) << ours.name();
    const tensorflow::NodeDef& theirs = tf_nodes[ours.name()];
    // TF 1.1 wrote `+` as Add; the emulated TF 1.15 writes AddV2.
    EXPECT_EQ(ours.op(), theirs.op() == "Add" ? "AddV2" : theirs.op())
        << ours.name();
    EXPECT_THAT(ours.input(), ::testing::ElementsAreArray(theirs.input()))
        << ours.name();
    EXPECT_EQ(ours.attr().contains("_class"), theirs.attr().contains("_class"));
    if (theirs.attr().contains("_class")) {
      EXPECT_EQ(ours.attr().at("_class").DebugString(),
                theirs.attr().at("_class").DebugString())
          << ours.name();
    }
    ++compared;
  }
  EXPECT_EQ(compared, 4 + 8 + 4 * 5 + 1);
}

TEST(ExponentialMovingAverageTest, UpdateFollowsTheDecayRule) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v = Variable(b, Tensor::Scalar<float>(0), "v");
  RefVariable step = Variable(b, Tensor::Scalar<int32_t>(3), "step", false);
  Output five = Constant(b, Tensor::Scalar<float>(5));
  Assign(b, v.variable, five, true, true, "set_v");
  ExponentialMovingAverage ema(0.99f, step.value());
  TFP_ASSERT_OK_AND_ASSIGN(Node * update, ema.Apply(b, {v}));
  Node* init = GlobalVariablesInitializer(b);
  ASSERT_NE(init, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(graph.ToGraphDef()));
  TFP_ASSERT_OK(session->Run({}, {}, {"init"}, nullptr));
  TFP_ASSERT_OK(session->Run({}, {}, {"set_v"}, nullptr));
  TFP_ASSERT_OK(session->Run({}, {}, {update->name()}, nullptr));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {ema.AverageName("v") + ":0"}, {}, &out));
  const float decay = std::min(0.99f, (1.0f + 3) / (10.0f + 3));
  const float want = 0.0f - (1.0f - decay) * (0.0f - 5.0f);
  EXPECT_NEAR(out[0].scalar<float>(), want, 1e-6);
}

TEST(ExponentialMovingAverageTest, ShadowsAreGlobalNonTrainableAndCollected) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v = Variable(b, Tensor::Scalar<float>(0), "v");
  Variable(b, Tensor::Scalar<int64_t>(0), "global_step", false);
  Collections collections;
  collections.AddVariables(b.variables());
  ExponentialMovingAverage ema(0.9f);
  TFP_ASSERT_OK(ema.Apply(b, {v}, &collections).status());
  ASSERT_NE(ema.Average("v"), nullptr);
  EXPECT_EQ(ema.Average("v")->name(), "v/ExponentialMovingAverage");
  EXPECT_FALSE(ema.Average("v")->trainable);
  TFP_ASSERT_OK_AND_ASSIGN(auto global,
                           collections.GetVariableNames("variables"));
  EXPECT_THAT(global,
              ElementsAre("v", "global_step", "v/ExponentialMovingAverage"));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto moving, collections.GetVariableNames("moving_average_variables"));
  EXPECT_THAT(moving, ElementsAre("v"));
  TFP_ASSERT_OK_AND_ASSIGN(auto map, ema.VariablesToRestore(collections));
  EXPECT_THAT(map, ElementsAre(Pair("global_step", "global_step"),
                               Pair("v/ExponentialMovingAverage", "v")));
  EXPECT_EQ(ema.VariablesToRestore(b), map);
}

TEST(ExponentialMovingAverageTest, RejectsIntegerVariables) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable i = Variable(b, Tensor::Scalar<int32_t>(0), "i");
  ExponentialMovingAverage ema(0.9f);
  EXPECT_THAT(ema.Apply(b, {i}).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("half, float, or double: i")));
}

// ema.variables_to_restore() on the imported TF training graph: a Saver
// over that map loads every shadow value into its model variable.
TEST(ExponentialMovingAverageTest, RestoresTfShadowValuesIntoModelVariables) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir(kEmaFixture);
  TFP_ASSERT_OK_AND_ASSIGN(
      auto imported, ImportMetaGraph(JoinPath(dir, "model.ckpt-29001.meta")));
  ExponentialMovingAverage ema(0.99f);
  SaverOptions options;
  TFP_ASSERT_OK_AND_ASSIGN(options.var_map,
                           ema.VariablesToRestore(*imported->collections));
  EXPECT_EQ(options.var_map.at("layer1/weights/ExponentialMovingAverage"),
            "layer1/weights");
  EXPECT_EQ(options.var_map.at("Variable"), "Variable");
  GraphBuilder b(imported->graph.get());
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(b, options));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, imported->NewSession());
  TFP_ASSERT_OK(
      saver->Restore(session.get(), JoinPath(dir, "model.ckpt-29001")));
  TFP_ASSERT_OK_AND_ASSIGN(auto expected, testing::LoadExpectedTensors(dir));
  std::map<std::string, std::string> sha;
  for (const auto& t : expected.at("model.ckpt-29001").tensors)
    sha[t.name] = t.sha256;
  for (const auto& [key, var] : options.var_map) {
    std::vector<Tensor> out;
    TFP_ASSERT_OK(session->Run({}, {var + ":0"}, {}, &out));
    EXPECT_EQ(testing::TensorSha256(out[0]), sha.at(key))
        << var << " <- " << key;
  }
  EXPECT_EQ(options.var_map.size(), 5u);
}

}  // namespace
}  // namespace tfpersist
