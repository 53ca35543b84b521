#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::KernelRun;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

TEST(SwitchTest, ForwardsToTheTakenPortOnly) {
  Tensor data = Tensor::FromVector<float>({1, 2});
  KernelRun t =
      KernelTester("Switch").Input(data).ScalarInput<bool>(true).RunValues();
  TFP_ASSERT_OK(t.status);
  EXPECT_THAT(t.dead, ElementsAre(true, false));
  EXPECT_TRUE(t.outputs[1].tensor.SharesBufferWith(data));
  KernelRun f =
      KernelTester("Switch").Input(data).ScalarInput<bool>(false).RunValues();
  EXPECT_THAT(f.dead, ElementsAre(false, true));
  EXPECT_THAT(
      KernelTester("Switch").Input(data).Input<bool>({true, false}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("The second input must be a scalar, but it "
                         "has shape [2]")));
}

TEST(RefSwitchTest, ForwardsTheRef) {
  auto var = std::make_shared<Var>(DT_INT32);
  KernelRun r = KernelTester("RefSwitch")
                    .RefInput(var)
                    .ScalarInput<bool>(false)
                    .RunValues();
  TFP_ASSERT_OK(r.status);
  ASSERT_TRUE(r.outputs[0].is_ref());
  EXPECT_EQ(r.outputs[0].ref.get(), var.get());
}

TEST(MergeTest, TakesTheFirstLiveInput) {
  Tensor live = Tensor::Scalar<float>(4);
  TFP_ASSERT_OK_AND_ASSIGN(
      auto outs, KernelTester("Merge")
                     .InputList({Tensor::Scalar<float>(0), live}, {true, false})
                     .Run());
  EXPECT_THAT(outs[0], TensorEq(live));
  EXPECT_THAT(outs[1], TensorEq(Tensor::Scalar<int32_t>(1)));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto both,
      KernelTester("Merge").InputList({Tensor::Scalar<float>(0), live}).Run());
  EXPECT_THAT(both[1], TensorEq(Tensor::Scalar<int32_t>(0)));
}

TEST(ControlTriggerTest, HasNoOutputs) {
  TFP_ASSERT_OK_AND_ASSIGN(auto outs, KernelTester("ControlTrigger").Run());
  EXPECT_TRUE(outs.empty());
}

}  // namespace
}  // namespace tfpersist
