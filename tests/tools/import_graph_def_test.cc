// ImportGraphDef (tf.import_graph_def, spec §7) on small graphs.
#include "tfpersist/tools/import_graph_def.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tools/graph_def_text.h"
#include "tools/import_test_util.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using testing::GraphDefFromText;
using ::testing::HasSubstr;
using testing::kSource;
using testing::RunGraph;
using testing::StatusIs;

TEST(ImportGraphDefTest, PrefixesNamesInputsAndColocation) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK_AND_ASSIGN(
      auto r, ImportGraphDef(&graph, GraphDefFromText(kSource), opts));
  EXPECT_EQ(r.prefix, "Net");
  ASSERT_EQ(r.nodes.size(), 4u);
  TFP_ASSERT_OK_AND_ASSIGN(Node * add, graph.operation("Net/add"));
  EXPECT_THAT(add->def().input(), ElementsAre("Net/x", "Net/c/read", "^Net/c"));
  TFP_ASSERT_OK_AND_ASSIGN(Node * read, graph.operation("Net/c/read"));
  EXPECT_EQ(read->def().attr().at("_class").list().s(0), "loc:@Net/c");
  // Colocated nodes take the device of their colocation target.
  EXPECT_EQ(read->device(), "/device:CPU:0");
  TFP_ASSERT_OK_AND_ASSIGN(Output sum, graph.tensor("Net/add:0"));
  EXPECT_EQ(sum.node, add);
  Tensor out =
      RunGraph(graph, "Net/add:0", {{"Net/x:0", Tensor::Scalar<int32_t>(2)}});
  EXPECT_EQ(out.scalar<int32_t>(), 42);
}

TEST(ImportGraphDefTest, DefaultPrefixIsImportAndUniquified) {
  Graph graph;
  const auto source = GraphDefFromText(kSource);
  TFP_ASSERT_OK_AND_ASSIGN(auto r1, ImportGraphDef(&graph, source));
  TFP_ASSERT_OK_AND_ASSIGN(auto r2, ImportGraphDef(&graph, source));
  ImportGraphDefOptions net;
  net.name = "Net";
  TFP_ASSERT_OK_AND_ASSIGN(auto r3, ImportGraphDef(&graph, source, net));
  TFP_ASSERT_OK_AND_ASSIGN(auto r4, ImportGraphDef(&graph, source, net));
  EXPECT_EQ(r1.prefix, "import");
  EXPECT_EQ(r2.prefix, "import_1");
  EXPECT_EQ(r3.prefix, "Net");
  EXPECT_EQ(r4.prefix, "Net_1");
  EXPECT_NE(graph.FindNode("import_1/add"), nullptr);
  EXPECT_NE(graph.FindNode("Net_1/c/read"), nullptr);
}

