#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelRun;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

class ResourceVariableTest : public ::testing::Test {
 protected:
  KernelTester Op(const std::string& op) {
    KernelTester t(op);
    t.WithResourceMgr(&rm_);
    return t;
  }
  KernelTester Read() {
    KernelTester t = Op("ReadVariableOp");
    t.ResourceInput(handle_).Attr("dtype", DT_FLOAT);
    return t;
  }
  ResourceMgr rm_;
  ResourceHandle handle_{kDefaultContainer, "v"};
};

TEST_F(ResourceVariableTest, VarHandleOpKeysByContainerAndSharedName) {
  KernelRun r = Op("VarHandleOp")
                    .Attr("shared_name", "w")
                    .Attr("dtype", DT_FLOAT)
                    .Attr("shape", PartialTensorShape({2}))
                    .RunValues();
  TFP_ASSERT_OK(r.status);
  ASSERT_TRUE(r.outputs[0].is_resource());
  EXPECT_EQ(*r.outputs[0].handle, (ResourceHandle{"localhost", "w"}));
  KernelRun c = Op("VarHandleOp")
                    .Attr("shared_name", "w")
                    .Attr("container", "c")
                    .Attr("dtype", DT_FLOAT)
                    .Attr("shape", PartialTensorShape({}))
                    .RunValues();
  EXPECT_EQ(*c.outputs[0].handle, (ResourceHandle{"c", "w"}));
  EXPECT_EQ(rm_.size(), 0u);  // handles do not create variables
}

TEST_F(ResourceVariableTest, AssignReadUpdateDestroy) {
  EXPECT_THAT(Op("VarIsInitializedOp").ResourceInput(handle_).RunOutput(),
              HoldsTensor(Tensor::Scalar<bool>(false)));
  EXPECT_THAT(Read().Name("v/Read/ReadVariableOp").Run(),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Error while reading resource variable v from "
                                 "Container: localhost. This could mean that "
                                 "the variable was uninitialized.")));
  TFP_ASSERT_OK(Op("AssignVariableOp")
                    .ResourceInput(handle_)
                    .Input<float>({1, 2})
                    .Run()
                    .status());
  EXPECT_THAT(Read().RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({1, 2})));
  TFP_ASSERT_OK(Op("AssignAddVariableOp")
                    .ResourceInput(handle_)
                    .Input<float>({10, 10})
                    .Run()
                    .status());
  TFP_ASSERT_OK(Op("AssignSubVariableOp")
                    .ResourceInput(handle_)
                    .Input<float>({1, 1})
                    .Run()
                    .status());
  EXPECT_THAT(Read().RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({10, 11})));
  EXPECT_THAT(Op("VarIsInitializedOp").ResourceInput(handle_).RunOutput(),
              HoldsTensor(Tensor::Scalar<bool>(true)));
  TFP_ASSERT_OK(Op("DestroyResourceOp").ResourceInput(handle_).Run().status());
  EXPECT_EQ(rm_.size(), 0u);
  EXPECT_THAT(Op("DestroyResourceOp")
                  .ResourceInput(handle_)
                  .Attr("ignore_lookup_error", false)
                  .Run(),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("Resource localhost/v does not exist.")));
}

TEST_F(ResourceVariableTest, DtypeAndShapeErrors) {
  TFP_ASSERT_OK(Op("AssignVariableOp")
                    .ResourceInput(handle_)
                    .Input<float>({1, 2})
                    .Run()
                    .status());
  EXPECT_THAT(
      Op("ReadVariableOp").ResourceInput(handle_).Attr("dtype", DT_INT32).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Trying to read variable with wrong dtype. "
                         "Expected int32 got float")));
  EXPECT_THAT(
      Op("AssignVariableOp").ResourceInput(handle_).Input<int32_t>({1}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Trying to assign variable with wrong dtype. "
                         "Expected float got int32")));
  EXPECT_THAT(
      Op("AssignAddVariableOp").ResourceInput(handle_).Input<float>({1}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Cannot update variable with shape [2] using "
                         "a Tensor with shape [1], shapes must be "
                         "equal.")));
  EXPECT_THAT(Op("AssignVariableOp")
                  .ResourceInput(handle_)
                  .Input<float>({1})
                  .Attr("validate_shape", true)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected [2] got [1]")));
  // Without validate_shape (the default) the shape may change.
  TFP_EXPECT_OK(Op("AssignVariableOp")
                    .ResourceInput(handle_)
                    .Input<float>({1})
                    .Run()
                    .status());
}

}  // namespace
}  // namespace tfpersist
