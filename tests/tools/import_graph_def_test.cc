// ImportGraphDef (tf.import_graph_def, spec §7) on small graphs.
#include "tfpersist/tools/import_graph_def.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::GraphDefFromText;
using testing::StatusIs;

// add = x + c, with a colocated Identity and a control edge.
constexpr char kSource[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_INT32 } }
  }
  node {
    name: "c"
    op: "Const"
    device: "/device:CPU:0"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr {
      key: "value"
      value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 40 } }
    }
  }
  node {
    name: "c/read"
    op: "Identity"
    input: "c"
    attr { key: "T" value { type: DT_INT32 } }
    attr { key: "_class" value { list { s: "loc:@c" } } }
  }
  node {
    name: "add"
    op: "AddV2"
    input: "x"
    input: "c/read"
    input: "^c"
    attr { key: "T" value { type: DT_INT32 } }
  }
  versions { producer: 27 }
)pb";

Tensor RunGraph(const Graph& graph, const std::string& fetch,
                std::vector<std::pair<std::string, Tensor>> feeds = {}) {
  auto session = Session::Create(graph.ToGraphDef());
  EXPECT_THAT(session.status(), testing::IsOk());
  if (!session.ok()) return Tensor();
  std::vector<Tensor> out;
  EXPECT_THAT((*session)->Run(feeds, {fetch}, {}, &out), testing::IsOk());
  return out.empty() ? Tensor() : out[0];
}

TEST(ImportGraphDefTest, PrefixesNamesInputsAndColocation) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK_AND_ASSIGN(auto r, ImportGraphDef(&graph, GraphDefFromText(kSource), opts));
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
  Tensor out = RunGraph(graph, "Net/add:0", {{"Net/x:0", Tensor::Scalar<int32_t>(2)}});
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
  TFP_ASSERT_OK_AND_ASSIGN(auto r, ImportGraphDef(&graph, GraphDefFromText(kSource), opts));
  EXPECT_THAT(graph.FindNode("Net/add")->def().input(),
              ElementsAre("feed", "Net/c/read", "^Net/c"));
  EXPECT_NE(graph.FindNode("Net/x"), nullptr);  // still imported
  ASSERT_EQ(r.return_elements.size(), 3u);
  EXPECT_TRUE(r.return_elements[0].is_tensor());
  EXPECT_EQ(r.return_elements[0].tensor.name(), "Net/add:0");
  EXPECT_EQ(r.return_elements[1].operation, graph.FindNode("Net/add"));
  // A mapped tensor returns its replacement.
  EXPECT_EQ(r.return_elements[2].tensor.name(), "feed:0");
  Tensor out = RunGraph(graph, "Net/add:0", {{"feed:0", Tensor::Scalar<int32_t>(1)}});
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
  TFP_ASSERT_OK_AND_ASSIGN(auto r, ImportGraphDef(&graph, GraphDefFromText(kSource), opts));
  EXPECT_THAT(graph.FindNode("Net/add")->def().input(),
              ElementsAre("Net/x", "Net/c/read", "^gate"));
  // Only nodes without imported inputs get the control dependency.
  EXPECT_THAT(graph.FindNode("Net/x")->def().input(), ElementsAre("^other"));
  EXPECT_THAT(graph.FindNode("Net/c/read")->def().input(), ElementsAre("Net/c"));
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
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(kSource), opts),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Requested return_element 'add:1' not found")));
}

TEST(ImportGraphDefTest, MalformedGraphDefsNameTheCulprit) {
  Graph graph;
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node { name: "y" op: "Identity" input: "ghost:0"
                       attr { key: "T" value { type: DT_FLOAT } } }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'y': Unknown input node 'ghost:0'")));
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node { name: "a" op: "Identity" input: "b"
                       attr { key: "T" value { type: DT_FLOAT } } }
                node { name: "b" op: "Identity" input: "a"
                       attr { key: "T" value { type: DT_FLOAT } } }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("contains a cycle with 2 nodes, including: a, b")));
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node { name: "f" op: "FancyOp" }
              )pb")),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("'f'"), HasSubstr("FancyOp"))));
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node { name: "n" op: "NoOp" input: "^m" }
                node { name: "m" op: "NoOp" }
                node { name: "bad" op: "Identity" input: "^m" input: "n"
                       attr { key: "T" value { type: DT_FLOAT } } }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'bad': Control dependencies must come "
                                 "after regular dependencies")));
  EXPECT_EQ(graph.num_nodes(), 0);
}

