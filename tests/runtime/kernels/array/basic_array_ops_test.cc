// Const, Placeholder(WithDefault), pass-through, Shape*, Fill, *Like.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

TEST(ConstTest, EmitsValue) {
  Tensor v = Tensor::FromVector<int32_t>({1, 2, 3, 4}, TensorShape({2, 2}));
  EXPECT_THAT(KernelTester("Const")
                  .Attr("value", v)
                  .Attr("dtype", DT_INT32)
                  .RunOutput(),
              HoldsTensor(v));
}

TEST(ConstTest, DtypeMismatchFailsAtConstruction) {
  EXPECT_THAT(KernelTester("Const")
                  .Name("c")
                  .Attr("value", Tensor::Scalar<int32_t>(1))
                  .Attr("dtype", DT_FLOAT)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Type mismatch between value (int32) and "
                                 "dtype (float)")));
}

TEST(PlaceholderTest, RunningItUnfedIsTheMissingFeedError) {
  EXPECT_THAT(KernelTester("Placeholder")
                  .Name("x")
                  .Attr("dtype", DT_FLOAT)
                  .Attr("shape", PartialTensorShape({-1, 784}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("You must feed a value for placeholder tensor "
                                 "'x' with dtype float and shape [?,784]")));
  EXPECT_THAT(KernelTester("Placeholder")
                  .Name("s")
                  .Attr("dtype", DT_INT32)
                  .Attr("shape", PartialTensorShape({}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       "You must feed a value for placeholder tensor 's' with "
                       "dtype int32\n\t [[{{node s}}]]"));
}

TEST(PlaceholderWithDefaultTest, ForwardsInput) {
  Tensor v = Tensor::FromVector<float>({1.5f});
  EXPECT_THAT(KernelTester("PlaceholderWithDefault")
                  .Input(v)
                  .Attr("shape", PartialTensorShape({-1}))
                  .RunOutput(),
              HoldsTensor(v));
}

TEST(PassThroughTest, IdentityFamilySharesTheBuffer) {
  Tensor v = Tensor::FromVector<float>({1, 2});
  for (const char* op :
       {"Identity", "Snapshot", "StopGradient", "PreventGradient"}) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor out, KernelTester(op).Input(v).RunOutput());
    EXPECT_TRUE(out.SharesBufferWith(v)) << op;
  }
  TFP_ASSERT_OK_AND_ASSIGN(auto outs,
                           KernelTester("IdentityN")
                               .InputList({v, Tensor::Scalar<int32_t>(7)})
                               .Run());
  ASSERT_EQ(outs.size(), 2u);
  EXPECT_THAT(outs[1], TensorEq(Tensor::Scalar<int32_t>(7)));
  TFP_ASSERT_OK_AND_ASSIGN(auto none, KernelTester("NoOp").Run());
  EXPECT_TRUE(none.empty());
}

TEST(ShapeOpsTest, ShapeShapeNSizeRank) {
  Tensor x(DT_FLOAT, TensorShape({2, 3}));
  EXPECT_THAT(KernelTester("Shape").Input(x).RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({2, 3})));
  EXPECT_THAT(
      KernelTester("Shape").Input(x).Attr("out_type", DT_INT64).RunOutput(),
      HoldsTensor(Tensor::FromVector<int64_t>({2, 3})));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto shapes, KernelTester("ShapeN")
                       .InputList({x, Tensor(DT_FLOAT, TensorShape({4}))})
                       .Run());
  EXPECT_THAT(shapes[1], TensorEq(Tensor::FromVector<int32_t>({4})));
  EXPECT_THAT(KernelTester("Size").Input(x).RunOutput(),
              HoldsTensor(Tensor::Scalar<int32_t>(6)));
  EXPECT_THAT(KernelTester("Rank").Input(x).RunOutput(),
              HoldsTensor(Tensor::Scalar<int32_t>(2)));
}

TEST(FillTest, FillsAndValidates) {
  EXPECT_THAT(KernelTester("Fill")
                  .Input<int32_t>({2, 2})
                  .Input(Tensor::Scalar<std::string>("a"))
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<std::string>(
                  {"a", "a", "a", "a"}, TensorShape({2, 2}))));
  EXPECT_THAT(
      KernelTester("Fill").Input<int32_t>({2}).Input<float>({1, 2}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("value must be a scalar, got shape [2]")));
  EXPECT_THAT(KernelTester("Fill")
                  .Input<int32_t>({-1})
                  .Input(Tensor::Scalar<float>(1))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("-1")));
}

TEST(ZerosOnesLikeTest, MatchShapeAndType) {
  Tensor x = Tensor::FromVector<double>({5, 6, 7});
  EXPECT_THAT(KernelTester("ZerosLike").Input(x).RunOutput(),
              HoldsTensor(Tensor::FromVector<double>({0, 0, 0})));
  EXPECT_THAT(KernelTester("OnesLike").Input(x).RunOutput(),
              HoldsTensor(Tensor::FromVector<double>({1, 1, 1})));
  EXPECT_THAT(KernelTester("OnesLike").Input<bool>({false}).RunOutput(),
              HoldsTensor(Tensor::FromVector<bool>({true})));
}

}  // namespace
}  // namespace tfpersist
