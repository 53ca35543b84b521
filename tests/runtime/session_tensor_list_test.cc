// TensorList ops through a Session (a DT_VARIANT list cannot be a Const, so
// each case is a small graph): element access, push/pop, stack, concat and
// split, element shapes, and TF's errors. Expected values hand-computed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/function_testlib.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::ParseGraph;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

constexpr char kF[] = "attr { key: 'element_dtype' value { type: DT_FLOAT } }";
constexpr char kShapeType[] =
    "attr { key: 'shape_type' value { type: DT_INT32 } }";

std::string IntConst(const std::string& name, const std::vector<int>& v,
                     bool scalar = false) {
  std::string s = "node { name: '" + name +
                  "' op: 'Const' attr { key: 'dtype' value { type: DT_INT32 "
                  "} } attr { key: 'value' value { tensor { dtype: DT_INT32 "
                  "tensor_shape { ";
  if (!scalar) s += "dim { size: " + std::to_string(v.size()) + " } ";
  s += "}";
  for (int x : v) s += " int_val: " + std::to_string(x);
  return s + " } } } }";
}

std::string N(const std::string& name, const std::string& op,
              const std::vector<std::string>& in, const std::string& attrs) {
  std::string s = "node { name: '" + name + "' op: '" + op + "' ";
  for (const auto& i : in) s += "input: '" + i + "' ";
  return s + attrs + " }";
}

// x [3,2] -> list of 3 rows; item 1; length; set item 0; stack.
std::string Graph() {
  return testing::FloatPlaceholder("x") + testing::FloatPlaceholder("row") +
         IntConst("shape", {2}) + IntConst("unknown", {-1}, true) +
         IntConst("zero", {0}, true) + IntConst("one", {1}, true) +
         IntConst("five", {5}, true) +
         N("list", "TensorListFromTensor", {"x", "shape"},
           std::string(kF) + kShapeType) +
         N("item", "TensorListGetItem", {"list", "one", "shape"}, kF) +
         N("len", "TensorListLength", {"list"}, "") +
         N("set", "TensorListSetItem", {"list", "zero", "row"}, kF) +
         N("stack", "TensorListStack", {"set", "shape"}, kF) +
         N("eshape", "TensorListElementShape", {"list"}, kShapeType) +
         N("push", "TensorListPushBack", {"list", "row"}, kF) +
         N("pop", "TensorListPopBack", {"push", "shape"}, kF) +
         N("reserved", "TensorListReserve", {"unknown", "five"},
           std::string(kF) + kShapeType) +
         N("bad_get", "TensorListGetItem", {"reserved", "one", "unknown"}, kF) +
         N("bad_set", "TensorListSetItem", {"list", "five", "row"}, kF) +
         N("empty", "EmptyTensorList", {"shape", "five"},
           std::string(kF) + kShapeType) +
         N("bad_pop", "TensorListPopBack", {"empty", "shape"}, kF);
}

class TensorListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Session::Create(ParseGraph(Graph()));
    ASSERT_THAT(s.status(), ::tfpersist::testing::IsOk());
    session_ = std::move(s).value();
  }
  StatusOr<std::vector<Tensor>> Run(const std::vector<std::string>& fetches) {
    std::vector<Tensor> out;
    TFP_RETURN_IF_ERROR(session_->Run(
        {{"x",
          Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}))},
         {"row", Tensor::FromVector<float>({9, 8})}},
        fetches, {}, &out));
    return out;
  }
  std::unique_ptr<Session> session_;
};

TEST_F(TensorListTest, ElementsLengthSetAndStack) {
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out, Run({"item:0", "len:0", "stack:0", "eshape:0", "pop:1"}));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({3, 4})));
  EXPECT_THAT(out[1], TensorEq(Tensor::Scalar<int32_t>(3)));
  EXPECT_THAT(out[2], TensorEq(Tensor::FromVector<float>({9, 8, 3, 4, 5, 6},
                                                         TensorShape({3, 2}))));
  EXPECT_THAT(out[3], TensorEq(Tensor::FromVector<int32_t>({2})));
  EXPECT_THAT(out[4], TensorEq(Tensor::FromVector<float>({9, 8})));
}

TEST_F(TensorListTest, ErrorsAreTfs) {
  EXPECT_THAT(Run({"bad_get:0"}).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Trying to read an uninitialized tensor")));
  EXPECT_THAT(Run({"bad_set:0"}).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Trying to modify element 5 in a list with 3 "
                                 "elements.")));
  EXPECT_THAT(Run({"bad_pop:0"}).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Trying to pop from an empty list.")));
}

TEST(TensorListSplitTest, SplitThenConcatRoundTrips) {
  std::string g =
      testing::FloatPlaceholder("x") + IntConst("shape", {-1, 2}) +
      "node { name: 'lengths' op: 'Const' attr { key: 'dtype' value { type: "
      "DT_INT64 } } attr { key: 'value' value { tensor { dtype: DT_INT64 "
      "tensor_shape { dim { size: 2 } } int64_val: 1 int64_val: 2 } } } }"
      "node { name: 'lead' op: 'Const' attr { key: 'dtype' value { type: "
      "DT_INT64 } } attr { key: 'value' value { tensor { dtype: DT_INT64 "
      "tensor_shape { dim { size: 0 } } } } } }" +
      N("split", "TensorListSplit", {"x", "shape", "lengths"},
        std::string(kF) + kShapeType) +
      N("concat", "TensorListConcatV2", {"split", "shape", "lead"},
        std::string(kF) + kShapeType);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(ParseGraph(g)));
  const Tensor x =
      Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({{"x", x}}, {"concat:0", "concat:1"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(x));
  EXPECT_THAT(out[1], TensorEq(Tensor::FromVector<int64_t>({1, 2})));
}

}  // namespace
}  // namespace tfpersist
