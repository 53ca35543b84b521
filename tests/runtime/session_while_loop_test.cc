// tf.while_loop (v1) graphs: frames, iterations, loop-invariant Enter.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::tfpersist::testing::TensorEq;

tensorflow::NodeDef* AddNode(tensorflow::GraphDef* g, const std::string& name,
                             const std::string& op,
                             std::vector<std::string> inputs) {
  tensorflow::NodeDef* n = g->add_node();
  n->set_name(name);
  n->set_op(op);
  for (auto& in : inputs) n->add_input(in);
  return n;
}

void SetAttr(tensorflow::NodeDef* n, const std::string& k,
             const tensorflow::AttrValue& v) {
  (*n->mutable_attr())[k] = v;
}

// What Python builds for
//   i, acc = tf.while_loop(lambda i, acc: i < n,
//                          lambda i, acc: (i + 1, acc * 2), [0, x])
// with n loop-invariant (is_constant Enter) and the body constant 1 hanging
// off the pivot by a control edge. Loop variable `acc` doubles x n times.
// With in_cond, the loop sits in the true branch of a cond on "pred": its
// inputs hang off the branch pivot, so when pred is false the loop's Enters
// are dead and its Exits must come out dead ("after" consumes Exit_1).
tensorflow::GraphDef WhileGraph(bool in_cond = false) {
  tensorflow::GraphDef g;
  auto i32 = MakeAttr(DT_INT32);
  auto frame = MakeAttr("while/while_context");
  auto konst = [&](const std::string& name, int32_t v,
                   std::vector<std::string> in) {
    auto* c = AddNode(&g, name, "Const", std::move(in));
    SetAttr(c, "dtype", i32);
    SetAttr(c, "value", MakeAttr(Tensor::Scalar<int32_t>(v)));
  };
  AddNode(&g, "n", "Placeholder", {})->mutable_attr()->insert({"dtype", i32});
  AddNode(&g, "x", "Placeholder", {})->mutable_attr()->insert({"dtype", i32});
  std::string x = "x";
  if (in_cond) {
    SetAttr(AddNode(&g, "pred", "Placeholder", {}), "dtype", MakeAttr(DT_BOOL));
    SetAttr(AddNode(&g, "cond/Switch", "Switch", {"x", "pred"}), "T", i32);
    SetAttr(AddNode(&g, "cond/pivot_t", "Identity", {"cond/Switch:1"}), "T",
            i32);
    x = "cond/pivot_t";
  }
  konst("i0", 0,
        in_cond ? std::vector<std::string>{"^cond/pivot_t"}
                : std::vector<std::string>{});
  for (auto [name, in, is_const] :
       {std::tuple{"while/Enter", "i0", false},
        std::tuple{"while/Enter_1", x.c_str(), false},
        std::tuple{"while/Less/Enter", "n", true}}) {
    auto* e = AddNode(&g, name, "Enter", {in});
    SetAttr(e, "T", i32);
    SetAttr(e, "frame_name", frame);
    SetAttr(e, "is_constant", MakeAttr(is_const));
  }
  for (auto [m, enter, next] :
       {std::tuple{"while/Merge", "while/Enter", "while/NextIteration"},
        std::tuple{"while/Merge_1", "while/Enter_1",
                   "while/NextIteration_1"}}) {
    auto* n = AddNode(&g, m, "Merge", {enter, next});
    SetAttr(n, "T", i32);
    SetAttr(n, "N", MakeAttr(int64_t{2}));
  }
  SetAttr(
      AddNode(&g, "while/Less", "Less", {"while/Merge", "while/Less/Enter"}),
      "T", i32);
  AddNode(&g, "while/LoopCond", "LoopCond", {"while/Less"});
  for (auto [sw, data] : {std::pair{"while/Switch", "while/Merge"},
                          std::pair{"while/Switch_1", "while/Merge_1"}}) {
    SetAttr(AddNode(&g, sw, "Switch", {data, "while/LoopCond"}), "T", i32);
  }
  SetAttr(AddNode(&g, "while/Identity", "Identity", {"while/Switch:1"}), "T",
          i32);
  SetAttr(AddNode(&g, "while/Identity_1", "Identity", {"while/Switch_1:1"}),
          "T", i32);
  konst("while/add/y", 1, {"^while/Identity"});
  konst("while/mul/y", 2, {"^while/Identity"});
  SetAttr(AddNode(&g, "while/add", "AddV2", {"while/Identity", "while/add/y"}),
          "T", i32);
  SetAttr(AddNode(&g, "while/mul", "Mul", {"while/Identity_1", "while/mul/y"}),
          "T", i32);
  SetAttr(AddNode(&g, "while/NextIteration", "NextIteration", {"while/add"}),
          "T", i32);
  SetAttr(AddNode(&g, "while/NextIteration_1", "NextIteration", {"while/mul"}),
          "T", i32);
  SetAttr(AddNode(&g, "while/Exit", "Exit", {"while/Switch"}), "T", i32);
  SetAttr(AddNode(&g, "while/Exit_1", "Exit", {"while/Switch_1"}), "T", i32);
  SetAttr(AddNode(&g, "after", "Identity", {"while/Exit_1"}), "T", i32);
  return g;
}

TEST(SessionWhileLoopTest, IteratesUntilTheConditionFails) {
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(WhileGraph()));
  for (int32_t n : {0, 1, 5}) {
    std::vector<Tensor> out;
    TFP_ASSERT_OK(session->Run(
        {{"n", Tensor::Scalar<int32_t>(n)}, {"x", Tensor::Scalar<int32_t>(3)}},
        {"while/Exit:0", "while/Exit_1:0"}, {}, &out));
    EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(n))) << n;
    EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<int32_t>(3 << n))) << n;
  }
}

TEST(SessionWhileLoopTest, LoopInAnUntakenBranchExitsDead) {
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(WhileGraph(true)));
  std::vector<Tensor> out;
  std::vector<std::pair<std::string, Tensor>> feeds = {
      {"n", Tensor::Scalar<int32_t>(2)}, {"x", Tensor::Scalar<int32_t>(3)}};
  feeds.push_back({"pred", Tensor::Scalar<bool>(true)});
  TFP_ASSERT_OK(session->Run(feeds, {"after:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(12)));
  feeds.back().second = Tensor::Scalar<bool>(false);
  EXPECT_THAT(
      session->Run(feeds, {"after:0"}, {}, &out),
      ::tfpersist::testing::StatusIs(StatusCode::kInvalidArgument,
                                     ::testing::HasSubstr("after:0 is dead")));
}

}  // namespace
}  // namespace tfpersist