TEST(ImportGraphDefTest, EmptyNameMeansNoPrefixAndUniquifiesClashes) {
  Graph graph;
  const auto source = GraphDefFromText(kSource);
  ImportGraphDefOptions opts;
  opts.name = "";
  TFP_ASSERT_OK_AND_ASSIGN(auto r1, ImportGraphDef(&graph, source, opts));
  EXPECT_EQ(r1.prefix, "");
  EXPECT_NE(graph.FindNode("add"), nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(auto r2, ImportGraphDef(&graph, source, opts));
  // "c" exists as a node (and as scope of "c/read"): TF's FindUniqueName.
  EXPECT_EQ(r2.uniquified_names.at("c"), "c_1");
  EXPECT_EQ(r2.uniquified_names.at("add"), "add_1");
  TFP_ASSERT_OK_AND_ASSIGN(Node * add1, graph.operation("add_1"));
  EXPECT_THAT(add1->def().input(), ElementsAre("x_1", "c/read_1", "^c_1"));
  EXPECT_EQ(graph.FindNode("c/read_1")->def().attr().at("_class").list().s(0),
            "loc:@c_1");
}

TEST(ImportGraphDefTest, InputMapRewiresConsumersAndKeepsTheSource) {
  Graph graph;
  GraphBuilder b(&graph);
  Output feed = Placeholder(b, DT_INT32, PartialTensorShape({}), "feed");
  TFP_ASSERT_OK(b.status());
  ImportGraphDefOptions opts;
  opts.name = "Net";
  opts.input_map["x"] = feed;  // "x" means "x:0"
  opts.return_elements = {"add:0", "add", "x:0"};
  TFP_ASSERT_OK_AND_ASSIGN(
      auto r, ImportGraphDef(&graph, GraphDefFromText(kSource), opts));
  EXPECT_THAT(graph.FindNode("Net/add")->def().input(),
              ElementsAre("feed", "Net/c/read", "^Net/c"));
  EXPECT_NE(graph.FindNode("Net/x"), nullptr);  // still imported
  ASSERT_EQ(r.return_elements.size(), 3u);
  EXPECT_TRUE(r.return_elements[0].is_tensor());
  EXPECT_EQ(r.return_elements[0].tensor.name(), "Net/add:0");
  EXPECT_EQ(r.return_elements[1].operation, graph.FindNode("Net/add"));
  // A mapped tensor returns its replacement.
  EXPECT_EQ(r.return_elements[2].tensor.name(), "feed:0");
  Tensor out =
      RunGraph(graph, "Net/add:0", {{"feed:0", Tensor::Scalar<int32_t>(1)}});
  EXPECT_EQ(out.scalar<int32_t>(), 41);
}

TEST(ImportGraphDefTest, ControlInputMapAndControlDependencies) {
  Graph graph;
  GraphBuilder b(&graph);
  Node* gate = NoOp(b, "gate");
  Node* other = NoOp(b, "other");
  TFP_ASSERT_OK(b.status());
  ImportGraphDefOptions opts;
  opts.name = "Net";
  opts.control_input_map["^c"] = gate;
  opts.control_dependencies = {other};
  TFP_ASSERT_OK_AND_ASSIGN(
      auto r, ImportGraphDef(&graph, GraphDefFromText(kSource), opts));
  EXPECT_THAT(graph.FindNode("Net/add")->def().input(),
              ElementsAre("Net/x", "Net/c/read", "^gate"));
  // Only nodes without imported inputs get the control dependency.
  EXPECT_THAT(graph.FindNode("Net/x")->def().input(), ElementsAre("^other"));
  EXPECT_THAT(graph.FindNode("Net/c/read")->def().input(),
              ElementsAre("Net/c"));
}

TEST(ImportGraphDefTest, InputMapKeysThatMatchNothingAreNamed) {
  Graph graph;
  GraphBuilder b(&graph);
  Output feed = Placeholder(b, DT_INT32, PartialTensorShape({}), "feed");
  ImportGraphDefOptions opts;
  opts.input_map["nope"] = feed;
  opts.input_map["add:3"] = feed;  // add has one output
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(kSource), opts),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Attempted to map inputs that were not found "
                                 "in graph_def: [add:3, nope:0]")));
  EXPECT_EQ(graph.num_nodes(), 1);  // nothing imported
}

TEST(ImportGraphDefTest, ReturnElementsNotInGraphDef) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.return_elements = {"add:1"};
  EXPECT_THAT(
      ImportGraphDef(&graph, GraphDefFromText(kSource), opts),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Requested return_element 'add:1' not found")));
}

TEST(ImportGraphDefTest, LookupsNameTheMissingNameAndClosestNames) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK(
      ImportGraphDef(&graph, GraphDefFromText(kSource), opts).status());
  EXPECT_THAT(graph.tensor("Net/ad:0"),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("Net/ad"), HasSubstr("'Net/add'"))));
  EXPECT_THAT(graph.tensor("Net/add"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("Operation")));
}

}  // namespace
}  // namespace tfpersist
