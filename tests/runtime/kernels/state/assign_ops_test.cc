#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

Tensor Value(const Var& var) {
  Tensor t;
  EXPECT_TRUE(var.Snapshot(&t));
  return t;
}

TEST(AssignTest, StoresACopyAndOutputsTheRef) {
  auto var = std::make_shared<Var>(DT_FLOAT, TensorShape({2}));
  Tensor value = Tensor::FromVector<float>({1, 2});
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out,
      KernelTester("Assign").RefInput(var).Input(value).RunOutput());
  EXPECT_THAT(out, TensorEq(value));
  EXPECT_THAT(Value(*var), TensorEq(value));
  EXPECT_FALSE(Value(*var).SharesBufferWith(value));
}

TEST(AssignTest, ValidateShapeUsesTheUninitializedShape) {
  auto var = std::make_shared<Var>(DT_FLOAT, TensorShape({2}));
  EXPECT_THAT(KernelTester("Assign")
                  .Name("v1/Assign")
                  .RefInput(var)
                  .Input<float>({1, 2, 3})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Assign requires shapes of both tensors to "
                                 "match. lhs shape= [2] rhs shape= [3]")));
  EXPECT_FALSE(var->IsInitialized());
}

TEST(AssignTest, WithoutValidateShapeTheVariableTakesTheNewShape) {
  auto var = std::make_shared<Var>(DT_FLOAT, TensorShape({2}));
  TFP_ASSERT_OK(KernelTester("Assign")
                    .RefInput(var)
                    .Input<float>({1, 2, 3})
                    .Attr("validate_shape", false)
                    .Run()
                    .status());
  EXPECT_THAT(Value(*var), TensorEq(Tensor::FromVector<float>({1, 2, 3})));
}

TEST(AssignTest, UnknownShapeVariableAcceptsAnything) {
  auto var = std::make_shared<Var>(DT_INT32);
  TFP_ASSERT_OK(KernelTester("Assign")
                    .RefInput(var)
                    .Input<int32_t>({1, 2, 3, 4}, {2, 2})
                    .Run()
                    .status());
  EXPECT_EQ(Value(*var).shape(), TensorShape({2, 2}));
}

TEST(AssignAddSubTest, UpdatesInPlaceOfTheVariable) {
  auto var = std::make_shared<Var>(DT_FLOAT);
  var->Set(Tensor::FromVector<float>({1, 2}));
  Tensor before = Value(*var);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out, KernelTester("AssignAdd")
                                           .RefInput(var)
                                           .Input<float>({10, 20})
                                           .RunOutput());
  EXPECT_THAT(out, TensorEq(Tensor::FromVector<float>({11, 22})));
  TFP_ASSERT_OK(KernelTester("AssignSub")
                    .RefInput(var)
                    .Input<float>({1, 1})
                    .Run()
                    .status());
  EXPECT_THAT(Value(*var), TensorEq(Tensor::FromVector<float>({10, 21})));
  // An earlier snapshot is unchanged (values are never written in place).
  EXPECT_THAT(before, TensorEq(Tensor::FromVector<float>({1, 2})));
}

TEST(AssignAddSubTest, Errors) {
  auto var = std::make_shared<Var>(DT_INT64);
  EXPECT_THAT(KernelTester("AssignAdd").RefInput(var).Input<int64_t>({1}).Run(),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Attempting to use uninitialized parameters: "
                                 "input_0")));
  var->Set(Tensor::FromVector<int64_t>({1, 2}));
  EXPECT_THAT(KernelTester("AssignSub").RefInput(var).Input<int64_t>({1}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Parameters and update must be the same size: "
                                 "[2] vs [1]")));
  auto svar = std::make_shared<Var>(DT_STRING);
  EXPECT_THAT(KernelTester("AssignAdd")
                  .RefInput(svar)
                  .Input(Tensor::Scalar<std::string>("a"))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("string")));
}

}  // namespace
}  // namespace tfpersist
