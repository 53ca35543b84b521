// Session: pruning, feeds, variables, concurrency, Extend, Close.
#include "tfpersist/runtime/session.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "graph/node_def_util.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

StatusOr<std::unique_ptr<Session>> NewSession(const Graph& g) {
  return Session::Create(g.ToGraphDef());
}

TEST(SessionTest, UnneededUnfedPlaceholderIsFine) {
  Graph g;
  GraphBuilder b(&g);
  Placeholder(b, DT_FLOAT, PartialTensorShape({-1, 784}), "x");
  Output c = Constant(b, Tensor::FromVector<float>({3}), "c");
  Identity(b, c, "y");
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, NewSession(g));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"y:0", "c"}, {}, &out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({3})));
  EXPECT_THAT(out[1], TensorEq(Tensor::FromVector<float>({3})));
}

TEST(SessionTest, FeedsOverrideAnyTensor) {
  Graph g;
  GraphBuilder b(&g);
  Output x = Placeholder(b, DT_INT32, PartialTensorShape({}), "x");
  Output c = Identity(b, x, "c");
  Identity(b, c, "y");
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, NewSession(g));
  std::vector<Tensor> out;
  // Feeding c cuts x off: x needs no feed.
  TFP_ASSERT_OK(
      session->Run({{"c", Tensor::Scalar<int32_t>(5)}}, {"y:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(5)));
  TFP_ASSERT_OK(session->Run({{"x:0", Tensor::Scalar<int32_t>(7)}},
                             {"y:0", "x:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(7)));
  EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<int32_t>(7)));
}

TEST(SessionTest, PlaceholderWithDefaultUsesFeedOrInput) {
  Graph g;
  GraphBuilder b(&g);
  Output d = Constant(b, Tensor::FromVector<float>({1, 2}), "d");
  PlaceholderWithDefault(b, d, PartialTensorShape({-1}), "p");
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, NewSession(g));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"p:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({1, 2})));
  TFP_ASSERT_OK(
      session->Run({{"p", Tensor::FromVector<float>({9})}}, {"p:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({9})));
}

// v = [1,2] with AssignAdd "inc" of [1,1].
class VariableSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GraphBuilder b(&g_);
    RefVariable v = Variable(b, Tensor::FromVector<float>({1, 2}), "v");
    AssignAdd(b, v.variable, Constant(b, Tensor::FromVector<float>({1, 1})),
              "inc");
    GlobalVariablesInitializer(b);
    TFP_ASSERT_OK(b.status());
    TFP_ASSERT_OK_AND_ASSIGN(session_, NewSession(g_));
  }
  Tensor Read() {
    std::vector<Tensor> out;
    EXPECT_THAT(session_->Run({}, {"v/read:0"}, {}, &out),
                ::tfpersist::testing::IsOk());
    return out.empty() ? Tensor() : out[0];
  }
  Graph g_;
  std::unique_ptr<Session> session_;
};

TEST_F(VariableSessionTest, UninitializedThenInitialized) {
  std::vector<Tensor> out;
  EXPECT_THAT(session_->Run({}, {"v/read:0"}, {}, &out),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Attempting to use uninitialized value v")));
  EXPECT_THAT(session_->Run({}, {"v:0"}, {}, &out),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Attempting to use uninitialized value v")));
  TFP_ASSERT_OK(session_->Run({}, {}, {"init"}, nullptr));
  EXPECT_THAT(Read(), TensorEq(Tensor::FromVector<float>({1, 2})));
  TFP_ASSERT_OK(session_->Run({}, {"v:0"}, {}, &out));  // ref fetch reads v
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({1, 2})));
}

TEST_F(VariableSessionTest, ValuesPersistAcrossRuns) {
  TFP_ASSERT_OK(session_->Run({}, {}, {"init"}, nullptr));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session_->Run({}, {"inc:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({2, 3})));
  TFP_ASSERT_OK(session_->Run({}, {}, {"inc"}, nullptr));
  EXPECT_THAT(Read(), TensorEq(Tensor::FromVector<float>({3, 4})));
  // Feeding the initial value re-initializes with another value.
  TFP_ASSERT_OK(
      session_->Run({{"v/initial_value", Tensor::FromVector<float>({7, 7})}},
                    {}, {"v/Assign"}, nullptr));
  EXPECT_THAT(Read(), TensorEq(Tensor::FromVector<float>({7, 7})));
}

TEST_F(VariableSessionTest, ConcurrentRunsFromFourThreads) {
  TFP_ASSERT_OK(session_->Run({}, {}, {"init"}, nullptr));
  constexpr int kThreads = 4, kSteps = 50;
  std::vector<std::thread> threads;
  std::vector<Status> status(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSteps && status[t].ok(); ++i) {
        std::vector<Tensor> out;
        status[t] = session_->Run({}, {"v/read:0"}, {"inc"}, &out);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const Status& s : status) TFP_EXPECT_OK(s);
  const float n = kThreads * kSteps;
  EXPECT_THAT(Read(), TensorEq(Tensor::FromVector<float>({1 + n, 2 + n})));
}

TEST(SessionTest, ResourceVariables) {
  Graph g;
  GraphBuilder b(&g);
  Output h = AddOp(b, "VarHandleOp", "w", {},
                   {{"dtype", MakeAttr(DT_INT64)},
                    {"shape", MakeAttr(PartialTensorShape({}))},
                    {"shared_name", MakeAttr("w")}});
  Output init = Constant(b, Tensor::Scalar<int64_t>(40), "w/init");
  b.AddNode("AssignVariableOp", "w/Assign", {h, init}, {});
  b.AddNode("AssignAddVariableOp", "w/inc",
            {h, Constant(b, Tensor::Scalar<int64_t>(2))}, {});
  AddOp(b, "ReadVariableOp", "w/Read", {h}, {{"dtype", MakeAttr(DT_INT64)}});
  AddOp(b, "VarIsInitializedOp", "w/IsInitialized", {h}, {});
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, NewSession(g));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"w/IsInitialized:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<bool>(false)));
  EXPECT_THAT(session->Run({}, {"w/Read:0"}, {}, &out),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Error while reading resource variable w")));
  TFP_ASSERT_OK(session->Run({}, {}, {"w/Assign"}, nullptr));
  TFP_ASSERT_OK(session->Run({}, {}, {"w/inc"}, nullptr));
  TFP_ASSERT_OK(session->Run({}, {"w/Read:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int64_t>(42)));
  EXPECT_THAT(session->Run({}, {"w:0"}, {}, &out),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Cannot fetch resource handle w:0")));
}

TEST(SessionTest, ExtendAddsNodesAndRejectsDuplicates) {
  Graph g;
  GraphBuilder b(&g);
  Constant(b, Tensor::Scalar<int32_t>(1), "a");
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, NewSession(g));
  tensorflow::GraphDef more;
  tensorflow::NodeDef* n = more.add_node();
  n->set_name("b");
  n->set_op("Identity");
  n->add_input("a");
  (*n->mutable_attr())["T"] = MakeAttr(DT_INT32);
  TFP_ASSERT_OK(session->Extend(more));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"b:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(1)));
  EXPECT_EQ(session->graph_def().node_size(), 2);
  EXPECT_THAT(session->Extend(more),
              StatusIs(StatusCode::kAlreadyExists, HasSubstr("'b'")));
}

TEST(SessionTest, CloseReleasesAndCancels) {
  Graph g;
  GraphBuilder b(&g);
  Constant(b, Tensor::Scalar<int32_t>(1), "a");
  TFP_ASSERT_OK_AND_ASSIGN(auto session, NewSession(g));
  TFP_ASSERT_OK(session->Close());
  std::vector<Tensor> out;
  EXPECT_THAT(session->Run({}, {"a:0"}, {}, &out),
              StatusIs(StatusCode::kCancelled, HasSubstr("closed")));
}

}  // namespace
}  // namespace tfpersist
