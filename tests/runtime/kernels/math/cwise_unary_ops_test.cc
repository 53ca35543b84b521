// Unary math kernels against their reference functors (identical results),
// plus Cast (reference/cast.h), Select/SelectV2 and AddN.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/broadcast.h"
#include "runtime/kernels/reference/cast.h"
#include "runtime/kernels/reference/unary_math.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::RandomTensor;
using testing::StatusIs;
using testing::TensorEq;

template <typename T, typename Fn>
void CheckUnary(const std::string& op, Fn fn, double lo = -10, double hi = 10) {
  for (const TensorShape& shape :
       {TensorShape({}), TensorShape({0, 4}), TensorShape({3, 5}),
        TensorShape({300, 400})}) {
    SCOPED_TRACE(op + " " + DataTypeString(DataTypeToEnum<T>::value) + " " +
                 shape.DebugString());
    Tensor x = RandomTensor<T>(shape, 7, lo, hi);
    Tensor expected(x.dtype(), shape);
    for (int64_t i = 0; i < x.NumElements(); ++i) {
      expected.data<T>()[i] =
          reference::FromCompute<T>(fn(reference::ToCompute(x.data<T>()[i])));
    }
    TFP_ASSERT_OK_AND_ASSIGN(Tensor y, KernelTester(op).Input(x).RunOutput());
    EXPECT_THAT(y, TensorEq(expected));
  }
}

TEST(CwiseUnaryOpsTest, MatchReference) {
  using namespace reference;  // NOLINT
  CheckUnary<float>("Neg", NegFn());
  CheckUnary<int32_t>("Neg", NegFn());
  CheckUnary<int8_t>("Abs", AbsFn(), -128, 127);
  CheckUnary<double>("Abs", AbsFn());
  CheckUnary<uint16_t>("Square", SquareFn(), 0, 65535);
  CheckUnary<half>("Square", SquareFn());
  CheckUnary<float>("Sqrt", SqrtFn(), 0, 100);
  CheckUnary<double>("Rsqrt", RsqrtFn(), 0.01, 100);
  CheckUnary<float>("Exp", ExpFn());
  CheckUnary<bfloat16>("Exp", ExpFn());
  CheckUnary<float>("Log", LogFn(), 0.001, 100);
  CheckUnary<float>("Tanh", TanhFn());
  CheckUnary<half>("Sigmoid", SigmoidFn());
  CheckUnary<float>("Reciprocal", ReciprocalFn());
  CheckUnary<int64_t>("Sign", SignFn());
  CheckUnary<float>("Floor", FloorFn());
  CheckUnary<double>("Ceil", CeilFn());
  CheckUnary<float>("Round", RoundFn());
  CheckUnary<float>("Relu", ReluFn());
  CheckUnary<int32_t>("Relu6", Relu6Fn());
  CheckUnary<float>("Elu", EluFn());
  CheckUnary<double>("Softplus", SoftplusFn(), -50, 50);
}

TEST(CwiseUnaryOpsTest, LeakyReluReadsAlpha) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y, KernelTester("LeakyRelu")
                                         .Attr("alpha", 0.5f)
                                         .Input<float>({-2, 3})
                                         .RunOutput());
  EXPECT_THAT(y, TensorEq(Tensor::FromVector<float>({-1, 3})));
}

TEST(CwiseUnaryOpsTest, LogicalNotAndUnsupportedDtype) {
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor y,
      KernelTester("LogicalNot").Input<bool>({true, false}).RunOutput());
  EXPECT_THAT(y, TensorEq(Tensor::FromVector<bool>({false, true})));
  EXPECT_THAT(KernelTester("Reciprocal").Input<int32_t>({1}).Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("T=DT_INT32")));
}

template <typename Src, typename Dst>
void CheckCast(bool truncate, double lo = -300, double hi = 300) {
  Tensor x = RandomTensor<Src>({1000}, 3, lo, hi);
  Tensor expected(DataTypeToEnum<Dst>::value, x.shape());
  for (int64_t i = 0; i < x.NumElements(); ++i) {
    expected.data<Dst>()[i] =
        reference::CastValue<Src, Dst>(x.data<Src>()[i], truncate);
  }
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y,
                           KernelTester("Cast")
                               .Attr("DstT", DataTypeToEnum<Dst>::value)
                               .Attr("Truncate", truncate)
                               .Input(x)
                               .RunOutput());
  EXPECT_THAT(y, TensorEq(expected));
}

