// Graphs with a function library run through a Session: call ops, Defun
// calls, nested calls, resources as arguments, control outputs, and
// functional If / Case / While (lowered and inlined at session creation).
// Expected values are hand-computed from the functions' definitions
// (function_testlib.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/function_testlib.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::CallNode;
using ::tfpersist::testing::FloatPlaceholder;
using ::tfpersist::testing::LibraryText;
using ::tfpersist::testing::ParseGraph;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

std::unique_ptr<Session> MakeSession(const std::string& nodes) {
  auto s = Session::Create(ParseGraph(nodes + LibraryText()));
  EXPECT_THAT(s.status(), ::tfpersist::testing::IsOk());
  return s.ok() ? std::move(s).value() : nullptr;
}

Tensor RunOne(Session* s, const std::vector<std::pair<std::string, Tensor>>& f,
              const std::string& fetch) {
  std::vector<Tensor> out;
  Status st = s->Run(f, {fetch}, {}, &out);
  EXPECT_THAT(st, ::tfpersist::testing::IsOk());
  return st.ok() ? out[0] : Tensor();
}

TEST(SessionFunctionsTest, PartitionedCallAndDefunCall) {
  auto s =
      MakeSession(FloatPlaceholder("x") +
                  CallNode("call", "PartitionedCall", "times_two", "input: 'x'",
                           "type: DT_FLOAT", "type: DT_FLOAT") +
                  "node { name: 'defun' op: 'plus_one' input: 'call' }");
  ASSERT_NE(s, nullptr);
  const auto x = Tensor::FromVector<float>({1, 2, 5});
  EXPECT_THAT(RunOne(s.get(), {{"x", x}}, "call:0"),
              TensorEq(Tensor::FromVector<float>({2, 4, 10})));
  EXPECT_THAT(RunOne(s.get(), {{"x", x}}, "defun:0"),
              TensorEq(Tensor::FromVector<float>({3, 5, 11})));
}

TEST(SessionFunctionsTest, NestedCallsInline) {
  auto s =
      MakeSession(FloatPlaceholder("x") +
                  CallNode("c", "StatefulPartitionedCall", "times_four",
                           "input: 'x'", "type: DT_FLOAT", "type: DT_FLOAT"));
  ASSERT_NE(s, nullptr);
  EXPECT_THAT(RunOne(s.get(), {{"x", Tensor::Scalar<float>(1.5f)}}, "c:0"),
              TensorEq(Tensor::Scalar<float>(6)));
  // The inlined body is fetchable under the caller's name.
  EXPECT_THAT(RunOne(s.get(), {{"x", Tensor::Scalar<float>(1.5f)}}, "c/a:0"),
              TensorEq(Tensor::Scalar<float>(3)));
}

TEST(SessionFunctionsTest, ResourceArgumentsAndControlOutputs) {
  auto s = MakeSession(
      "node { name: 'v' op: 'VarHandleOp' attr { key: 'dtype' value { type: "
      "DT_FLOAT } } attr { key: 'shape' value { shape {} } } "
      "attr { key: 'shared_name' value { s: 'v' } } }"
      "node { name: 'init_value' op: 'Const' attr { key: 'dtype' value { "
      "type: DT_FLOAT } } attr { key: 'value' value { tensor { dtype: "
      "DT_FLOAT tensor_shape {} float_val: 10 } } } }"
      "node { name: 'init' op: 'AssignVariableOp' input: 'v' input: "
      "'init_value' attr { key: 'dtype' value { type: DT_FLOAT } } }" +
      FloatPlaceholder("d") +
      CallNode("add", "StatefulPartitionedCall", "add_to_var",
               "input: 'v' input: 'd'", "type: DT_RESOURCE type: DT_FLOAT",
               "") +
      CallNode("read", "StatefulPartitionedCall", "read_var", "input: 'v'",
               "type: DT_RESOURCE", "type: DT_FLOAT"));
  ASSERT_NE(s, nullptr);
  TFP_ASSERT_OK(s->Run({}, {}, {"init"}, nullptr));
  TFP_ASSERT_OK(
      s->Run({{"d", Tensor::Scalar<float>(2.5f)}}, {}, {"add"}, nullptr));
  EXPECT_THAT(RunOne(s.get(), {}, "read:0"),
              TensorEq(Tensor::Scalar<float>(12.5f)));
}

