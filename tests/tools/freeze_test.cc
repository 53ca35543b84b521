// ConvertVariablesToConstants on graphs built here (spec §4).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/tensor_proto.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/tools/graph_util.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using testing::FindNodeDef;
using testing::GraphDefFromText;
using ::testing::HasSubstr;
using testing::NodeNames;
using testing::ProtoEquals;
using testing::StatusIs;
using ::testing::UnorderedElementsAre;

std::vector<std::string> AttrNames(const tensorflow::NodeDef& n) {
  std::vector<std::string> names;
  for (const auto& [k, v] : n.attr()) names.push_back(k);
  return names;
}

// v1 = [1, 2, 3], v2 = 10 (scalar), add = v1 + v2, and an init op.
class FreezeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Graph graph;
    GraphBuilder b(&graph);
    RefVariable v1 = Variable(b, Tensor::FromVector<float>({1, 2, 3}), "v1");
    RefVariable v2 = Variable(b, Tensor::Scalar<float>(10), "v2");
    Add(b, v1.value(), v2.value(), "add");
    GlobalVariablesInitializer(b);
    TFP_ASSERT_OK(b.status());
    graph_def_ = graph.ToGraphDef();
    for (auto& n : *graph_def_.mutable_node()) n.set_device("/device:CPU:0");
    TFP_ASSERT_OK_AND_ASSIGN(session_, Session::Create(graph_def_));
    TFP_ASSERT_OK(session_->Run({}, {}, {"init"}, nullptr));
  }

  Tensor RunAdd(const tensorflow::GraphDef& g) {
    auto session = Session::Create(g);
    EXPECT_THAT(session.status(), testing::IsOk());
    std::vector<Tensor> out;
    EXPECT_THAT((*session)->Run({}, {"add:0"}, {}, &out), testing::IsOk());
    return out.empty() ? Tensor() : out[0];
  }

  tensorflow::GraphDef graph_def_;
  std::unique_ptr<Session> session_;
};

TEST_F(FreezeTest, VariablesBecomeConstsWithOnlyDtypeAndValue) {
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen,
      ConvertVariablesToConstants(session_.get(), graph_def_, {"add"}));
  EXPECT_THAT(NodeNames(frozen),
              ElementsAre("v1", "v1/read", "v2", "v2/read", "add"));
  const auto& v1 = *FindNodeDef(frozen, "v1");
  EXPECT_EQ(v1.op(), "Const");
  EXPECT_THAT(AttrNames(v1), UnorderedElementsAre("dtype", "value"));
  EXPECT_TRUE(v1.device().empty());
  EXPECT_EQ(v1.input_size(), 0);
  // Python's make_tensor_proto: arrays in tensor_content, scalars typed.
  const auto& p1 = v1.attr().at("value").tensor();
  EXPECT_EQ(p1.tensor_content().size(), 3 * sizeof(float));
  const auto& p2 = FindNodeDef(frozen, "v2")->attr().at("value").tensor();
  EXPECT_THAT(p2.float_val(), ElementsAre(10.0f));
  EXPECT_TRUE(p2.has_tensor_shape());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t1, TensorFromProto(p1));
  EXPECT_THAT(t1.flat<float>(), ElementsAre(1, 2, 3));
  // The reads stay as they were (device included), versions go, library
  // stays present (TF1 writes an empty library field).
  EXPECT_TRUE(ProtoEquals(*FindNodeDef(frozen, "v1/read"),
                          *FindNodeDef(graph_def_, "v1/read")));
  EXPECT_FALSE(frozen.has_versions());
  EXPECT_TRUE(frozen.has_library());
}

TEST_F(FreezeTest, FrozenGraphComputesWhatTheSessionComputed) {
  std::vector<Tensor> live;
  TFP_ASSERT_OK(session_->Run({}, {"add:0"}, {}, &live));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen,
      ConvertVariablesToConstants(session_.get(), graph_def_, {"add"}));
  Tensor out = RunAdd(frozen);
  ASSERT_TRUE(out.IsInitialized());
  EXPECT_TRUE(out.IsSameAs(live[0])) << out.DebugString();
}

