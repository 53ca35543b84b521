// ResourceGather: rows of a resource variable, checked by hand.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

class ResourceGatherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto var = std::make_shared<Var>(DT_FLOAT);
    var->Set(
        Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2})));
    TFP_ASSERT_OK(rm_.Create("localhost", "emb", var));
  }
  KernelTester Gather() {
    KernelTester t("ResourceGather");
    t.WithResourceMgr(&rm_)
        .ResourceInput({"localhost", "emb"})
        .Attr("dtype", DT_FLOAT);
    return t;
  }
  ResourceMgr rm_;
};

TEST_F(ResourceGatherTest, GathersRows) {
  EXPECT_THAT(
      Gather().Input<int64_t>({2, 0, 2, 1}, TensorShape({2, 2})).RunOutput(),
      HoldsTensor(Tensor::FromVector<float>({5, 6, 1, 2, 5, 6, 3, 4},
                                            TensorShape({2, 2, 2}))));
  EXPECT_THAT(Gather().Input<int32_t>({}).RunOutput(),
              HoldsTensor(Tensor(DT_FLOAT, TensorShape({0, 2}))));
}

TEST_F(ResourceGatherTest, Errors) {
  EXPECT_THAT(Gather().Input<int32_t>({3}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[0] = 3 is not in [0, 3)")));
  KernelTester missing("ResourceGather");
  missing.WithResourceMgr(&rm_)
      .ResourceInput({"localhost", "nope"})
      .Attr("dtype", DT_FLOAT)
      .Input<int32_t>({0});
  EXPECT_THAT(missing.Run(),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Error while reading resource variable "
                                 "nope")));
}

}  // namespace
}  // namespace tfpersist
