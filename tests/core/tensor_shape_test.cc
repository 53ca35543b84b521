#include "tfpersist/core/tensor_shape.h"

#include <limits>

#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(TensorShapeTest, ScalarAndDims) {
  TensorShape scalar;
  EXPECT_TRUE(scalar.IsScalar());
  EXPECT_EQ(scalar.num_elements(), 1);
  EXPECT_EQ(scalar.DebugString(), "[]");
  TensorShape s({2, 3});
  EXPECT_EQ(s.dims(), 2);
  EXPECT_EQ(s.dim_size(1), 3);
  EXPECT_EQ(s.num_elements(), 6);
  EXPECT_EQ(s.DebugString(), "[2,3]");
  EXPECT_EQ(TensorShape({0, 5}).num_elements(), 0);
}

TEST(TensorShapeTest, Mutation) {
  TensorShape s({2, 3});
  s.AddDim(4);
  EXPECT_EQ(s.num_elements(), 24);
  s.InsertDim(0, 5);
  EXPECT_EQ(s.DebugString(), "[5,2,3,4]");
  s.RemoveDim(1);
  EXPECT_EQ(s.DebugString(), "[5,3,4]");
  s.set_dim(2, 0);
  EXPECT_EQ(s.num_elements(), 0);
  EXPECT_EQ(s, TensorShape({5, 3, 0}));
}

TEST(TensorShapeTest, BuildRejectsNegativeDims) {
  const std::vector<int64_t> dims = {2, -3};
  EXPECT_THAT(TensorShape::Build(dims),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimension 1 of shape [2,-3] is negative")));
}

TEST(TensorShapeTest, BuildRejectsOverflow) {
  const int64_t big = int64_t{1} << 32;
  const std::vector<int64_t> dims = {big, big};
  EXPECT_THAT(TensorShape::Build(dims),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("overflows int64 at dimension 1")));
  const std::vector<int64_t> max = {std::numeric_limits<int64_t>::max()};
  TFP_ASSERT_OK_AND_ASSIGN(TensorShape ok, TensorShape::Build(max));
  EXPECT_EQ(ok.num_elements(), std::numeric_limits<int64_t>::max());
  // Zero anywhere keeps the product at 0 even after huge dims.
  const std::vector<int64_t> zero = {big, big, 0};
  EXPECT_THAT(TensorShape::Build(zero),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("overflows")));
}

TEST(TensorShapeDeathTest, ConstructorAbortsOnBadDims) {
  EXPECT_DEATH(TensorShape({-1}), "negative");
}

TEST(PartialTensorShapeTest, DebugString) {
  EXPECT_EQ(PartialTensorShape().DebugString(), "<unknown>");
  EXPECT_EQ(PartialTensorShape({-1, 784}).DebugString(), "[?,784]");
  EXPECT_EQ(PartialTensorShape(std::span<const int64_t>()).DebugString(), "[]");
  EXPECT_EQ(PartialTensorShape().dims(), -1);
  EXPECT_EQ(PartialTensorShape(TensorShape({2})).DebugString(), "[2]");
}

TEST(PartialTensorShapeTest, Compatibility) {
  const PartialTensorShape p({-1, 784});
  EXPECT_FALSE(p.IsFullyDefined());
  EXPECT_TRUE(p.IsCompatibleWith(TensorShape({32, 784})));
  EXPECT_FALSE(p.IsCompatibleWith(TensorShape({32, 10})));
  EXPECT_FALSE(p.IsCompatibleWith(TensorShape({784})));
  EXPECT_TRUE(PartialTensorShape().IsCompatibleWith(TensorShape({1, 2, 3})));
  EXPECT_TRUE(p.IsCompatibleWith(PartialTensorShape({5, -1})));
  const PartialTensorShape full({3, 4});
  EXPECT_TRUE(full.IsFullyDefined());
  EXPECT_EQ(full.AsTensorShape(), TensorShape({3, 4}));
  EXPECT_FALSE(PartialTensorShape().IsFullyDefined());
}

TEST(PartialTensorShapeTest, BuildRejectsBelowMinusOne) {
  const std::vector<int64_t> dims = {-1, -2};
  EXPECT_THAT(PartialTensorShape::Build(dims),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimension 1 of partial shape [?,-2] is -2")));
}

}  // namespace
}  // namespace tfpersist
