// RandomUniform / RandomStandardNormal / TruncatedNormal: seeded outputs
// are deterministic and independent of threading, follow the reference
// Philox stream (reference/philox.h), and have the right distribution.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "runtime/kernels/reference/philox.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::StatusIs;
using testing::TensorEq;

StatusOr<Tensor> Random(const std::string& op, DataType dtype, int64_t seed,
                        int64_t seed2, int64_t n) {
  return KernelTester(op)
      .Attr("dtype", dtype)
      .Attr("seed", seed)
      .Attr("seed2", seed2)
      .Input<int32_t>({static_cast<int32_t>(n)})
      .RunOutput();
}

TEST(RandomOpsTest, UniformFollowsThePhiloxStream) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor u,
                           Random("RandomUniform", DT_FLOAT, 87, 3, 10));
  reference::Philox gen(87, 3);
  for (int g = 0; g < 3; ++g) {
    const auto block = gen.Next();
    for (int i = 0; i < 4 && g * 4 + i < 10; ++i) {
      EXPECT_EQ(u.flat<float>()[g * 4 + i], reference::Uint32ToFloat(block[i]));
    }
  }
}

TEST(RandomOpsTest, DeterministicAcrossThreadingAndSizes) {
  for (const char* op :
       {"RandomUniform", "RandomStandardNormal", "TruncatedNormal"}) {
    for (DataType dt : {DT_FLOAT, DT_DOUBLE, DT_HALF}) {
      SCOPED_TRACE(std::string(op) + " " + DataTypeString(dt));
      // 100000 elements run on two threads; the first 6 must equal a
      // single-threaded 6-element run with the same seeds.
      TFP_ASSERT_OK_AND_ASSIGN(Tensor big, Random(op, dt, 1, 2, 100000));
      TFP_ASSERT_OK_AND_ASSIGN(Tensor again, Random(op, dt, 1, 2, 100000));
      EXPECT_THAT(big, TensorEq(again));
      TFP_ASSERT_OK_AND_ASSIGN(Tensor small, Random(op, dt, 1, 2, 6));
      for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(big.ElementAsDouble(i), small.ElementAsDouble(i));
      }
    }
  }
}

TEST(RandomOpsTest, DistributionMoments) {
  const int64_t n = 200000;
  TFP_ASSERT_OK_AND_ASSIGN(Tensor u,
                           Random("RandomUniform", DT_FLOAT, 5, 0, n));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor z,
                           Random("RandomStandardNormal", DT_DOUBLE, 5, 0, n));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t,
                           Random("TruncatedNormal", DT_FLOAT, 5, 0, n));
  double us = 0, zs = 0, zss = 0, tmax = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double uv = u.ElementAsDouble(i);
    ASSERT_GE(uv, 0.0);
    ASSERT_LT(uv, 1.0);
    us += uv;
    zs += z.ElementAsDouble(i);
    zss += z.ElementAsDouble(i) * z.ElementAsDouble(i);
    tmax = std::max(tmax, std::abs(t.ElementAsDouble(i)));
  }
  EXPECT_NEAR(us / n, 0.5, 0.01);
  EXPECT_NEAR(zs / n, 0.0, 0.01);
  EXPECT_NEAR(zss / n, 1.0, 0.02);
  EXPECT_LT(tmax, 2.0);
  EXPECT_GT(tmax, 1.9);
}

TEST(RandomOpsTest, UnseededRunsDifferAndBadShapesFail) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor a,
                           Random("RandomUniform", DT_FLOAT, 0, 0, 8));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor b,
                           Random("RandomUniform", DT_FLOAT, 0, 0, 8));
  EXPECT_FALSE(a.IsSameAs(b));
  EXPECT_THAT(Random("RandomUniform", DT_FLOAT, 1, 1, -1),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("-1")));
  // The OpDef itself rejects non-float dtypes (before any kernel runs).
  EXPECT_THAT(Random("RandomUniform", DT_INT32, 1, 1, 1),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("not in the list of allowed values")));
}

}  // namespace
}  // namespace tfpersist
