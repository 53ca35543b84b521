// ImportGraphDef: validation of malformed GraphDefs, attrs and defaults,
// all-or-nothing imports, while loops.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/import_graph_def.h"
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

TEST(ImportGraphDefTest, MalformedGraphDefsNameTheCulprit) {
  Graph graph;
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node {
                  name: "y"
                  op: "Identity"
                  input: "ghost:0"
                  attr {
                    key: "T"
                    value { type: DT_FLOAT }
                  }
                }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'y': Unknown input node 'ghost:0'")));
  EXPECT_THAT(
      ImportGraphDef(&graph, GraphDefFromText(R"pb(
        node {
          name: "a"
          op: "Identity"
          input: "b"
          attr {
            key: "T"
            value { type: DT_FLOAT }
          }
        }
        node {
          name: "b"
          op: "Identity"
          input: "a"
          attr {
            key: "T"
            value { type: DT_FLOAT }
          }
        }
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
                node {
                  name: "bad"
                  op: "Identity"
                  input: "^m"
                  input: "n"
                  attr {
                    key: "T"
                    value { type: DT_FLOAT }
                  }
                }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'bad': Control dependencies must come "
                                 "after regular dependencies")));
  EXPECT_EQ(graph.num_nodes(), 0);
}

TEST(ImportGraphDefTest, AttrsAreValidatedAndDefaultsFilled) {
  Graph graph;
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                  node {
                    name: "x"
                    op: "Placeholder"
                    attr {
                      key: "dtype"
                      value { type: DT_FLOAT }
                    }
                  }
                )pb"))
                    .status());
  // Placeholder's stripped default `shape` is filled in.
  EXPECT_TRUE(graph.FindNode("import/x")->def().attr().contains("shape"));
  EXPECT_THAT(ImportGraphDef(&graph, GraphDefFromText(R"pb(
                node { name: "x" op: "Placeholder" }
              )pb")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("dtype")));
}

TEST(ImportGraphDefTest, ProducerDefaultsOfUnknownAttrsAreDropped) {
  auto source = GraphDefFromText(R"pb(
    node {
      name: "x"
      op: "NoOp"
      attr {
        key: "future_attr"
        value { i: 7 }
      }
    }
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
  EXPECT_FALSE(
      graph.FindNode("import/x")->def().attr().contains("future_attr"));
}

TEST(ImportGraphDefTest, VersionsTakeTheMinimumProducer) {
  Graph graph;
  const int before = graph.versions().producer();
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kSource)).status());
  EXPECT_EQ(graph.versions().producer(), std::min(before, 27));
}

// i = 0; while i < 5: i += 1 (testdata/while_loop.pbtxt).
tensorflow::GraphDef WhileLoop() {
  auto g = ReadGraphDefFile(
      JoinPath(TFP_SOURCE_DIR, "tests/tools/testdata/while_loop.pbtxt"));
  EXPECT_THAT(g.status(), testing::IsOk());
  return g.ok() ? *g : tensorflow::GraphDef();
}

TEST(ImportGraphDefTest, WhileLoopsImportAndRun) {
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK(ImportGraphDef(&graph, WhileLoop(), opts).status());
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
                         node {
                           name: "f"
                           op: "Placeholder"
                           attr {
                             key: "dtype"
                             value { type: DT_FLOAT }
                           }
                         }
                       )pb")
                           .node(0);
  *source.add_node() = GraphDefFromText(R"pb(
                         node {
                           name: "bad"
                           op: "AddV2"
                           input: "add"
                           input: "f"
                           attr {
                             key: "T"
                             value { type: DT_INT32 }
                           }
                         }
                       )pb")
                           .node(0);
  EXPECT_THAT(ImportGraphDef(&graph, source),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("bad"), HasSubstr("incompatible"))));
  EXPECT_EQ(graph.num_nodes(), before);
  EXPECT_EQ(graph.FindNode("import_1/add"), nullptr);
  // The graph still works and takes a new import.
  TFP_ASSERT_OK(ImportGraphDef(&graph, GraphDefFromText(kSource)).status());
  EXPECT_EQ(graph.num_nodes(), 2 * before);
}

}  // namespace
}  // namespace tfpersist
