// Math OpDefs (src/graph/ops/math_ops.cc): registrations match TF's
// current ones on the points that matter for compatibility (names, attr
// defaults, allowed types), and the shape functions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ops_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using testing::AttrOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::InferShapes;
using testing::Shapes;
using testing::StatusIs;

const PartialTensorShape kUnknown;

TEST(MathOpsTest, EveryOpIsRegistered) {
  for (const char* op : {"Add",
                         "AddV2",
                         "Sub",
                         "Mul",
                         "RealDiv",
                         "Div",
                         "FloorDiv",
                         "FloorMod",
                         "Maximum",
                         "Minimum",
                         "Pow",
                         "SquaredDifference",
                         "AddN",
                         "Neg",
                         "Square",
                         "Sqrt",
                         "Rsqrt",
                         "Exp",
                         "Log",
                         "Abs",
                         "Sign",
                         "Floor",
                         "Ceil",
                         "Round",
                         "Reciprocal",
                         "Sigmoid",
                         "Tanh",
                         "Equal",
                         "NotEqual",
                         "Less",
                         "LessEqual",
                         "Greater",
                         "GreaterEqual",
                         "LogicalAnd",
                         "LogicalOr",
                         "LogicalNot",
                         "Select",
                         "SelectV2",
                         "Cast",
                         "MatMul",
                         "BatchMatMulV2",
                         "Sum",
                         "Mean",
                         "Prod",
                         "Max",
                         "Min",
                         "ArgMax",
                         "ArgMin",
                         "RandomUniform",
                         "RandomStandardNormal",
                         "TruncatedNormal"}) {
    EXPECT_THAT(OpRegistry::Global()->LookUp(op), testing::IsOk()) << op;
  }
}

TEST(MathOpsTest, OpDefsMatchTensorFlow) {
  const auto* add_v2 = *OpRegistry::Global()->LookUpOpDef("AddV2");
  EXPECT_TRUE(add_v2->is_commutative());
  EXPECT_TRUE(add_v2->is_aggregate());
  EXPECT_FALSE(AttrOf("Cast", "Truncate").default_value().b());
  EXPECT_EQ(AttrOf("Sum", "Tidx").default_value().type(), DT_INT32);
  EXPECT_EQ(AttrOf("ArgMax", "output_type").default_value().type(), DT_INT64);
  EXPECT_THAT(AttrOf("MatMul", "grad_a").type(), "bool");
  EXPECT_TRUE(
      (*OpRegistry::Global()->LookUpOpDef("RandomUniform"))->is_stateful());
  // RealDiv's OpDef allows integers (TF has no integer kernels for it).
  const auto& real_div_t = AttrOf("RealDiv", "T").allowed_values().list();
  EXPECT_THAT(real_div_t.type(), ::testing::Contains(DT_INT32));
  // Add accepts strings, AddV2 does not.
  EXPECT_THAT(AttrOf("Add", "T").allowed_values().list().type(),
              ::testing::Contains(DT_STRING));
  EXPECT_THAT(AttrOf("AddV2", "T").allowed_values().list().type(),
              ::testing::Not(::testing::Contains(DT_STRING)));
}

TEST(MathOpsTest, BroadcastingShapes) {
  TFP_ASSERT_OK_AND_ASSIGN(Shapes s, InferShapes("Add", {}, {{2, 3}, {3}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 3}));
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("Less", {}, {{-1, 3}, {1}}));
  EXPECT_EQ(s[0], PartialTensorShape({-1, 3}));
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("Mul", {}, {kUnknown, {3}}));
  EXPECT_EQ(s[0], kUnknown);
  EXPECT_THAT(InferShapes("Sub", {}, {{2, 3}, {4}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Incompatible shapes: [2,3] vs. [4]")));
  TFP_ASSERT_OK_AND_ASSIGN(s,
                           InferShapes("SelectV2", {}, {{3, 1}, {1, 4}, {4}}));
  EXPECT_EQ(s[0], PartialTensorShape({3, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("Select", {}, {{2}, {2, 5}, {2, 5}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 5}));
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("AddN", {{"N", MakeAttr(int64_t{2})}},
                                          {{-1, 4}, {3, -1}}));
  EXPECT_EQ(s[0], PartialTensorShape({3, 4}));
}

TEST(MathOpsTest, MatMulShapes) {
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes s, InferShapes("MatMul", {{"transpose_a", MakeAttr(true)}},
                            {{5, 2}, {5, 7}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 7}));
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("BatchMatMulV2", {{"adj_y", MakeAttr(true)}},
                     {{4, 1, 2, 3}, {5, 6, 3}}));
  EXPECT_EQ(s[0], PartialTensorShape({4, 5, 2, 6}));
  EXPECT_THAT(InferShapes("BatchMatMulV2", {}, {{2, 3}, {4, 5}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimensions must be equal, but are 3 and 4")));
}

TEST(MathOpsTest, ReductionAndArgShapes) {
  const Tensor axes = Tensor::FromVector<int32_t>({-1, 0});
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes s, InferShapes("Sum", {}, {{2, 3, 4}, {2}}, {nullptr, &axes}));
  EXPECT_EQ(s[0], PartialTensorShape({3}));
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("Mean", {{"keep_dims", MakeAttr(true)}}, {{2, 3, 4}, {2}},
                     {nullptr, &axes}));
  EXPECT_EQ(s[0], PartialTensorShape({1, 3, 1}));
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("Max", {{"keep_dims", MakeAttr(true)}}, {{2, 3}, {1}}));
  EXPECT_EQ(s[0], PartialTensorShape({-1, -1}));
  const Tensor dim = Tensor::Scalar<int32_t>(1);
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("ArgMax", {}, {{2, 3, 4}, {}}, {nullptr, &dim}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 4}));
  const Tensor bad = Tensor::Scalar<int32_t>(3);
  EXPECT_THAT(InferShapes("ArgMin", {}, {{2, 3, 4}, {}}, {nullptr, &bad}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("must be in the range [-3, 3)")));
}

TEST(MathOpsTest, RandomShapeComesFromTheShapeInput) {
  const Tensor shape = Tensor::FromVector<int64_t>({3, 5});
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes s, InferShapes("RandomUniform", {{"dtype", MakeAttr(DT_FLOAT)}},
                            {{2}}, {&shape}));
  EXPECT_EQ(s[0], PartialTensorShape({3, 5}));
}

}  // namespace
}  // namespace tfpersist
