// tf.cond (v1) graphs: Switch / Merge with dead-branch propagation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

// The shape of tf.cond(pred, lambda: stack([x, x]), lambda: <needs feed>):
// each branch hangs off an Identity of one Switch output; the false branch
// holds an unfed placeholder, which must not run when pred is true.
std::unique_ptr<Session> CondSession() {
  Graph g;
  GraphBuilder b(&g);
  Output pred = Placeholder(b, DT_BOOL, PartialTensorShape({}), "pred");
  Output x = Placeholder(b, DT_FLOAT, PartialTensorShape({}), "x");
  Node* sw = b.AddNode("Switch", "cond/Switch", {x, pred}, {});
  Output sw_t = Identity(b, Output{sw, 1}, "cond/switch_t");
  Output sw_f = Identity(b, Output{sw, 0}, "cond/switch_f");
  Output t_val = Stack(b, {sw_t, sw_t}, 0, "cond/true");
  // Inside the false branch (control input on switch_f), like a branch's
  // constants: dead, so not run, when pred is true.
  Node* f_in = b.AddNode("Placeholder", "cond/f_in", {},
                         {{"dtype", MakeAttr(DT_FLOAT)},
                          {"shape", MakeAttr(PartialTensorShape({-1}))}},
                         {sw_f.node});
  Node* f_val = b.AddNode("Identity", "cond/false", {Output{f_in, 0}}, {});
  b.AddNode("Merge", "cond/Merge",
            {std::vector<Output>{t_val, Output{f_val, 0}}}, {});
  EXPECT_THAT(b.status(), ::tfpersist::testing::IsOk());
  auto s = Session::Create(g.ToGraphDef());
  EXPECT_THAT(s.status(), ::tfpersist::testing::IsOk());
  return s.ok() ? std::move(s).value() : nullptr;
}

TEST(SessionCondTest, TrueBranchSkipsTheDeadFalseBranch) {
  auto session = CondSession();
  ASSERT_NE(session, nullptr);
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run(
      {{"pred", Tensor::Scalar<bool>(true)}, {"x", Tensor::Scalar<float>(3)}},
      {"cond/Merge:0", "cond/Merge:1"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({3, 3})));
  EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<int32_t>(0)));
}

TEST(SessionCondTest, FalseBranchRuns) {
  auto session = CondSession();
  ASSERT_NE(session, nullptr);
  std::vector<Tensor> out;
  // The false branch runs and needs its placeholder...
  EXPECT_THAT(session->Run({{"pred", Tensor::Scalar<bool>(false)},
                            {"x", Tensor::Scalar<float>(3)}},
                           {"cond/Merge:0"}, {}, &out),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("placeholder tensor 'cond/f_in'")));
  TFP_ASSERT_OK(session->Run({{"pred", Tensor::Scalar<bool>(false)},
                              {"x", Tensor::Scalar<float>(3)},
                              {"cond/f_in", Tensor::FromVector<float>({8})}},
                             {"cond/Merge:0", "cond/Merge:1"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({8})));
  EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<int32_t>(1)));
}

TEST(SessionCondTest, FetchingADeadTensorIsAnError) {
  auto session = CondSession();
  ASSERT_NE(session, nullptr);
  std::vector<Tensor> out;
  EXPECT_THAT(session->Run({{"pred", Tensor::Scalar<bool>(true)},
                            {"x", Tensor::Scalar<float>(3)}},
                           {"cond/switch_f:0"}, {}, &out),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("cond/switch_f:0 is dead")));
}

}  // namespace
}  // namespace tfpersist
