// Scalar semantics of the cwise functors (numeric.h, unary_math.h) and of
// Cast (cast.h), checked on hand-worked cases from TF's documented
// behaviour.
#include "runtime/kernels/reference/numeric.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "runtime/kernels/reference/cast.h"
#include "runtime/kernels/reference/unary_math.h"

namespace tfpersist::reference {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST(NumericTest, IntegerArithmeticWraps) {
  EXPECT_EQ(AddFn()(int32_t{INT32_MAX}, int32_t{1}), INT32_MIN);
  EXPECT_EQ(SubFn()(int64_t{INT64_MIN}, int64_t{1}), INT64_MAX);
  EXPECT_EQ(MulFn()(int32_t{65536}, int32_t{65536}), 0);
  EXPECT_EQ(MulFn()(uint16_t{65535}, uint16_t{65535}), 1);
  EXPECT_EQ(NegFn()(int32_t{INT32_MIN}), INT32_MIN);
  EXPECT_EQ(AbsFn()(int8_t{-128}), -128);
}

// Defect: int16 and uint16 operands were promoted to int, whose product
// overflowed (UB, caught by -fsanitize=undefined). Every narrow type now
// wraps in unsigned arithmetic; results are the products modulo 2^16 / 2^8.
TEST(NumericTest, NarrowIntegerProductsWrapWithoutOverflow) {
  EXPECT_EQ(MulFn()(int16_t{-50}, int16_t{-38}), 1900);
  EXPECT_EQ(MulFn()(int16_t{300}, int16_t{300}), 24464);  // 90000 - 65536
  EXPECT_EQ(MulFn()(int16_t{-32768}, int16_t{-32768}), 0);
  EXPECT_EQ(MulFn()(int16_t{-32768}, int16_t{-1}), -32768);
  EXPECT_EQ(MulFn()(int16_t{-1}, int16_t{-1}), 1);
  EXPECT_EQ(MulFn()(int8_t{-128}, int8_t{-128}), 0);
  EXPECT_EQ(MulFn()(int8_t{16}, int8_t{9}), -112);  // 144 - 256
  EXPECT_EQ(MulFn()(uint8_t{255}, uint8_t{255}), 1);
  EXPECT_EQ(SquareFn()(int16_t{-32767}), 1);            // 32767^2 = 1 mod 2^16
  EXPECT_EQ(PowFn()(int16_t{3}, int16_t{11}), -19461);  // 177147 mod 2^16
  EXPECT_EQ(SquaredDifferenceFn()(int16_t{32767}, int16_t{-32768}), 1);
  EXPECT_EQ(AddFn()(int16_t{32767}, int16_t{1}), -32768);
  EXPECT_EQ(SubFn()(uint16_t{0}, uint16_t{1}), 65535);
  EXPECT_EQ(MulFn()(uint32_t{65536}, uint32_t{65536}), 0u);
}

TEST(NumericTest, DivisionFamilies) {
  EXPECT_EQ(DivFn()(7, -2), -3);  // truncates
  EXPECT_EQ(FloorDivFn()(7, -2), -4);
  EXPECT_EQ(FloorDivFn()(-7, 2), -4);
  EXPECT_EQ(FloorDivFn()(-8, 2), -4);
  EXPECT_EQ(FloorModFn()(7, -2), -1);
  EXPECT_EQ(FloorModFn()(-7, 2), 1);
  EXPECT_EQ(FloorModFn()(uint8_t{7}, uint8_t{3}), 1);
  EXPECT_FLOAT_EQ(FloorModFn()(-7.5f, 2.0f), 0.5f);
  EXPECT_FLOAT_EQ(FloorDivFn()(-7.5f, 2.0f), -4.0f);
  // No trap on MIN / -1 or a zero divisor (kernels reject zeros first).
  EXPECT_EQ(DivFn()(int32_t{INT32_MIN}, int32_t{-1}), INT32_MIN);
  EXPECT_EQ(FloorDivFn()(int32_t{INT32_MIN}, int32_t{-1}), INT32_MIN);
  EXPECT_EQ(FloorModFn()(int32_t{INT32_MIN}, int32_t{-1}), 0);
  EXPECT_EQ(DivFn()(5, 0), 0);
}

TEST(NumericTest, PowMaxMinSquaredDifference) {
  EXPECT_EQ(PowFn()(3, 4), 81);
  EXPECT_EQ(PowFn()(-2, 3), -8);
  EXPECT_EQ(PowFn()(int64_t{7}, int64_t{0}), 1);
  EXPECT_FLOAT_EQ(PowFn()(2.0f, 0.5f), std::sqrt(2.0f));
  EXPECT_TRUE(std::isnan(MaximumFn()(kNaN, 1.0f)));
  EXPECT_TRUE(std::isnan(MinimumFn()(1.0f, kNaN)));
  EXPECT_EQ(MaximumFn()(-3, 2), 2);
  EXPECT_EQ(MinimumFn()(-3, 2), -3);
  EXPECT_EQ(SquaredDifferenceFn()(3, -4), 49);
}

TEST(NumericTest, RoundingFunctors) {
  EXPECT_EQ(RoundFn()(0.5f), 0.0f);  // half to even
  EXPECT_EQ(RoundFn()(1.5f), 2.0f);
  EXPECT_EQ(RoundFn()(2.5f), 2.0f);
  EXPECT_EQ(RoundFn()(-2.5f), -2.0f);
  EXPECT_EQ(RoundFn()(-2.6f), -3.0f);
  EXPECT_EQ(RoundFn()(int32_t{7}), 7);
  EXPECT_EQ(FloorFn()(-1.5), -2.0);
  EXPECT_EQ(CeilFn()(-1.5), -1.0);
  EXPECT_EQ(SignFn()(-3.0f), -1.0f);
  EXPECT_EQ(SignFn()(0.0f), 0.0f);
  EXPECT_EQ(SignFn()(int64_t{9}), 1);
  EXPECT_TRUE(std::isnan(SignFn()(kNaN)));
}

TEST(NumericTest, TranscendentalAndActivations) {
  EXPECT_FLOAT_EQ(SigmoidFn()(0.0f), 0.5f);
  EXPECT_FLOAT_EQ(SigmoidFn()(-100.0f), 0.0f);
  EXPECT_FLOAT_EQ(RsqrtFn()(4.0f), 0.5f);
  EXPECT_FLOAT_EQ(ReciprocalFn()(4.0f), 0.25f);
  EXPECT_EQ(ReluFn()(-1.0f), 0.0f);
  EXPECT_TRUE(std::isnan(ReluFn()(kNaN)));
  EXPECT_EQ(Relu6Fn()(7.0f), 6.0f);
  EXPECT_EQ(Relu6Fn()(3.0f), 3.0f);
  EXPECT_FLOAT_EQ(EluFn()(-1.0f), std::expm1(-1.0f));
  EXPECT_FLOAT_EQ(LeakyReluFn{0.1f}(-2.0f), -0.2f);
  EXPECT_FLOAT_EQ(SoftplusFn()(0.0f), std::log(2.0f));
  EXPECT_FLOAT_EQ(SoftplusFn()(100.0f), 100.0f);
  EXPECT_FLOAT_EQ(SoftplusFn()(-100.0f), std::exp(-100.0f));
}

TEST(NumericTest, HalfAndBfloat16ComputeThroughFloat) {
  const half h = FromCompute<half>(1.5f);
  EXPECT_EQ(ToCompute(h), 1.5f);
  const bfloat16 one = FromCompute<bfloat16>(1.0f);
  const bfloat16 b = FromCompute<bfloat16>(AddFn()(ToCompute(one), 2.0f));
  EXPECT_EQ(ToCompute(b), 3.0f);
}

TEST(CastTest, FloatToIntTruncatesAndSaturates) {
  EXPECT_EQ((CastValue<float, int32_t>(-2.7f, false)), -2);
  EXPECT_EQ((CastValue<float, int32_t>(2.7f, false)), 2);
  EXPECT_EQ((CastValue<float, int32_t>(kNaN, false)), 0);
  EXPECT_EQ((CastValue<float, int32_t>(1e20f, false)), INT32_MAX);
  EXPECT_EQ((CastValue<double, int64_t>(-1e30, false)), INT64_MIN);
  EXPECT_EQ((CastValue<float, uint8_t>(-1.0f, false)), 0);
  EXPECT_EQ((CastValue<float, int64_t>(9.3e18f, false)), INT64_MAX);
}

TEST(CastTest, BoolAndIntegerCasts) {
  EXPECT_TRUE((CastValue<float, bool>(0.1f, false)));
  EXPECT_FALSE((CastValue<int32_t, bool>(0, false)));
  EXPECT_TRUE((CastValue<float, bool>(kNaN, false)));
  EXPECT_EQ((CastValue<bool, float>(true, false)), 1.0f);
  EXPECT_EQ((CastValue<int32_t, int8_t>(300, false)), 44);  // wraps
  EXPECT_EQ((CastValue<int64_t, double>(int64_t{1} << 40, false)),
            1099511627776.0);
}

TEST(CastTest, TruncateZeroesSurplusMantissaBits) {
  // 1 + 0.75 ulp (bfloat16's ulp at 1 is 2^-7) rounds up to 1 + ulp, but
  // with Truncate the low bits are dropped first: 1.
  const float v = 1.0f + std::ldexp(1.0f, -7) * 0.75f;  // 1 + 0.75 ulp
  EXPECT_EQ(ToCompute(CastValue<float, bfloat16>(v, false)),
            1.0f + std::ldexp(1.0f, -7));
  EXPECT_EQ(ToCompute(CastValue<float, bfloat16>(v, true)), 1.0f);
  const double d = 1.0 + std::ldexp(1.0, -23) * 0.75;
  EXPECT_EQ((CastValue<double, float>(d, false)), 1.0f + std::ldexp(1.0f, -23));
  EXPECT_EQ((CastValue<double, float>(d, true)), 1.0f);
  EXPECT_TRUE(std::isnan(ToCompute(CastValue<float, half>(kNaN, true))));
  EXPECT_EQ(ToCompute(CastValue<float, half>(2.0f, true)), 2.0f);
}

}  // namespace
}  // namespace tfpersist::reference