TEST_F(FreezeTest, ValuesAreReadAtFreezeTime) {
  TFP_ASSERT_OK(session_->Extend(GraphDefFromText(R"pb(
    node {
      name: "five"
      op: "Const"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape {}
            float_val: 5
          }
        }
      }
    }
    node {
      name: "set_v2"
      op: "Assign"
      input: "v2"
      input: "five"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
  )pb")));
  TFP_ASSERT_OK(session_->Run({}, {}, {"set_v2"}, nullptr));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen,
      ConvertVariablesToConstants(session_.get(), graph_def_, {"add"}));
  EXPECT_THAT(
      FindNodeDef(frozen, "v2")->attr().at("value").tensor().float_val(),
      ElementsAre(5.0f));
}

TEST_F(FreezeTest, BlacklistAndWhitelist) {
  TFP_ASSERT_OK_AND_ASSIGN(
      auto black, ConvertVariablesToConstants(session_.get(), graph_def_,
                                              {"add"}, std::nullopt,
                                              std::vector<std::string>{"v2"}));
  EXPECT_EQ(FindNodeDef(black, "v1")->op(), "Const");
  EXPECT_TRUE(
      ProtoEquals(*FindNodeDef(black, "v2"), *FindNodeDef(graph_def_, "v2")));
  TFP_ASSERT_OK_AND_ASSIGN(auto white, ConvertVariablesToConstants(
                                           session_.get(), graph_def_, {"add"},
                                           std::vector<std::string>{"v2"}));
  EXPECT_EQ(FindNodeDef(white, "v1")->op(), "VariableV2");
  EXPECT_EQ(FindNodeDef(white, "v2")->op(), "Const");
  // An empty (but given) whitelist converts nothing, as in TF.
  TFP_ASSERT_OK_AND_ASSIGN(auto none, ConvertVariablesToConstants(
                                          session_.get(), graph_def_, {"add"},
                                          std::vector<std::string>{}));
  EXPECT_EQ(FindNodeDef(none, "v1")->op(), "VariableV2");
  EXPECT_EQ(FindNodeDef(none, "v2")->op(), "VariableV2");
}

TEST_F(FreezeTest, OnlyVariablesOfTheOutputsSubgraphAreRead) {
  // "v2/read" alone needs v2 only; v1 is dropped with everything else.
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen,
      ConvertVariablesToConstants(session_.get(), graph_def_, {"v2/read"}));
  EXPECT_THAT(NodeNames(frozen), ElementsAre("v2", "v2/read"));
}

TEST_F(FreezeTest, UnknownOutputNode) {
  EXPECT_THAT(ConvertVariablesToConstants(session_.get(), graph_def_, {"ad"}),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("'ad'"), HasSubstr("'add'"))));
}

TEST(FreezeUninitializedTest, NamesTheVariable) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v = Variable(b, Tensor::Scalar<float>(1), "never_set");
  Identity(b, v.value(), "out");
  TFP_ASSERT_OK(b.status());
  const auto g = graph.ToGraphDef();
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  EXPECT_THAT(ConvertVariablesToConstants(session.get(), g, {"out"}),
              StatusIs(StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("never_set"),
                             HasSubstr("variables to freeze"))));
}

// A TF1 resource variable (use_resource=True): VarHandleOp, its
// "rv/Read/ReadVariableOp", an AssignVariableOp initializer.
constexpr char kResourceGraph[] = R"pb(
  node {
    name: "rv"
    op: "VarHandleOp"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape { dim { size: 2 } } }
    }
    attr {
      key: "shared_name"
      value { s: "rv" }
    }
  }
  node {
    name: "rv/Initializer/initial_value"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_FLOAT
          tensor_shape { dim { size: 2 } }
          float_val: 1.5
          float_val: -2
        }
      }
    }
  }
  node {
    name: "rv/Assign"
    op: "AssignVariableOp"
    input: "rv"
    input: "rv/Initializer/initial_value"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "rv/Read/ReadVariableOp"
    op: "ReadVariableOp"
    input: "rv"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "_class"
      value { list { s: "loc:@rv" } }
    }
  }
  node {
    name: "read2"
    op: "ReadVariableOp"
    input: "rv"
    input: "^rv/Initializer/initial_value"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "out"
    op: "AddV2"
    input: "rv/Read/ReadVariableOp"
    input: "read2"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
)pb";

