// Session error cases, with TensorFlow's messages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

// x: Placeholder float [?,784]; y = Identity(x); c = Const; z = Identity(c).
class SessionErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GraphBuilder b(&g_);
    Output x = Placeholder(b, DT_FLOAT, PartialTensorShape({-1, 784}), "x");
    Identity(b, x, "y");
    Identity(b, Constant(b, Tensor::Scalar<int32_t>(1), "c"), "z");
    TFP_ASSERT_OK(b.status());
    TFP_ASSERT_OK_AND_ASSIGN(session_, Session::Create(g_.ToGraphDef()));
  }
  Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
             const std::vector<std::string>& fetches,
             const std::vector<std::string>& targets = {}) {
    std::vector<Tensor> out;
    return session_->Run(feeds, fetches, targets, &out);
  }
  Graph g_;
  std::unique_ptr<Session> session_;
};

TEST_F(SessionErrorsTest, MissingFeed) {
  EXPECT_THAT(Run({}, {"y:0"}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("You must feed a value for placeholder tensor "
                                 "'x' with dtype float and shape [?,784]")));
}

TEST_F(SessionErrorsTest, UnknownFeed) {
  EXPECT_THAT(Run({{"nope:0", Tensor::Scalar<float>(1)}}, {"z:0"}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("nope:0")));
  EXPECT_THAT(Run({{"c:1", Tensor::Scalar<int32_t>(1)}}, {"z:0"}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("c:1: output index too large, must be < 1")));
  EXPECT_THAT(Run({{"c", Tensor::Scalar<int32_t>(1)},
                   {"c:0", Tensor::Scalar<int32_t>(1)}},
                  {"z:0"}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("c:0 fed more than once")));
}

TEST_F(SessionErrorsTest, FeedDtypeOrShapeIncompatible) {
  Tensor ints(DT_INT32, TensorShape({1, 784}));
  EXPECT_THAT(Run({{"x:0", ints}}, {"y:0"}),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("int32"), HasSubstr("'x:0'"),
                             HasSubstr("float"))));
  Tensor wrong(DT_FLOAT, TensorShape({2, 3}));
  EXPECT_THAT(Run({{"x", wrong}}, {"y:0"}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Cannot feed value of shape [2,3] for tensor "
                                 "'x:0', which has shape [?,784]")));
  Tensor ok(DT_FLOAT, TensorShape({5, 784}));
  TFP_EXPECT_OK(Run({{"x", ok}}, {"y:0"}));
}

TEST_F(SessionErrorsTest, UnknownFetchOrTarget) {
  EXPECT_THAT(Run({}, {"nope:0"}),
              StatusIs(StatusCode::kNotFound, HasSubstr("nope:0")));
  EXPECT_THAT(Run({}, {"z:1"}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("z:1: output index too large, must be < 1")));
  EXPECT_THAT(Run({}, {}, {"ghost"}),
              StatusIs(StatusCode::kNotFound, HasSubstr("ghost")));
  EXPECT_THAT(Run({}, {"z:x"}),
              StatusIs(StatusCode::kNotFound, HasSubstr("z:x")));
}

// A training op without a kernel fails only when it would run.
TEST(SessionNoKernelTest, FailsOnlyWhenNeeded) {
  Graph g;
  GraphBuilder b(&g);
  RefVariable v = Variable(b, Tensor::FromVector<float>({1}), "v");
  Output zero = Constant(b, Tensor::Scalar<float>(0), "zero");
  b.AddNode("ApplyAdam", "Adam",
            {v.variable, v.variable, v.variable, zero, zero, zero, zero, zero,
             zero, Constant(b, Tensor::FromVector<float>({1}), "grad")},
            {});
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g.ToGraphDef()));
  TFP_EXPECT_OK(session->Run({}, {}, {"v/Assign"}, nullptr));
  EXPECT_THAT(session->Run({}, {}, {"Adam"}, nullptr),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("No kernel registered for op 'ApplyAdam' "
                                 "(node 'Adam')")));
}

tensorflow::GraphDef CustomOpGraph() {
  tensorflow::GraphDef g;
  tensorflow::NodeDef* c = g.add_node();
  c->set_name("c");
  c->set_op("Const");
  (*c->mutable_attr())["dtype"] = MakeAttr(DT_FLOAT);
  (*c->mutable_attr())["value"] = MakeAttr(Tensor::Scalar<float>(1));
  tensorflow::NodeDef* m = g.add_node();
  m->set_name("m");
  m->set_op("MyCustomOp");
  m->add_input("c");
  return g;
}

TEST(SessionExtraOpsTest, UnknownOpsLoadWithTheirOpDef) {
  EXPECT_THAT(Session::Create(CustomOpGraph()),
              StatusIs(StatusCode::kNotFound, HasSubstr("MyCustomOp")));
  SessionOptions options;
  tensorflow::OpDef* op = options.extra_ops.add_op();
  op->set_name("MyCustomOp");
  op->add_input_arg()->set_name("x");
  op->mutable_input_arg(0)->set_type(tensorflow::DT_FLOAT);
  op->add_output_arg()->set_name("y");
  op->mutable_output_arg(0)->set_type(tensorflow::DT_FLOAT);
  TFP_ASSERT_OK_AND_ASSIGN(auto session,
                           Session::Create(CustomOpGraph(), options));
  std::vector<Tensor> out;
  TFP_EXPECT_OK(session->Run({}, {"c:0"}, {}, &out));
  EXPECT_THAT(session->Run({}, {"m:0"}, {}, &out),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("No kernel registered for op 'MyCustomOp' "
                                 "(node 'm')")));
}

TEST(SessionCreateTest, InvalidGraphNamesTheNode) {
  tensorflow::GraphDef g = CustomOpGraph();
  g.mutable_node(1)->set_op("Identity");
  g.mutable_node(1)->set_input(0, "missing");
  EXPECT_THAT(Session::Create(g),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("m")));
}

}  // namespace
}  // namespace tfpersist
