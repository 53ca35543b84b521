// Softmax, LRN and fused batch norm references (softmax.h, lrn.h,
// batch_norm.h) on hand-checked cases from their definitions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "runtime/kernels/reference/batch_norm.h"
#include "runtime/kernels/reference/lrn.h"
#include "runtime/kernels/reference/softmax.h"

namespace tfpersist::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::Pointwise;

TEST(SoftmaxTest, RowsSumToOneAndShiftInvariant) {
  const std::vector<float> x = {1, 2, 3, 1001, 1002, 1003};
  std::vector<float> y(6);
  Softmax(x.data(), 2, 3, /*log=*/false, y.data());
  const float e = std::exp(1.0f), s = 1 + e + e * e;
  EXPECT_THAT(y, Pointwise(FloatNear(1e-6),
                           std::vector<float>{1 / s, e / s, e * e / s, 1 / s,
                                              e / s, e * e / s}));
  std::vector<float> ly(6);
  Softmax(x.data(), 2, 3, /*log=*/true, ly.data());
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(ly[i], std::log(y[i]), 1e-5);
}

TEST(LrnTest, HandChecked) {
  // depth 3, radius 1, bias 1, alpha 1, beta 1:
  // out[d] = x[d] / (1 + sum of squares of neighbours).
  const std::vector<float> x = {1, 2, 3};
  std::vector<float> y(3);
  Lrn(x.data(), 1, 3, 1, 1.0f, 1.0f, 1.0f, y.data());
  EXPECT_THAT(y, Pointwise(FloatNear(1e-6),
                           std::vector<float>{1 / 6.0f, 2 / 15.0f, 3 / 14.0f}));
}

TEST(BatchNormTest, InferenceUsesGivenStatistics) {
  // NHWC [1, 1, 2, 2]: channels {0: (1, 3)}, {1: (2, 4)}.
  const std::vector<float> x = {1, 2, 3, 4};
  const float scale[] = {2, 1}, offset[] = {0, 1}, mean[] = {1, 2},
              var[] = {4, 1};
  BatchNormParams p{.outer = 2,
                    .channels = 2,
                    .inner = 1,
                    .epsilon = 0,
                    .is_training = false};
  std::vector<float> y(4);
  BatchNormStats s =
      FusedBatchNorm(p, x.data(), scale, offset, mean, var, y.data());
  EXPECT_THAT(y, ElementsAre(0, 1, 2, 3));
  EXPECT_THAT(s.batch_mean, ElementsAre(1, 2));
  EXPECT_THAT(s.batch_variance, ElementsAre(4, 1));
}

TEST(BatchNormTest, TrainingUsesBatchStatisticsAndBessel) {
  const std::vector<float> x = {1, 2, 3, 4};
  const float scale[] = {1, 1}, offset[] = {0, 0};
  BatchNormParams p{.outer = 2, .channels = 2, .inner = 1, .epsilon = 0};
  std::vector<float> y(4);
  BatchNormStats s =
      FusedBatchNorm(p, x.data(), scale, offset, nullptr, nullptr, y.data());
  EXPECT_THAT(y, ElementsAre(-1, -1, 1, 1));  // (x - m) / sqrt(1)
  EXPECT_THAT(s.batch_mean, ElementsAre(2, 3));
  EXPECT_THAT(s.batch_variance, ElementsAre(2, 2));  // 1 * 2 / (2 - 1)
  EXPECT_THAT(s.reserve_1, ElementsAre(2, 3));
  EXPECT_THAT(s.reserve_2, ElementsAre(1, 1));
  // Exponential averaging with the running values.
  const float run_mean[] = {0, 0}, run_var[] = {1, 1};
  p.exponential_avg_factor = 0.5f;
  s = FusedBatchNorm(p, x.data(), scale, offset, run_mean, run_var, y.data());
  EXPECT_THAT(s.batch_mean, ElementsAre(1, 1.5));
  EXPECT_THAT(s.batch_variance, ElementsAre(1.5, 1.5));
}

TEST(BatchNormTest, NchwLayoutAndEmptyBatch) {
  // NCHW [1, 2, 1, 2]: channel 0 = (1, 2), channel 1 = (3, 4).
  const std::vector<float> x = {1, 2, 3, 4};
  const float scale[] = {1, 1}, offset[] = {0, 0};
  BatchNormParams p{.outer = 1, .channels = 2, .inner = 2, .epsilon = 0};
  std::vector<float> y(4);
  BatchNormStats s =
      FusedBatchNorm(p, x.data(), scale, offset, nullptr, nullptr, y.data());
  EXPECT_THAT(s.batch_mean, ElementsAre(1.5, 3.5));
  EXPECT_THAT(y, ElementsAre(-1, 1, -1, 1));
  p.outer = 0;
  s = FusedBatchNorm<float>(p, nullptr, scale, offset, nullptr, nullptr,
                            nullptr);
  EXPECT_TRUE(std::isnan(s.batch_mean[0]));
}

}  // namespace
}  // namespace tfpersist::reference
