// Reductions and ArgMax/ArgMin (reduce.h) on hand-checked cases.
#include "runtime/kernels/reference/reduce.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace tfpersist::reference {
namespace {

using ::testing::ElementsAre;

// [2, 3] = {{1, 2, 3}, {4, 5, 6}}.
const std::vector<float> kX = {1, 2, 3, 4, 5, 6};
const Dims kDims = {2, 3};

TEST(ReduceTest, AlongEachAxis) {
  std::vector<float> out(3);
  Reduce(kX.data(), kDims, {true, false}, ReduceOp::kSum, out.data());
  EXPECT_THAT(out, ElementsAre(5, 7, 9));
  out.resize(2);
  Reduce(kX.data(), kDims, {false, true}, ReduceOp::kMean, out.data());
  EXPECT_THAT(out, ElementsAre(2, 5));
  Reduce(kX.data(), kDims, {false, true}, ReduceOp::kProd, out.data());
  EXPECT_THAT(out, ElementsAre(6, 120));
  out.resize(1);
  Reduce(kX.data(), kDims, {true, true}, ReduceOp::kMax, out.data());
  EXPECT_EQ(out[0], 6);
  Reduce(kX.data(), kDims, {true, true}, ReduceOp::kMin, out.data());
  EXPECT_EQ(out[0], 1);
  // No axes: identity.
  std::vector<float> same(6);
  Reduce(kX.data(), kDims, {false, false}, ReduceOp::kSum, same.data());
  EXPECT_EQ(same, kX);
}

TEST(ReduceTest, IntegerMeanDividesAsIntegers) {
  const std::vector<int32_t> x = {1, 2, 4, -1, -2, -4};
  std::vector<int32_t> out(2);
  Reduce(x.data(), kDims, {false, true}, ReduceOp::kMean, out.data());
  EXPECT_THAT(out, ElementsAre(2, -2));  // 7/3, -7/3 truncated
}

TEST(ReduceTest, EmptyReductionsGiveIdentities) {
  const Dims dims = {0, 2};
  std::vector<float> out(2);
  Reduce<float>(nullptr, dims, {true, false}, ReduceOp::kSum, out.data());
  EXPECT_THAT(out, ElementsAre(0, 0));
  Reduce<float>(nullptr, dims, {true, false}, ReduceOp::kProd, out.data());
  EXPECT_THAT(out, ElementsAre(1, 1));
  Reduce<float>(nullptr, dims, {true, false}, ReduceOp::kMax, out.data());
  EXPECT_EQ(out[0], -std::numeric_limits<float>::infinity());
  Reduce<float>(nullptr, dims, {true, false}, ReduceOp::kMean, out.data());
  EXPECT_TRUE(std::isnan(out[0]));
  std::vector<int32_t> iout(2);
  Reduce<int32_t>(nullptr, dims, {true, false}, ReduceOp::kMin, iout.data());
  EXPECT_EQ(iout[0], std::numeric_limits<int32_t>::max());
  Reduce<int32_t>(nullptr, dims, {true, false}, ReduceOp::kMean, iout.data());
  EXPECT_EQ(iout[0], 0);
}

TEST(ReduceTest, MaxPropagatesNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> x = {1, nan, 3, 4};
  std::vector<float> out(2);
  Reduce(x.data(), Dims{2, 2}, {false, true}, ReduceOp::kMax, out.data());
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_EQ(out[1], 4);
}

TEST(ArgReduceTest, FirstIndexWinsTies) {
  const std::vector<int> x = {3, 7, 7, 1, 0, 0};  // [2, 3]
  std::vector<int64_t> out(2);
  ArgReduce(x.data(), kDims, 1, /*is_max=*/true, out.data());
  EXPECT_THAT(out, ElementsAre(1, 0));
  ArgReduce(x.data(), kDims, 1, /*is_max=*/false, out.data());
  EXPECT_THAT(out, ElementsAre(0, 1));
  std::vector<int32_t> cols(3);
  ArgReduce(x.data(), kDims, 0, /*is_max=*/true, cols.data());
  EXPECT_THAT(cols, ElementsAre(0, 0, 0));
}

}  // namespace
}  // namespace tfpersist::reference
