// ExtractSubGraph, RemoveTrainingNodes, StripUnused (spec §3, §5).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tfpersist/tools/graph_util.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using testing::GraphDefFromText;
using ::testing::HasSubstr;
using testing::NodeNames;
using testing::StatusIs;

constexpr char kGraph[] = R"pb(
  node { name: "unused" op: "Const" }
  node { name: "a" op: "Placeholder" }
  node { name: "w" op: "VariableV2" }
  node {
    name: "w/read"
    op: "Identity"
    input: "w"
    attr {
      key: "_class"
      value { list { s: "loc:@w_colocated" } }
    }
  }
  node { name: "w_colocated" op: "NoOp" }
  node { name: "init" op: "NoOp" }
  node { name: "mul" op: "Mul" input: "a:0" input: "w/read" input: "^init" }
  node { name: "out" op: "Identity" input: "mul" }
  node { name: "save" op: "SaveV2" input: "w" }
  library { function { signature { name: "f" } } }
  versions { producer: 26 }
)pb";

TEST(ExtractSubGraphTest, KeepsReachableNodesInOriginalOrder) {
  TFP_ASSERT_OK_AND_ASSIGN(auto sub,
                           ExtractSubGraph(GraphDefFromText(kGraph), {"out"}));
  // Data, control ("^init") and colocation ("loc:@w_colocated") edges.
  EXPECT_THAT(NodeNames(sub), ElementsAre("a", "w", "w/read", "w_colocated",
                                          "init", "mul", "out"));
  EXPECT_EQ(sub.library().function(0).signature().name(), "f");
  EXPECT_EQ(sub.versions().producer(), 26);
}

TEST(ExtractSubGraphTest, SeveralDestinationsAndNoVersions) {
  auto g = GraphDefFromText(kGraph);
  g.clear_versions();
  TFP_ASSERT_OK_AND_ASSIGN(auto sub, ExtractSubGraph(g, {"save", "a"}));
  EXPECT_THAT(NodeNames(sub), ElementsAre("a", "w", "save"));
  EXPECT_FALSE(sub.has_versions());
}

TEST(ExtractSubGraphTest, UnknownOutputNodeNamesItAndClosestNames) {
  EXPECT_THAT(ExtractSubGraph(GraphDefFromText(kGraph), {"outt"}),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("'outt' is not in the graph"),
                             HasSubstr("Closest names: 'out'"))));
}

TEST(ExtractSubGraphTest, TensorNameIsNotAnOpName) {
  EXPECT_THAT(ExtractSubGraph(GraphDefFromText(kGraph), {"out:0"}),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("op names, without ':<index>'")));
}

TEST(ExtractSubGraphTest, DanglingInputNamesNodeAndInput) {
  auto g = GraphDefFromText(R"pb(
    node { name: "out" op: "Identity" input: "ghost:1" }
  )pb");
  EXPECT_THAT(
      ExtractSubGraph(g, {"out"}),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Node 'out' (op Identity) depends on 'ghost'")));
}

TEST(ExtractSubGraphTest, DuplicateNodeNames) {
  auto g = GraphDefFromText(R"pb(
    node { name: "x" op: "Const" }
    node { name: "x" op: "Const" }
  )pb");
  EXPECT_THAT(ExtractSubGraph(g, {"x"}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'x' is not unique")));
}

TEST(ExtractSubGraphTest, CyclesTerminate) {
  auto g = GraphDefFromText(R"pb(
    node { name: "a" op: "Identity" input: "b" }
    node { name: "b" op: "Identity" input: "a" }
  )pb");
  TFP_ASSERT_OK_AND_ASSIGN(auto sub, ExtractSubGraph(g, {"a"}));
  EXPECT_THAT(NodeNames(sub), ElementsAre("a", "b"));
}

TEST(RemoveTrainingNodesTest, SplicesIdentitiesAndDropsCheckNumerics) {
  auto g = GraphDefFromText(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "check" op: "CheckNumerics" input: "x" }
    node { name: "id1" op: "Identity" input: "x:1" }
    node { name: "id2" op: "Identity" input: "id1" }
    node { name: "use" op: "Add" input: "id2" input: "check" }
    node { name: "use0" op: "Neg" input: "id2:0" }
    node { name: "kept" op: "Identity" input: "use" }
    library { function { signature { name: "f" } } }
  )pb");
  TFP_ASSERT_OK_AND_ASSIGN(auto out, RemoveTrainingNodes(g, {"kept"}));
  EXPECT_THAT(NodeNames(out), ElementsAre("x", "use", "use0", "kept"));
  // The chain id2 -> id1 -> "x:1" is followed; the CheckNumerics input is
  // dropped (TF does not rewire it); "id2:0" is not the bare name.
  EXPECT_THAT(out.node(1).input(), ElementsAre("x:1"));
  EXPECT_THAT(out.node(2).input(), ElementsAre("id2:0"));
  EXPECT_FALSE(out.has_library());
}

TEST(RemoveTrainingNodesTest, KeepsIdentitiesInvolvedInControlEdges) {
  auto g = GraphDefFromText(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "c" op: "NoOp" }
    node { name: "with_ctl" op: "Identity" input: "x" input: "^c" }
    node { name: "ctl_target" op: "Identity" input: "x" }
    node {
      name: "y"
      op: "Add"
      input: "with_ctl"
      input: "x"
      input: "^ctl_target"
    }
  )pb");
  TFP_ASSERT_OK_AND_ASSIGN(auto out, RemoveTrainingNodes(g));
  EXPECT_THAT(NodeNames(out),
              ElementsAre("x", "c", "with_ctl", "ctl_target", "y"));
}

TEST(RemoveTrainingNodesTest, IdentityWithoutInputIsAnError) {
  auto g = GraphDefFromText(R"pb(node { name: "id" op: "Identity" })pb");
  EXPECT_THAT(RemoveTrainingNodes(g),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'id'")));
}

TEST(StripUnusedTest, InputsBecomePlaceholdersAndUpstreamGoes) {
  auto g = GraphDefFromText(R"pb(
    node { name: "raw" op: "Placeholder" }
    node {
      name: "decoded"
      op: "Cast"
      input: "raw"
      attr {
        key: "shape"
        value { shape { dim { size: 2 } } }
      }
      attr {
        key: "SrcT"
        value { type: DT_INT32 }
      }
    }
    node { name: "out" op: "Neg" input: "decoded" }
  )pb");
  TFP_ASSERT_OK_AND_ASSIGN(auto out,
                           StripUnused(g, {"decoded"}, {"out"}, {DT_FLOAT}));
  EXPECT_THAT(NodeNames(out), ElementsAre("decoded", "out"));
  const auto& p = out.node(0);
  EXPECT_EQ(p.op(), "Placeholder");
  EXPECT_EQ(p.input_size(), 0);
  EXPECT_EQ(p.attr().at("dtype").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(p.attr().at("shape").shape().dim(0).size(), 2);
  EXPECT_FALSE(p.attr().contains("SrcT"));
}

TEST(StripUnusedTest, MissingInputAndBadTypeCount) {
  auto g = GraphDefFromText(R"pb(node { name: "out" op: "NoOp" })pb");
  EXPECT_THAT(StripUnused(g, {"nope"}, {"out"}, {DT_FLOAT}),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("input nodes were not found: 'nope'")));
  EXPECT_THAT(StripUnused(g, {"a", "b", "c"}, {"out"}, {DT_FLOAT, DT_INT32}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("2 placeholder types for 3 input nodes")));
}

}  // namespace
}  // namespace tfpersist
