// Philox4x32-10 against the published known-answer vectors (Random123's
// kat_vectors) and the uniform-float conversion.
#include "runtime/kernels/reference/philox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tfpersist::reference {
namespace {

using ::testing::ElementsAre;

TEST(PhiloxTest, KnownAnswers) {
  EXPECT_THAT(Philox(0, 0).Next(),
              ElementsAre(0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u));
  Philox ones(~uint64_t{0}, ~uint64_t{0});
  ones.Skip(~uint64_t{0});  // counter words 0 and 1 -> 0xffffffff
  EXPECT_THAT(ones.Next(),
              ElementsAre(0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu));
  Philox pi(0x299f31d0a4093822ull, 0x0370734413198a2eull);
  pi.Skip(0x85a308d3243f6a88ull);
  EXPECT_THAT(pi.Next(),
              ElementsAre(0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u));
}

TEST(PhiloxTest, NextAdvancesTheCounterLikeSkip) {
  Philox a(7, 9), b(7, 9);
  a.Next();
  a.Next();
  b.Skip(2);
  EXPECT_EQ(a.Next(), b.Next());
}

TEST(PhiloxTest, UniformConversions) {
  EXPECT_EQ(Uint32ToFloat(0), 0.0f);
  EXPECT_EQ(Uint32ToFloat(0x7fffffu), 1.0f - std::ldexp(1.0f, -23));
  EXPECT_EQ(Uint32ToFloat(0xff800000u), 0.0f);  // high bits ignored
  EXPECT_EQ(Uint64ToDouble(0, 0x80000u), 0.5);
  EXPECT_EQ(Uint16ToHalfValue(0x200u), 0.5f);
  EXPECT_EQ(Uint16ToBFloat16Value(0x40u), 0.5f);
  float f0, f1;
  BoxMullerFloat(0, 0, &f0, &f1);  // u1 clamped to 1e-7, angle 0
  EXPECT_EQ(f0, 0.0f);
  EXPECT_NEAR(f1, std::sqrt(-2.0 * std::log(1e-7)), 1e-4);
}

}  // namespace
}  // namespace tfpersist::reference
