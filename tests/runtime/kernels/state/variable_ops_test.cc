#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::KernelRun;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

KernelTester VariableV2(ResourceMgr* rm, const std::string& name) {
  KernelTester t("VariableV2");
  t.Name(name)
      .WithResourceMgr(rm)
      .Attr("dtype", DT_FLOAT)
      .Attr("shape", PartialTensorShape({2}));
  return t;
}

TEST(VariableV2Test, CreatesUninitializedVarKeyedByNodeName) {
  ResourceMgr rm;
  KernelRun run = VariableV2(&rm, "v1").RunValues();
  TFP_ASSERT_OK(run.status);
  ASSERT_EQ(run.outputs.size(), 1u);
  ASSERT_TRUE(run.outputs[0].is_ref());
  EXPECT_FALSE(run.outputs[0].ref->IsInitialized());
  TFP_ASSERT_OK_AND_ASSIGN(auto var, rm.Lookup<Var>(kDefaultContainer, "v1"));
  EXPECT_EQ(var.get(), run.outputs[0].ref.get());
  // Running again yields the same variable.
  EXPECT_EQ(VariableV2(&rm, "v1").RunValues().outputs[0].ref.get(), var.get());
}

TEST(VariableV2Test, SharedNameAndContainer) {
  ResourceMgr rm;
  TFP_ASSERT_OK(VariableV2(&rm, "v1")
                    .Attr("shared_name", "shared")
                    .Attr("container", "c")
                    .RunValues()
                    .status);
  TFP_EXPECT_OK(rm.Lookup<Var>("c", "shared").status());
  EXPECT_THAT(rm.Lookup<Var>(kDefaultContainer, "v1"),
              StatusIs(StatusCode::kNotFound, HasSubstr("localhost/v1")));
}

TEST(VariableV2Test, DtypeClashWithExistingVariable) {
  ResourceMgr rm;
  TFP_ASSERT_OK(VariableV2(&rm, "v").RunValues().status);
  KernelRun run = VariableV2(&rm, "v").Attr("dtype", DT_INT32).RunValues();
  EXPECT_THAT(run.status,
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("already exists with dtype float")));
}

TEST(IsVariableInitializedTest, FalseThenTrue) {
  auto var = std::make_shared<Var>(DT_FLOAT);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor before,
      KernelTester("IsVariableInitialized").RefInput(var).RunOutput());
  EXPECT_THAT(before, TensorEq(Tensor::Scalar<bool>(false)));
  var->Set(Tensor::FromVector<float>({1}));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor after,
      KernelTester("IsVariableInitialized").RefInput(var).RunOutput());
  EXPECT_THAT(after, TensorEq(Tensor::Scalar<bool>(true)));
}

TEST(IdentityOnRefTest, ReadsSnapshotOrFailsUninitialized) {
  auto var = std::make_shared<Var>(DT_FLOAT);
  EXPECT_THAT(KernelTester("Identity").Name("v1/read").RefInput(var).Run(),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Attempting to use uninitialized value "
                                 "input_0")));
  var->Set(Tensor::FromVector<float>({1, 2}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor snap,
                           KernelTester("Identity").RefInput(var).RunOutput());
  var->Set(Tensor::FromVector<float>({5, 6}));
  EXPECT_THAT(snap, TensorEq(Tensor::FromVector<float>({1, 2})));
}

}  // namespace
}  // namespace tfpersist