TEST(ImportGraphDefTest, AttrsAreValidatedAndDefaultsFilled) {
  Graph graph;
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                  node { name: "x" op: "Placeholder"
                         attr { key: "dtype" value { type: DT_FLOAT } } }
                )pb")).status());
  // Placeholder's stripped default `shape` is filled in.
  EXPECT_TRUE(graph.FindNode("import/x")->def().attr().contains("shape"));
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node { name: "x" op: "Placeholder" }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("dtype")));
}

TEST(ImportGraphDefTest, ProducerDefaultsOfUnknownAttrsAreDropped) {
  auto source = GraphDefFromText(R"pb(
    node { name: "x" op: "NoOp"
           attr { key: "future_attr" value { i: 7 } } }
  )pb");
  tensorflow::OpList producer;
  auto* op = producer.add_op();
  op->set_name("NoOp");
  auto* a = op->add_attr();
  a->set_name("future_attr");
  a->set_type("int");
  a->mutable_default_value()->set_i(7);
  Graph graph;
  ImportGraphDefOptions opts;
  opts.producer_op_list = &producer;
  TFP_ASSERT_OK(ImportGraphDef(&graph, source, opts).status());
  EXPECT_FALSE(graph.FindNode("import/x")->def().attr().contains("future_attr"));
}

TEST(ImportGraphDefTest, VersionsTakeTheMinimumProducer) {
  Graph graph;
  const int before = graph.versions().producer();
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kSource)).status());
  EXPECT_EQ(graph.versions().producer(), std::min(before, 27));
}

// i = 0; while i < 5: i += 1 (TF1 while_loop nodes).
constexpr char kWhileLoop[] = R"pb(
  node { name: "zero" op: "Const"
         attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "five" op: "Const"
         attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 5 } } } }
  node { name: "w/Enter" op: "Enter" input: "zero"
         attr { key: "T" value { type: DT_INT32 } }
         attr { key: "frame_name" value { s: "w" } } }
  node { name: "w/Merge" op: "Merge" input: "w/Enter" input: "w/NextIteration"
         attr { key: "T" value { type: DT_INT32 } }
         attr { key: "N" value { i: 2 } } }
  node { name: "w/five" op: "Enter" input: "five"
         attr { key: "T" value { type: DT_INT32 } }
         attr { key: "frame_name" value { s: "w" } }
         attr { key: "is_constant" value { b: true } } }
  node { name: "w/Less" op: "Less" input: "w/Merge" input: "w/five"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "w/LoopCond" op: "LoopCond" input: "w/Less" }
  node { name: "w/Switch" op: "Switch" input: "w/Merge" input: "w/LoopCond"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "w/Identity" op: "Identity" input: "w/Switch:1"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "w/one" op: "Const" input: "^w/Identity"
         attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } } }
  node { name: "w/add" op: "AddV2" input: "w/Identity" input: "w/one"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "w/NextIteration" op: "NextIteration" input: "w/add"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "w/Exit" op: "Exit" input: "w/Switch"
         attr { key: "T" value { type: DT_INT32 } } }
)pb";

TEST(ImportGraphDefTest, WhileLoopsImportAndRun) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kWhileLoop), opts).status());
  EXPECT_THAT(graph.FindNode("Net/w/Merge")->def().input(),
              ElementsAre("Net/w/Enter", "Net/w/NextIteration"));
  EXPECT_EQ(RunGraph(graph, "Net/w/Exit:0").scalar<int32_t>(), 5);
}

TEST(ImportGraphDefTest, FailedImportLeavesTheGraphUnchanged) {
  Graph graph;
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kSource)).status());
  const int before = graph.num_nodes();
  // "bad" feeds a float into an int32 AddV2: found when linking, after the
  // earlier nodes of the batch were created.
  auto source = GraphDefFromText(kSource);
  *source.add_node() = GraphDefFromText(R"pb(
    node { name: "f" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  )pb").node(0);
  *source.add_node() = GraphDefFromText(R"pb(
    node { name: "bad" op: "AddV2" input: "add" input: "f"
           attr { key: "T" value { type: DT_INT32 } } }
  )pb").node(0);
  EXPECT_THAT(ImportGraphDef(&graph, source),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("bad"), HasSubstr("incompatible"))));
  EXPECT_EQ(graph.num_nodes(), before);
  EXPECT_EQ(graph.FindNode("import_1/add"), nullptr);
  // The graph still works and takes a new import.
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kSource)).status());
  EXPECT_EQ(graph.num_nodes(), 2 * before);
}

TEST(ImportGraphDefTest, LookupsNameTheMissingNameAndClosestNames) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kSource), opts).status());
  EXPECT_THAT(graph.tensor("Net/ad:0"),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("Net/ad"), HasSubstr("'Net/add'"))));
  EXPECT_THAT(graph.tensor("Net/add"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("Operation")));
}

}  // namespace
}  // namespace tfpersist
