// GetOrCreateGlobalStep: TF 1.15's get_or_create_global_step nodes and
// collections; a second call returns the same variable; the Saver's
// global_step_tensor reads it.
#include "tfpersist/train/training_util.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;

TEST(GetOrCreateGlobalStepTest, BuildsTheTfNodesAndCollections) {
  Graph graph;
  GraphBuilder b(&graph);
  Collections collections;
  TFP_ASSERT_OK_AND_ASSIGN(RefVariable step,
                           GetOrCreateGlobalStep(b, &collections));
  EXPECT_EQ(step.name(), "global_step");
  std::vector<std::string> names;
  for (const Node* n : graph.nodes()) names.push_back(n->name());
  EXPECT_THAT(names, ElementsAre("global_step/Initializer/zeros", "global_step",
                                 "global_step/Assign", "global_step/read"));
  EXPECT_EQ(graph.FindNode("global_step/Initializer/zeros")
                ->def()
                .attr()
                .at("_class")
                .list()
                .s(0),
            "loc:@global_step");
  TFP_ASSERT_OK_AND_ASSIGN(auto defs,
                           collections.GetVariableDefs("global_step"));
  ASSERT_EQ(defs.size(), 1u);
  EXPECT_EQ(defs[0].initial_value_name(), "global_step/Initializer/zeros:0");
  EXPECT_FALSE(defs[0].trainable());
  EXPECT_EQ(defs[0].aggregation(),
            tensorflow::VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA);
  TFP_ASSERT_OK_AND_ASSIGN(RefVariable again,
                           GetOrCreateGlobalStep(b, &collections));
  EXPECT_EQ(again.variable.node, step.variable.node);
  EXPECT_EQ(graph.num_nodes(), 4);
}

TEST(GetOrCreateGlobalStepTest, SaverNamesCheckpointsAfterIt) {
  Graph graph;
  GraphBuilder b(&graph);
  Collections collections;
  TFP_ASSERT_OK_AND_ASSIGN(RefVariable step,
                           GetOrCreateGlobalStep(b, &collections));
  AssignAdd(b, step.variable, Constant(b, Tensor::Scalar<int64_t>(1)),
            "increment");
  GlobalVariablesInitializer(b);
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(b, {}, &collections));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(graph.ToGraphDef()));
  TFP_ASSERT_OK(session->Run({}, {}, {"init"}, nullptr));
  for (int i = 0; i < 3; ++i)
    TFP_ASSERT_OK(session->Run({}, {}, {"increment"}, nullptr));
  SaveOptions options;
  options.global_step_tensor = "global_step";
  const std::string dir = testing::NewTempDir("global_step");
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string p, saver->Save(session.get(), JoinPath(dir, "m"), options));
  EXPECT_EQ(p, JoinPath(dir, "m-3"));
}

}  // namespace
}  // namespace tfpersist
