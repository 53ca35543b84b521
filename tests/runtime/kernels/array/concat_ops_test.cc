// ConcatV2, Concat, Pack, Unpack.
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

Tensor M(std::vector<int32_t> v, TensorShape s) {
  return Tensor::FromVector(v, s);
}

TEST(ConcatTest, AlongEachAxis) {
  Tensor a = M({1, 2, 3, 4}, {2, 2});
  Tensor b = M({5, 6}, {2, 1});
  EXPECT_THAT(KernelTester("ConcatV2")
                  .InputList({a, b})
                  .ScalarInput<int32_t>(1)
                  .RunOutput(),
              HoldsTensor(M({1, 2, 5, 3, 4, 6}, {2, 3})));
  EXPECT_THAT(KernelTester("ConcatV2")
                  .InputList({a, M({7, 8}, {1, 2})})
                  .ScalarInput<int64_t>(-2)
                  .RunOutput(),
              HoldsTensor(M({1, 2, 3, 4, 7, 8}, {3, 2})));
  EXPECT_THAT(KernelTester("Concat")
                  .ScalarInput<int32_t>(0)
                  .InputList({M({1}, {1}), M({2, 3}, {2})})
                  .RunOutput(),
              HoldsTensor(M({1, 2, 3}, {3})));
}

TEST(ConcatTest, Strings) {
  Tensor a = Tensor::FromVector<std::string>({"a", "b"});
  Tensor b = Tensor::FromVector<std::string>({"c"});
  EXPECT_THAT(KernelTester("ConcatV2")
                  .InputList({a, b})
                  .ScalarInput<int32_t>(0)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<std::string>({"a", "b", "c"})));
}

TEST(ConcatTest, Errors) {
  Tensor a = M({1, 2, 3, 4}, {2, 2});
  EXPECT_THAT(KernelTester("ConcatV2")
                  .InputList({a, M({5, 6, 7}, {3, 1})})
                  .ScalarInput<int32_t>(1)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimension 0 in both shapes must be equal: "
                                 "shape[0] = [2,2] vs. shape[1] = [3,1]")));
  EXPECT_THAT(KernelTester("ConcatV2")
                  .InputList({a, M({5}, {1})})
                  .ScalarInput<int32_t>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Ranks of all input tensors should match")));
  EXPECT_THAT(
      KernelTester("ConcatV2").InputList({a, a}).ScalarInput<int32_t>(2).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("range [-2, 2), but got 2")));
}

TEST(PackTest, StacksOnNewAxis) {
  Tensor a = M({1, 2}, {2});
  Tensor b = M({3, 4}, {2});
  EXPECT_THAT(KernelTester("Pack").InputList({a, b}).RunOutput(),
              HoldsTensor(M({1, 2, 3, 4}, {2, 2})));
  EXPECT_THAT(KernelTester("Pack")
                  .InputList({a, b})
                  .Attr("axis", int64_t{1})
                  .RunOutput(),
              HoldsTensor(M({1, 3, 2, 4}, {2, 2})));
  EXPECT_THAT(KernelTester("Pack").InputList({a, M({1}, {1})}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Shapes of all inputs must match: "
                                 "values[0].shape = [2] != values[1].shape = "
                                 "[1]")));
}

TEST(UnpackTest, SplitsAlongAxis) {
  Tensor x = M({1, 2, 3, 4, 5, 6}, {2, 3});
  TFP_ASSERT_OK_AND_ASSIGN(auto cols, KernelTester("Unpack")
                                          .Input(x)
                                          .Attr("num", int64_t{3})
                                          .Attr("axis", int64_t{-1})
                                          .Run());
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_THAT(cols[2], TensorEq(M({3, 6}, {2})));
  EXPECT_THAT(KernelTester("Unpack").Input(x).Attr("num", int64_t{3}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input shape axis 0 must equal 3, got shape "
                                 "[2,3]")));
}

}  // namespace
}  // namespace tfpersist