std::string IfGraph(const std::string& op, const std::string& cond_type) {
  return FloatPlaceholder("c", cond_type) + FloatPlaceholder("x") +
         "node { name: 'if' op: '" + op +
         "' input: 'c' input: 'x' "
         "attr { key: 'Tcond' value { type: " +
         cond_type +
         " } } "
         "attr { key: 'Tin' value { list { type: DT_FLOAT } } } "
         "attr { key: 'Tout' value { list { type: DT_FLOAT } } } "
         "attr { key: 'then_branch' value { func { name: 'times_two' } } } "
         "attr { key: 'else_branch' value { func { name: 'plus_one' } } } }";
}

TEST(SessionFunctionsTest, IfTakesTheRightBranch) {
  for (const char* op : {"If", "StatelessIf"}) {
    auto s = MakeSession(IfGraph(op, "DT_BOOL"));
    ASSERT_NE(s, nullptr);
    const auto x = Tensor::Scalar<float>(4);
    EXPECT_THAT(
        RunOne(s.get(), {{"c", Tensor::Scalar<bool>(true)}, {"x", x}}, "if:0"),
        TensorEq(Tensor::Scalar<float>(8)));
    EXPECT_THAT(
        RunOne(s.get(), {{"c", Tensor::Scalar<bool>(false)}, {"x", x}}, "if:0"),
        TensorEq(Tensor::Scalar<float>(5)));
  }
}

TEST(SessionFunctionsTest, IfConvertsANumericConditionToBool) {
  auto s = MakeSession(IfGraph("If", "DT_INT32"));
  ASSERT_NE(s, nullptr);
  const auto x = Tensor::Scalar<float>(4);
  EXPECT_THAT(
      RunOne(s.get(), {{"c", Tensor::Scalar<int32_t>(-3)}, {"x", x}}, "if:0"),
      TensorEq(Tensor::Scalar<float>(8)));
  EXPECT_THAT(
      RunOne(s.get(), {{"c", Tensor::Scalar<int32_t>(0)}, {"x", x}}, "if:0"),
      TensorEq(Tensor::Scalar<float>(5)));
}

TEST(SessionFunctionsTest, CaseTakesTheIndexedBranchAndDefaultsToTheLast) {
  auto s = MakeSession(
      FloatPlaceholder("i", "DT_INT32") + FloatPlaceholder("x") +
      "node { name: 'case' op: 'Case' input: 'i' input: 'x' "
      "attr { key: 'Tin' value { list { type: DT_FLOAT } } } "
      "attr { key: 'Tout' value { list { type: DT_FLOAT } } } "
      "attr { key: 'branches' value { list { func { name: 'times_two' } "
      "func { name: 'plus_one' } func { name: 'times_four' } } } } }");
  ASSERT_NE(s, nullptr);
  const auto x = Tensor::Scalar<float>(3);
  // branch 0: 6, 1: 4, 2 (and out of range): 12.
  const std::vector<std::pair<int, float>> cases = {
      {0, 6}, {1, 4}, {2, 12}, {7, 12}, {-1, 12}};
  for (const auto& [index, expected] : cases) {
    EXPECT_THAT(
        RunOne(s.get(), {{"i", Tensor::Scalar<int32_t>(index)}, {"x", x}},
               "case:0"),
        TensorEq(Tensor::Scalar<float>(expected)))
        << "index " << index;
  }
}

