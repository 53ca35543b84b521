#include "tfpersist/graph/graph.h"

#include <gtest/gtest.h>

#include "graph/op_registry.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::GraphFromText;
using ::tfpersist::testing::NodeFromText;
using ::tfpersist::testing::StatusIs;

// y = x * 2 + w, declared out of order.
constexpr char kGraph[] = R"pb(
  node {
    name: "add"
    op: "AddV2"
    input: "mul"
    input: "w/read"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "two"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "value"
      value { tensor { dtype: DT_FLOAT float_val: 2 } }
    }
  }
  node {
    name: "mul"
    op: "Mul"
    input: "x"
    input: "two:0"
    input: "^w/read"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "w"
    op: "VariableV2"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape {} }
    }
  }
  node {
    name: "w/read"
    op: "Identity"
    input: "w"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  versions { producer: 27 }
)pb";

TEST(GraphTest, FromGraphDefAnyOrderFillsDefaultsAndLinks) {
  TFP_ASSERT_OK_AND_ASSIGN(auto g, Graph::FromGraphDef(GraphFromText(kGraph)));
  EXPECT_EQ(g->num_nodes(), 6);
  Node* mul = g->FindNode("mul");
  ASSERT_NE(mul, nullptr);
  EXPECT_EQ(mul->input(0).node->name(), "x");
  EXPECT_EQ(mul->input(1).node->name(), "two");
  ASSERT_EQ(mul->control_inputs().size(), 1u);
  EXPECT_EQ(mul->control_inputs()[0]->name(), "w/read");
  // Default attrs filled in: Placeholder shape, VariableV2 container.
  EXPECT_TRUE(
      g->FindNode("x")->def().attr().at("shape").shape().unknown_rank());
  EXPECT_EQ(g->FindNode("w")->def().attr().at("container").s(), "");
  EXPECT_THAT(g->FindNode("w")->output_types(), ElementsAre(DT_FLOAT_REF));
  EXPECT_EQ(g->versions().producer(), 27);
}

TEST(GraphTest, ToGraphDefWritesInsertionOrderAndCanonicalInputs) {
  TFP_ASSERT_OK_AND_ASSIGN(auto g, Graph::FromGraphDef(GraphFromText(kGraph)));
  tensorflow::GraphDef out = g->ToGraphDef();
  ASSERT_EQ(out.node_size(), 6);
  EXPECT_EQ(out.node(0).name(), "add");
  EXPECT_THAT(out.node(3).input(), ElementsAre("x", "two", "^w/read"));
  EXPECT_EQ(out.versions().producer(), 27);
  EXPECT_FALSE(out.has_library());
}

TEST(GraphTest, TopologicalOrderFollowsEdges) {
  TFP_ASSERT_OK_AND_ASSIGN(auto g, Graph::FromGraphDef(GraphFromText(kGraph)));
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Node*> order, g->TopologicalOrder());
  std::vector<std::string> names;
  for (Node* n : order) names.push_back(n->name());
  EXPECT_THAT(names, ElementsAre("x", "two", "w", "w/read", "mul", "add"));
}

TEST(GraphTest, LookupsSuggestClosestNames) {
  TFP_ASSERT_OK_AND_ASSIGN(auto g, Graph::FromGraphDef(GraphFromText(kGraph)));
  TFP_ASSERT_OK_AND_ASSIGN(Output t, g->tensor("w/read:0"));
  EXPECT_EQ(t.name(), "w/read:0");
  EXPECT_EQ(t.dtype(), DT_FLOAT);
  TFP_ASSERT_OK_AND_ASSIGN(Node * op, g->operation("mul"));
  EXPECT_EQ(op->op(), "Mul");
  EXPECT_THAT(g->operation("mull"),
              StatusIs(StatusCode::kNotFound,
                       "The name 'mull' refers to an Operation not in the "
                       "graph. Closest names: 'mul', 'add', 'two'."));
  EXPECT_THAT(g->tensor("w/raed:0"),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("The operation, 'w/raed', does not exist in "
                                 "the graph. Closest names: 'w/read'")));
  EXPECT_THAT(g->tensor("mul:1"),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("exists but only has 1 outputs")));
  EXPECT_THAT(g->tensor("mul"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("refers to an Operation, not a Tensor")));
  EXPECT_THAT(g->operation("mul:0"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("looks like a Tensor name")));
}

