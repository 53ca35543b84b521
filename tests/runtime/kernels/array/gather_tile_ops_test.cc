// Tile, GatherV2/Gather, Range, OneHot, Where.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "runtime/allocation_budget.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

Tensor M(std::vector<float> v, TensorShape s) {
  return Tensor::FromVector(v, s);
}

TEST(TileTest, RepeatsEachDim) {
  EXPECT_THAT(KernelTester("Tile")
                  .Input(M({1, 2, 3, 4}, {2, 2}))
                  .Input<int32_t>({1, 2})
                  .RunOutput(),
              HoldsTensor(M({1, 2, 1, 2, 3, 4, 3, 4}, {2, 4})));
  EXPECT_THAT(KernelTester("Tile")
                  .Input(M({1, 2}, {2}))
                  .Input<int64_t>({0})
                  .RunOutput(),
              HoldsTensor(M({}, {0})));
  EXPECT_THAT(
      KernelTester("Tile").Input(M({1, 2}, {2})).Input<int32_t>({-1}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Expected multiples[0] >= 0, but got -1")));
}

TEST(GatherTest, AlongAxisAndErrors) {
  Tensor params = M({1, 2, 3, 4, 5, 6}, {3, 2});
  EXPECT_THAT(KernelTester("GatherV2")
                  .Input(params)
                  .Input<int32_t>({2, 0})
                  .ScalarInput<int32_t>(0)
                  .RunOutput(),
              HoldsTensor(M({5, 6, 1, 2}, {2, 2})));
  EXPECT_THAT(KernelTester("GatherV2")
                  .Input(params)
                  .Input<int64_t>({1, 1, 0}, {3, 1})
                  .ScalarInput<int64_t>(1)
                  .RunOutput(),
              HoldsTensor(M({2, 2, 1, 4, 4, 3, 6, 6, 5},
                            {3, 3, 1})));  // out[i,j] = params[i, idx[j]]
  EXPECT_THAT(
      KernelTester("Gather").Input(params).Input<int32_t>({1}).RunOutput(),
      HoldsTensor(M({3, 4}, {1, 2})));
  EXPECT_THAT(KernelTester("GatherV2")
                  .Input(params)
                  .Input<int32_t>({0, 3}, {1, 2})
                  .ScalarInput<int32_t>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[0,1] = 3 is not in [0, 3)")));
}

TEST(RangeTest, IntegerAndFloat) {
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int32_t>(3)
                  .ScalarInput<int32_t>(10)
                  .ScalarInput<int32_t>(3)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({3, 6, 9})));
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<float>(1)
                  .ScalarInput<float>(0)
                  .ScalarInput<float>(-0.25f)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({1, 0.75f, 0.5f, 0.25f})));
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int64_t>(0)
                  .ScalarInput<int64_t>(5)
                  .ScalarInput<int64_t>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Requires delta != 0: 0")));
  EXPECT_THAT(
      KernelTester("Range")
          .ScalarInput<int32_t>(5)
          .ScalarInput<int32_t>(1)
          .ScalarInput<int32_t>(1)
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Requires start <= limit when delta > 0: 5/1")));
}

// Defect: limit - start overflowed T, so Range(INT32_MIN, INT32_MAX, 1)
// returned [-2147483648]. Sizes are now exact (hand-computed below).
TEST(RangeTest, ExtremeLimitsGiveExactSizes) {
  constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();
  constexpr int32_t kMax32 = std::numeric_limits<int32_t>::max();
  constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
  // 2^32 - 1 int32 elements = 17179869180 bytes: above a 1 GiB cap.
  AllocationBudget budget(/*max_tensor_bytes=*/int64_t{1} << 30, 0);
  ScopedAllocationBudget install(&budget);
  EXPECT_THAT(KernelTester("Range")
                  .Name("r")
                  .ScalarInput<int32_t>(kMin32)
                  .ScalarInput<int32_t>(kMax32)
                  .ScalarInput<int32_t>(1)
                  .Run(),
              StatusIs(StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("shape[4294967295] and type int32: "
                                       "17179869180 bytes exceed"),
                             HasSubstr("{{node r}}"))));
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int32_t>(kMin32)
                  .ScalarInput<int32_t>(kMax32)
                  .ScalarInput<int32_t>(1 << 30)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>(
                  {kMin32, -(1 << 30), 0, 1 << 30})));
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int32_t>(kMax32)
                  .ScalarInput<int32_t>(kMin32)
                  .ScalarInput<int32_t>(kMin32)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({kMax32, -1})));
  // 2^64 - 1 elements: more than int64 can count.
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int64_t>(kMin64)
                  .ScalarInput<int64_t>(kMax64)
                  .ScalarInput<int64_t>(1)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Requires ((limit - start) / delta) <= "
                                 "9223372036854775807")));
  const int64_t q = int64_t{1} << 62;
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int64_t>(kMin64)
                  .ScalarInput<int64_t>(kMax64)
                  .ScalarInput<int64_t>(q)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({kMin64, -q, 0, q})));
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<int64_t>(kMax64)
                  .ScalarInput<int64_t>(kMin64)
                  .ScalarInput<int64_t>(kMin64)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({kMax64, -1})));
  EXPECT_THAT(KernelTester("Range")
                  .ScalarInput<float>(0)
                  .ScalarInput<float>(1e30f)
                  .ScalarInput<float>(1e-30f)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Requires ((limit - start) / delta) <= ")));
}