TEST(CastOpTest, MatchesReference) {
  CheckCast<float, int32_t>(false);
  CheckCast<float, int8_t>(false);
  CheckCast<double, float>(false);
  CheckCast<double, float>(true);
  CheckCast<float, half>(false);
  CheckCast<float, bfloat16>(true);
  CheckCast<int64_t, bfloat16>(false);
  CheckCast<int32_t, bool>(false, -2, 2);
  CheckCast<bool, float>(false);
  CheckCast<half, int64_t>(false);
  CheckCast<uint8_t, int8_t>(false, 0, 255);
}

TEST(CastOpTest, SameTypeForwardsAndStringsUnsupported) {
  Tensor x = Tensor::FromVector<float>({1.5f});
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor y,
      KernelTester("Cast").Attr("DstT", DT_FLOAT).Input(x).RunOutput());
  EXPECT_TRUE(y.SharesBufferWith(x));
  EXPECT_THAT(KernelTester("Cast")
                  .Attr("DstT", DT_FLOAT)
                  .Input<std::string>({"1"})
                  .Run(),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("Cast string to float is not supported")));
}

TEST(SelectOpTest, ScalarVectorAndElementwiseConditions) {
  const Tensor t = Tensor::FromVector<int32_t>({1, 2, 3, 4}, {2, 2});
  const Tensor e = Tensor::FromVector<int32_t>({5, 6, 7, 8}, {2, 2});
  TFP_ASSERT_OK_AND_ASSIGN(Tensor s, KernelTester("Select")
                                         .Input(Tensor::Scalar<bool>(false))
                                         .Input(t)
                                         .Input(e)
                                         .RunOutput());
  EXPECT_THAT(s, TensorEq(e));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor v, KernelTester("Select")
                                         .Input<bool>({true, false})
                                         .Input(t)
                                         .Input(e)
                                         .RunOutput());
  EXPECT_THAT(v, TensorEq(Tensor::FromVector<int32_t>({1, 2, 7, 8}, {2, 2})));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor w,
                           KernelTester("Select")
                               .Input<bool>({true, false, false, true}, {2, 2})
                               .Input(t)
                               .Input(e)
                               .RunOutput());
  EXPECT_THAT(w, TensorEq(Tensor::FromVector<int32_t>({1, 6, 7, 4}, {2, 2})));
  EXPECT_THAT(KernelTester("Select")
                  .Input<bool>({true, false, true})
                  .Input(t)
                  .Input(e)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("batches")));
}

TEST(SelectOpTest, SelectV2Broadcasts) {
  Tensor cond = RandomTensor<bool>({3, 1}, 1);
  Tensor t = RandomTensor<float>({1, 4}, 2);
  Tensor e = RandomTensor<float>({3, 4}, 3);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out,
      KernelTester("SelectV2").Input(cond).Input(t).Input(e).RunOutput());
  ASSERT_EQ(out.shape(), TensorShape({3, 4}));
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 4; ++j) {
      const float want = cond.data<bool>()[i] ? t.data<float>()[j]
                                              : e.data<float>()[i * 4 + j];
      EXPECT_EQ(out.data<float>()[i * 4 + j], want);
    }
  }
  EXPECT_THAT(
      KernelTester("SelectV2")
          .Input<bool>({true, false})
          .Input(t)
          .Input(e)
          .Run(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("Incompatible shapes")));
}

TEST(AddNOpTest, SumsAndChecksShapes) {
  Tensor a = RandomTensor<int32_t>({50, 40}, 1),
         b = RandomTensor<int32_t>({50, 40}, 2),
         c = RandomTensor<int32_t>({50, 40}, 3);
  Tensor expected(DT_INT32, a.shape());
  for (int64_t i = 0; i < a.NumElements(); ++i) {
    expected.data<int32_t>()[i] =
        a.data<int32_t>()[i] + b.data<int32_t>()[i] + c.data<int32_t>()[i];
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor s, KernelTester("AddN").InputList({a, b, c}).RunOutput());
  EXPECT_THAT(s, TensorEq(expected));
  EXPECT_THAT(KernelTester("AddN")
                  .InputList({a, Tensor::FromVector<int32_t>({1})})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("must have the same size and shape")));
}

}  // namespace
}  // namespace tfpersist