StatusOr<std::unique_ptr<Graph>> Import(const std::string& text) {
  return Graph::FromGraphDef(GraphFromText(text));
}

TEST(GraphTest, MalformedGraphsFailWithExactErrors) {
  EXPECT_THAT(Import(R"pb(node {
                            name: "a"
                            op: "Identity"
                            input: "nope"
                            attr {
                              key: "T"
                              value { type: DT_FLOAT }
                            }
                          })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       "Node 'a' (op Identity): Unknown input node 'nope'"));
  EXPECT_THAT(Import(R"pb(node { name: "a" op: "NoOp" }
                          node { name: "a" op: "NoOp" })pb"),
              StatusIs(StatusCode::kInvalidArgument, "Node 'a' is not unique"));
  EXPECT_THAT(Import(R"pb(node { name: "a b" op: "NoOp" })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node name contains invalid characters")));
  EXPECT_THAT(Import(R"pb(node {
                            name: "c"
                            op: "Const"
                            attr {
                              key: "dtype"
                              value { s: "float" }
                            }
                            attr {
                              key: "value"
                              value { tensor {} }
                            }
                          })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'c' (op Const): for attr 'dtype': "
                                 "AttrValue had value with type 'string' "
                                 "when 'type' expected")));
  EXPECT_THAT(Import(R"pb(node { name: "f" op: "FancyOp" })pb"),
              StatusIs(StatusCode::kNotFound,
                       "Node 'f' (op FancyOp): Op type not registered "
                       "'FancyOp'"));
  EXPECT_THAT(Import(R"pb(node {
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
                          })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("GraphDef contains a cycle (only "
                                 "NextIteration may close a loop): nodes "
                                 "'a', 'b'")));
  EXPECT_THAT(Import(R"pb(node {
                            name: "x"
                            op: "Placeholder"
                            attr {
                              key: "dtype"
                              value { type: DT_INT32 }
                            }
                          }
                          node {
                            name: "s"
                            op: "StringJoin"
                            input: "x"
                            attr {
                              key: "N"
                              value { i: 1 }
                            }
                          })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       "Input 0 of node s was passed int32 from x:0 "
                       "incompatible with expected string."));
  EXPECT_THAT(Import(R"pb(node {
                            name: "x"
                            op: "Placeholder"
                            attr {
                              key: "dtype"
                              value { type: DT_FLOAT }
                            }
                          }
                          node {
                            name: "s"
                            op: "Identity"
                            input: "x:1"
                            attr {
                              key: "T"
                              value { type: DT_FLOAT }
                            }
                          })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Connecting to invalid output 1 of source "
                                 "node x which has 1 outputs")));
}

TEST(GraphTest, RefInputNeedsRefOutput) {
  EXPECT_THAT(Import(R"pb(node {
                            name: "x"
                            op: "Placeholder"
                            attr {
                              key: "dtype"
                              value { type: DT_FLOAT }
                            }
                          }
                          node {
                            name: "a"
                            op: "Assign"
                            input: "x"
                            input: "x"
                            attr {
                              key: "T"
                              value { type: DT_FLOAT }
                            }
                          })pb"),
              StatusIs(StatusCode::kInvalidArgument,
                       "Input 0 of node a was passed float from x:0 "
                       "incompatible with expected float_ref."));
}