TEST(SessionFunctionsTest, WhileRunsBodyUntilCondIsFalse) {
  auto s = MakeSession(
      FloatPlaceholder("i", "DT_INT32") + FloatPlaceholder("acc") +
      "node { name: 'loop' op: 'StatelessWhile' input: 'i' input: 'acc' "
      "attr { key: 'T' value { list { type: DT_INT32 type: DT_FLOAT } } } "
      "attr { key: 'cond' value { func { name: 'loop_cond' } } } "
      "attr { key: 'body' value { func { name: 'loop_body' } } } "
      "attr { key: 'parallel_iterations' value { i: 10 } } }");
  ASSERT_NE(s, nullptr);
  std::vector<Tensor> out;
  // i from 0 while i < 3: three doublings; from 5: none.
  TFP_ASSERT_OK(s->Run(
      {{"i", Tensor::Scalar<int32_t>(0)}, {"acc", Tensor::Scalar<float>(1.5f)}},
      {"loop:0", "loop:1"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(3)));
  EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<float>(12)));
  TFP_ASSERT_OK(s->Run(
      {{"i", Tensor::Scalar<int32_t>(5)}, {"acc", Tensor::Scalar<float>(1.5f)}},
      {"loop:0", "loop:1"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(5)));
  EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<float>(1.5f)));
}

TEST(SessionFunctionsTest, WrongArityIsInvalidArgumentNamingTheFunction) {
  auto s = Session::Create(ParseGraph(
      FloatPlaceholder("x") +
      CallNode("call", "PartitionedCall", "times_two", "input: 'x' input: 'x'",
               "type: DT_FLOAT type: DT_FLOAT", "type: DT_FLOAT") +
      LibraryText()));
  EXPECT_THAT(s.status(), StatusIs(StatusCode::kInvalidArgument,
                                   HasSubstr("'times_two' with wrong arity")));
}

// An If inside a function body (as cond_v2 inside a tf.function) is
// lowered after the call is inlined; the branch sees the caller's value.
TEST(SessionFunctionsTest, IfInsideACalledFunctionIsLoweredToo) {
  const std::string lib = LibraryText();
  const std::string fn =
      "function { signature { name: 'pick' input_arg { name: 'c' type: "
      "DT_BOOL } input_arg { name: 'x' type: DT_FLOAT } output_arg { name: "
      "'y' type: DT_FLOAT } } node_def { name: 'if' op: 'StatelessIf' input: "
      "'c' input: 'x' attr { key: 'Tcond' value { type: DT_BOOL } } attr { "
      "key: 'Tin' value { list { type: DT_FLOAT } } } attr { key: 'Tout' "
      "value { list { type: DT_FLOAT } } } attr { key: 'then_branch' value { "
      "func { name: 'times_four' } } } attr { key: 'else_branch' value { func "
      "{ name: 'plus_one' } } } } ret { key: 'y' value: 'if:output:0' } }";
  auto s = Session::Create(
      ParseGraph(FloatPlaceholder("c", "DT_BOOL") + FloatPlaceholder("x") +
                 CallNode("call", "StatefulPartitionedCall", "pick",
                          "input: 'c' input: 'x'",
                          "type: DT_BOOL type: DT_FLOAT", "type: DT_FLOAT") +
                 lib.substr(0, lib.size() - 1) + fn + "}"));
  ASSERT_THAT(s.status(), ::tfpersist::testing::IsOk());
  const auto x = Tensor::Scalar<float>(2);
  EXPECT_THAT(
      RunOne(s->get(), {{"c", Tensor::Scalar<bool>(true)}, {"x", x}}, "call:0"),
      TensorEq(Tensor::Scalar<float>(8)));
  EXPECT_THAT(RunOne(s->get(), {{"c", Tensor::Scalar<bool>(false)}, {"x", x}},
                     "call:0"),
              TensorEq(Tensor::Scalar<float>(3)));
}

}  // namespace
}  // namespace tfpersist