// 2^40 floats (4 TiB) exceed the process-wide per-tensor cap (physical
// memory by default): RESOURCE_EXHAUSTED at once, nothing allocated.
TEST(ResourceLimitsTest, HugeFillAndTileFailFast) {
  const int64_t n = int64_t{1} << 40;
  EXPECT_THAT(KernelTester("Fill")
                  .Name("fill")
                  .Input<int64_t>({n})
                  .Input(Tensor::Scalar<float>(1))
                  .Run(),
              StatusIs(StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("shape[1099511627776] and type float"),
                             HasSubstr("{{node fill}}"))));
  EXPECT_THAT(KernelTester("Tile")
                  .Name("tile")
                  .Input(M({1, 2}, {2}))
                  .Input<int64_t>({n})
                  .Run(),
              StatusIs(StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("shape[2199023255552] and type float"),
                             HasSubstr("{{node tile}}"))));
  // A per-run cap counts every output of the run.
  AllocationBudget budget(0, /*max_run_bytes=*/100);
  ScopedAllocationBudget install(&budget);
  EXPECT_THAT(KernelTester("Fill")
                  .Input<int32_t>({20})
                  .Input(Tensor::Scalar<float>(1))
                  .RunOutput(),
              HoldsTensor(M(std::vector<float>(20, 1), {20})));
  EXPECT_EQ(budget.used(), 80u);
  EXPECT_THAT(KernelTester("Fill")
                  .Input<int32_t>({6})
                  .Input(Tensor::Scalar<float>(1))
                  .Run(),
              StatusIs(StatusCode::kResourceExhausted,
                       HasSubstr("per-run limit of 100 bytes")));
  EXPECT_EQ(budget.used(), 80u);
}

TEST(OneHotTest, LastAndFirstAxis) {
  KernelTester last("OneHot");
  last.Input<int32_t>({0, 2, -1})
      .ScalarInput<int32_t>(3)
      .ScalarInput<float>(1)
      .ScalarInput<float>(0);
  EXPECT_THAT(last.RunOutput(),
              HoldsTensor(M({1, 0, 0, 0, 0, 1, 0, 0, 0}, {3, 3})));
  KernelTester first("OneHot");
  first.Input<int64_t>({1, 0})
      .ScalarInput<int32_t>(2)
      .ScalarInput<float>(5)
      .ScalarInput<float>(-1)
      .Attr("axis", int64_t{0});
  EXPECT_THAT(first.RunOutput(), HoldsTensor(M({-1, 5, 5, -1}, {2, 2})));
  EXPECT_THAT(KernelTester("OneHot")
                  .Input<int32_t>({0})
                  .ScalarInput<int32_t>(-1)
                  .ScalarInput<float>(1)
                  .ScalarInput<float>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("depth must be non-negative, got: -1")));
}

TEST(WhereTest, CoordinatesOfTrueElements) {
  EXPECT_THAT(KernelTester("Where")
                  .Input<bool>({true, false, false, true}, {2, 2})
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({0, 0, 1, 1},
                                                      TensorShape({2, 2}))));
  EXPECT_THAT(
      KernelTester("Where").Input<float>({0, -0.0f, 2.5f}).RunOutput(),
      HoldsTensor(Tensor::FromVector<int64_t>({2}, TensorShape({1, 1}))));
}

}  // namespace
}  // namespace tfpersist