TEST(FreezeResourceTest, HandleBecomesConstAndReadsBecomeIdentity) {
  const auto g = GraphDefFromText(kResourceGraph);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  TFP_ASSERT_OK(session->Run({}, {}, {"rv/Assign"}, nullptr));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen, ConvertVariablesToConstants(session.get(), g, {"out"}));
  const auto& rv = *FindNodeDef(frozen, "rv");
  EXPECT_EQ(rv.op(), "Const");
  EXPECT_THAT(AttrNames(rv), UnorderedElementsAre("dtype", "value"));
  const auto& read = *FindNodeDef(frozen, "rv/Read/ReadVariableOp");
  EXPECT_EQ(read.op(), "Identity");
  EXPECT_EQ(read.attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(read.attr().at("_class").list().s(0), "loc:@rv");
  EXPECT_THAT(FindNodeDef(frozen, "read2")->input(),
              ElementsAre("rv", "^rv/Initializer/initial_value"));
  // The frozen graph runs without the variable and gives the same sum.
  std::vector<Tensor> live, again;
  TFP_ASSERT_OK(session->Run({}, {"out:0"}, {}, &live));
  TFP_ASSERT_OK_AND_ASSIGN(auto s2, Session::Create(frozen));
  TFP_ASSERT_OK(s2->Run({}, {"out:0"}, {}, &again));
  EXPECT_TRUE(again[0].IsSameAs(live[0])) << again[0].DebugString();
}

TEST(FreezeResourceTest, BlacklistedHandleKeepsItsReads) {
  const auto g = GraphDefFromText(kResourceGraph);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  TFP_ASSERT_OK(session->Run({}, {}, {"rv/Assign"}, nullptr));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen,
      ConvertVariablesToConstants(session.get(), g, {"out"}, std::nullopt,
                                  std::vector<std::string>{"rv"}));
  EXPECT_EQ(FindNodeDef(frozen, "rv")->op(), "VarHandleOp");
  EXPECT_EQ(FindNodeDef(frozen, "rv/Read/ReadVariableOp")->op(),
            "ReadVariableOp");
}

TEST(FreezeResourceTest, ResourceGatherBecomesGatherV2) {
  // The session holds the variable; the GraphDef to freeze also reads it
  // through a ResourceGather (which the session never has to run).
  const auto session_graph = GraphDefFromText(kResourceGraph);
  auto g = session_graph;
  *g.add_node() = GraphDefFromText(R"pb(
                    node {
                      name: "idx"
                      op: "Const"
                      attr {
                        key: "dtype"
                        value { type: DT_INT32 }
                      }
                      attr {
                        key: "value"
                        value {
                          tensor {
                            dtype: DT_INT32
                            tensor_shape { dim { size: 1 } }
                            int_val: 1
                          }
                        }
                      }
                    }
                  )pb")
                      .node(0);
  *g.add_node() = GraphDefFromText(R"pb(
                    node {
                      name: "gather"
                      op: "ResourceGather"
                      input: "rv"
                      input: "idx"
                      attr {
                        key: "dtype"
                        value { type: DT_FLOAT }
                      }
                      attr {
                        key: "Tindices"
                        value { type: DT_INT32 }
                      }
                    }
                  )pb")
                      .node(0);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(session_graph));
  TFP_ASSERT_OK(session->Run({}, {}, {"rv/Assign"}, nullptr));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto frozen, ConvertVariablesToConstants(session.get(), g, {"gather"}));
  EXPECT_THAT(NodeNames(frozen),
              ElementsAre("rv", "idx", "gather/axis", "gather"));
  const auto& gather = *FindNodeDef(frozen, "gather");
  EXPECT_EQ(gather.op(), "GatherV2");
  EXPECT_THAT(gather.input(), ElementsAre("rv", "idx", "gather/axis"));
  TFP_ASSERT_OK_AND_ASSIGN(auto s2, Session::Create(frozen));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(s2->Run({}, {"gather:0"}, {}, &out));
  EXPECT_THAT(out[0].flat<float>(), ElementsAre(-2.0f));  // rv[1] from above
}

}  // namespace
}  // namespace tfpersist