// A while loop: Merge takes a NextIteration back edge.
TEST(GraphTest, CyclesThroughNextIterationAreAllowed) {
  TFP_ASSERT_OK_AND_ASSIGN(auto g, Import(R"pb(
                             node {
                               name: "c"
                               op: "Const"
                               attr {
                                 key: "dtype"
                                 value { type: DT_INT32 }
                               }
                               attr {
                                 key: "value"
                                 value { tensor { dtype: DT_INT32 int_val: 0 } }
                               }
                             }
                             node {
                               name: "enter"
                               op: "Enter"
                               input: "c"
                               attr {
                                 key: "T"
                                 value { type: DT_INT32 }
                               }
                               attr {
                                 key: "frame_name"
                                 value { s: "loop" }
                               }
                             }
                             node {
                               name: "merge"
                               op: "Merge"
                               input: "enter"
                               input: "next"
                               attr {
                                 key: "T"
                                 value { type: DT_INT32 }
                               }
                               attr {
                                 key: "N"
                                 value { i: 2 }
                               }
                             }
                             node {
                               name: "next"
                               op: "NextIteration"
                               input: "merge"
                               attr {
                                 key: "T"
                                 value { type: DT_INT32 }
                               }
                             })pb"));
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Node*> order, g->TopologicalOrder());
  EXPECT_EQ(order.size(), 4u);
}

TEST(GraphTest, ExtraOpListAndLibraryFunctionsSupplyOpDefs) {
  tensorflow::OpList extra;
  extra.add_op()->set_name("Custom");
  auto* out = extra.mutable_op(0)->add_output_arg();
  out->set_name("y");
  out->set_type(tensorflow::DT_FLOAT);
  const std::string text = R"pb(
    node { name: "c" op: "Custom" }
    node {
      name: "i"
      op: "Identity"
      input: "c"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
    node { name: "call" op: "my_fn" input: "c" }
    library {
      function {
        signature {
          name: "my_fn"
          input_arg { name: "a" type: DT_FLOAT }
        }
      }
    })pb";
  EXPECT_THAT(Graph::FromGraphDef(GraphFromText(text)),
              StatusIs(StatusCode::kNotFound, HasSubstr("'Custom'")));
  TFP_ASSERT_OK_AND_ASSIGN(auto g,
                           Graph::FromGraphDef(GraphFromText(text), &extra));
  EXPECT_EQ(g->FindNode("call")->num_inputs(), 1);
  EXPECT_EQ(g->ToGraphDef().library().function_size(), 1);
}

TEST(GraphTest, UnknownAttrEqualToProducerDefaultIsDropped) {
  tensorflow::OpList producer;
  *producer.add_op() = **OpRegistry::Global()->LookUpOpDef("NoOp");
  auto* attr = producer.mutable_op(0)->add_attr();
  attr->set_name("newer_attr");
  attr->set_type("int");
  attr->mutable_default_value()->set_i(7);
  const std::string text = R"pb(node {
                                  name: "n"
                                  op: "NoOp"
                                  attr {
                                    key: "newer_attr"
                                    value { i: 7 }
                                  }
                                })pb";
  EXPECT_THAT(Graph::FromGraphDef(GraphFromText(text)),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("NodeDef mentions attr 'newer_attr'")));
  TFP_ASSERT_OK_AND_ASSIGN(auto g,
                           Graph::FromGraphDef(GraphFromText(text), &producer));
  EXPECT_FALSE(g->FindNode("n")->def().attr().contains("newer_attr"));
}

TEST(GraphTest, FailedAddNodeLeavesGraphUnchanged) {
  Graph g;
  TFP_ASSERT_OK(g.AddNode(NodeFromText(R"pb(name: "x"
                                            op: "Placeholder"
                                            attr {
                                              key: "dtype"
                                              value { type: DT_INT32 }
                                            })pb"))
                    .status());
  EXPECT_THAT(g.AddNode(NodeFromText(R"pb(name: "s"
                                          op: "StringJoin"
                                          input: "x"
                                          attr {
                                            key: "N"
                                            value { i: 1 }
                                          })pb")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("Input 0")));
  EXPECT_EQ(g.num_nodes(), 1);
  EXPECT_EQ(g.FindNode("s"), nullptr);
  EXPECT_TRUE(g.FindNode("x")->consumers().empty());
  EXPECT_EQ(g.UniqueName("s"), "s");
}

}  // namespace
}  // namespace tfpersist
