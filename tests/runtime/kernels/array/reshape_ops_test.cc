// Reshape, ExpandDims, Squeeze.
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

Tensor Iota(const TensorShape& shape) {
  std::vector<float> v(shape.num_elements());
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i);
  return Tensor::FromVector(v, shape);
}

TEST(ReshapeTest, InfersMinusOneAndSharesBuffer) {
  Tensor x = Iota(TensorShape({2, 3}));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor y,
      KernelTester("Reshape").Input(x).Input<int32_t>({3, -1}).RunOutput());
  EXPECT_EQ(y.shape(), TensorShape({3, 2}));
  EXPECT_TRUE(y.SharesBufferWith(x));
  EXPECT_THAT(KernelTester("Reshape").Input(x).Input<int64_t>({}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("tensor with 6 values, but the requested "
                                 "shape has 1")));
}

TEST(ReshapeTest, Errors) {
  Tensor x = Iota(TensorShape({6}));
  EXPECT_THAT(
      KernelTester("Reshape").Name("r").Input(x).Input<int32_t>({4}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               "Input to reshape is a tensor with 6 values, but the "
               "requested shape has 4\n\t [[{{node r}}]]"));
  EXPECT_THAT(KernelTester("Reshape").Input(x).Input<int32_t>({4, -1}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("requested shape requires a multiple of 4")));
  EXPECT_THAT(KernelTester("Reshape").Input(x).Input<int32_t>({-1, -1}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Only one input size may be -1, not both 0 "
                                 "and 1")));
  EXPECT_THAT(KernelTester("Reshape").Input(x).Input<int32_t>({-2, -3}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Size 0 must be non-negative, not -2")));
  EXPECT_THAT(KernelTester("Reshape")
                  .Input(x)
                  .Input<int32_t>({6}, TensorShape({1, 1}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("sizes input must be 1-D, not [1,1]")));
  EXPECT_THAT(KernelTester("Reshape")
                  .Input(Iota(TensorShape({0})))
                  .Input<int32_t>({0, -1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("cannot infer the missing input size")));
}

TEST(ExpandDimsTest, NegativeAndPositiveDims) {
  Tensor x = Iota(TensorShape({2, 3}));
  for (auto [dim, shape] : std::vector<std::pair<int, TensorShape>>{
           {0, {1, 2, 3}}, {2, {2, 3, 1}}, {-1, {2, 3, 1}}, {-3, {1, 2, 3}}}) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor y, KernelTester("ExpandDims")
                                           .Input(x)
                                           .ScalarInput<int32_t>(dim)
                                           .RunOutput());
    EXPECT_EQ(y.shape(), shape) << dim;
  }
  EXPECT_THAT(KernelTester("ExpandDims").Input(x).ScalarInput<int32_t>(3).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Tried to expand dim index 3 for tensor with "
                                 "2 dimensions.")));
}

TEST(SqueezeTest, AllOrListedDims) {
  Tensor x = Iota(TensorShape({1, 2, 1, 3}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor all,
                           KernelTester("Squeeze").Input(x).RunOutput());
  EXPECT_EQ(all.shape(), TensorShape({2, 3}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor some,
                           KernelTester("Squeeze")
                               .Input(x)
                               .Attr("squeeze_dims", std::vector<int64_t>{-2})
                               .RunOutput());
  EXPECT_EQ(some.shape(), TensorShape({1, 2, 3}));
  EXPECT_THAT(KernelTester("Squeeze")
                  .Input(x)
                  .Attr("squeeze_dims", std::vector<int64_t>{1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Can not squeeze dim[1], expected a dimension "
                                 "of 1, got 2")));
  EXPECT_THAT(KernelTester("Squeeze")
                  .Input(x)
                  .Attr("squeeze_dims", std::vector<int64_t>{4})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Tried to squeeze dim index 4 for tensor with "
                                 "4 dimensions.")));
}

TEST(ReshapeTest, ValuesKeepRowMajorOrder) {
  Tensor x = Iota(TensorShape({2, 2}));
  EXPECT_THAT(KernelTester("Reshape").Input(x).Input<int32_t>({4}).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({0, 1, 2, 3})));
}

}  // namespace
}  // namespace tfpersist
