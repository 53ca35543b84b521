// RestoreV2: V2 bundles (whole tensors, slices, errors) and the fallback to
// V1 checkpoints written by TF.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "train/testing/expected_tensors.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::StatusIs;
using testing::TensorEq;

Tensor Strings(std::vector<std::string> v) {
  return Tensor::FromVector<tstring>(v);
}

class RestoreV2OpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    prefix_ = JoinPath(testing::NewTempDir("restore_v2"), "model.ckpt");
    TFP_ASSERT_OK(KernelTester("SaveV2")
                      .ScalarInput<tstring>(prefix_)
                      .Input(Strings({"w", "b"}))
                      .Input(Strings({"", ""}))
                      .InputList({w_, b_})
                      .Run()
                      .status());
  }

  StatusOr<std::vector<Tensor>> Restore(std::vector<std::string> names,
                                        std::vector<std::string> slices,
                                        std::vector<DataType> dtypes) {
    return KernelTester("RestoreV2")
        .ScalarInput<tstring>(prefix_)
        .Input(Strings(names))
        .Input(Strings(slices))
        .Attr("dtypes", dtypes)
        .Run();
  }

  std::string prefix_;
  Tensor w_ =
      Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  Tensor b_ = Tensor::FromVector<int32_t>({7, 8});
};

TEST_F(RestoreV2OpTest, RestoresInRequestOrder) {
  TFP_ASSERT_OK_AND_ASSIGN(auto out,
                           Restore({"w", "b"}, {"", ""}, {DT_FLOAT, DT_INT32}));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(out[0], TensorEq(w_));
  EXPECT_THAT(out[1], TensorEq(b_));
}

TEST_F(RestoreV2OpTest, RestoresASliceOfAWholeTensor) {
  TFP_ASSERT_OK_AND_ASSIGN(auto out, Restore({"w"}, {"2 3 -:1,2"}, {DT_FLOAT}));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({2, 3, 5, 6},
                                                         TensorShape({2, 2}))));
}

TEST_F(RestoreV2OpTest, MissingKeyIsNotFoundNamingKeyAndCheckpoint) {
  EXPECT_THAT(Restore({"v3"}, {""}, {DT_FLOAT}).status(),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("Key v3 not found in checkpoint " + prefix_)));
}

TEST_F(RestoreV2OpTest, DtypeMustEqualTheRequestedOne) {
  EXPECT_THAT(Restore({"b"}, {""}, {DT_FLOAT}).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("tensor_name = b; expected dtype float does "
                                 "not equal restored dtype int32")));
}

TEST_F(RestoreV2OpTest, SliceSpecShapeMustMatchTheStoredShape) {
  EXPECT_THAT(Restore({"w"}, {"3 3 -:-"}, {DT_FLOAT}).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("does not match the shape stored")));
}

TEST_F(RestoreV2OpTest, MissingCheckpointIsNotFound) {
  EXPECT_THAT(KernelTester("RestoreV2")
                  .ScalarInput<tstring>(prefix_ + "-nope")
                  .Input(Strings({"w"}))
                  .Input(Strings({""}))
                  .Attr("dtypes", std::vector<DataType>{DT_FLOAT})
                  .Run()
                  .status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("-nope")));
}

// A V2-era graph restoring a V1 file: every tensor equals TF's values.
TEST(RestoreV2V1FallbackTest, ReadsTfWrittenV1Checkpoint) {
  TFP_REQUIRE_SHARED();
  std::string dir = testing::FixtureDir("ckpt-v1-nxt-adam");
  TFP_ASSERT_OK_AND_ASSIGN(auto expected, testing::LoadExpectedTensors(dir));
  const testing::ExpectedCheckpoint& ckpt = expected.at("model.ckpt");
  std::vector<std::string> names, slices;
  std::vector<DataType> dtypes;
  for (const auto& t : ckpt.tensors) {
    names.push_back(t.name);
    slices.push_back("");
    TFP_ASSERT_OK_AND_ASSIGN(DataType dt, DataTypeFromString(t.dtype));
    dtypes.push_back(dt);
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out, KernelTester("RestoreV2")
                    .ScalarInput<tstring>(JoinPath(dir, "model.ckpt"))
                    .Input(Strings(names))
                    .Input(Strings(slices))
                    .Attr("dtypes", dtypes)
                    .Run());
  ASSERT_EQ(out.size(), ckpt.tensors.size());
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(testing::TensorSha256(out[i]), ckpt.tensors[i].sha256)
        << ckpt.tensors[i].name;
  }
}

}  // namespace
}  // namespace tfpersist
