// Output sizes and padding (window.h), from ops-core.md section 4.
#include "runtime/kernels/reference/window.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace tfpersist::reference {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(WindowTest, SameOnEvenSizeWithStrideTwoPadsAfter) {
  // MobileNet's stride-2 3x3 SAME conv on 224: 112 outputs, 0 before,
  // 1 after (README of bench-models).
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim w,
                           ComputeWindow(224, 3, 2, 1, Padding::kSame));
  EXPECT_EQ(w.out, 112);
  EXPECT_EQ(w.pad_before, 0);
  EXPECT_EQ(w.pad_after, 1);
}

TEST(WindowTest, SameStrideOneIsSymmetricForOddWindow) {
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim w,
                           ComputeWindow(28, 5, 1, 1, Padding::kSame));
  EXPECT_EQ(w.out, 28);
  EXPECT_EQ(w.pad_before, 2);
  EXPECT_EQ(w.pad_after, 2);
  // Even window: the extra cell goes after.
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim e,
                           ComputeWindow(5, 2, 1, 1, Padding::kSame));
  EXPECT_EQ(e.out, 5);
  EXPECT_EQ(e.pad_before, 0);
  EXPECT_EQ(e.pad_after, 1);
}

TEST(WindowTest, ValidAndDilation) {
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim v,
                           ComputeWindow(7, 7, 1, 1, Padding::kValid));
  EXPECT_EQ(v.out, 1);
  // ke = (3 - 1) * 2 + 1 = 5: (10 - 5 + 2) / 2 = 3.
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim d,
                           ComputeWindow(10, 3, 2, 2, Padding::kValid));
  EXPECT_EQ(d.out, 3);
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim s,
                           ComputeWindow(10, 3, 1, 2, Padding::kSame));
  EXPECT_EQ(s.out, 10);
  EXPECT_EQ(s.pad_before, 2);
  EXPECT_EQ(s.pad_after, 2);
}

TEST(WindowTest, ExplicitPadding) {
  TFP_ASSERT_OK_AND_ASSIGN(WindowDim w,
                           ComputeWindow(5, 3, 2, 1, Padding::kExplicit, 1, 2));
  EXPECT_EQ(w.out, 3);  // (5 + 3 - 3 + 2) / 2
  EXPECT_EQ(w.pad_before, 1);
  EXPECT_EQ(w.pad_after, 2);
  EXPECT_THAT(ComputeWindow(5, 3, 1, 1, Padding::kExplicit, -1, 0),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("must be non-negative")));
}

TEST(WindowTest, Errors) {
  EXPECT_THAT(ComputeWindow(2, 5, 1, 1, Padding::kValid),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Computed output size would be negative")));
  EXPECT_THAT(
      ComputeWindow(5, 3, 0, 1, Padding::kValid),
      StatusIs(StatusCode::kInvalidArgument, "Stride must be > 0, but got 0"));
  EXPECT_THAT(ComputeWindow(5, 3, 1, 0, Padding::kSame),
              StatusIs(StatusCode::kInvalidArgument,
                       "Dilation rate must be >= 1, but got 0"));
  EXPECT_THAT(ComputeWindow(5, int64_t{1} << 62, 1, 4, Padding::kValid),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Window size overflows")));
  EXPECT_THAT(ParsePadding("FULL"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("FULL")));
  TFP_ASSERT_OK_AND_ASSIGN(Padding p, ParsePadding("EXPLICIT"));
  EXPECT_EQ(p, Padding::kExplicit);
}

}  // namespace
}  // namespace tfpersist::reference
