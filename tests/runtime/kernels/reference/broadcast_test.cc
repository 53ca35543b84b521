// Broadcast shapes and the naive broadcast loop (broadcast.h).
#include "runtime/kernels/reference/broadcast.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "runtime/kernels/reference/numeric.h"
#include "testing/status_matchers.h"

namespace tfpersist::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(BroadcastShapeTest, NumPyRules) {
  TFP_ASSERT_OK_AND_ASSIGN(Dims a, BroadcastShape(Dims{2, 3}, Dims{3}));
  EXPECT_THAT(a, ElementsAre(2, 3));
  TFP_ASSERT_OK_AND_ASSIGN(Dims b, BroadcastShape(Dims{4, 1, 5}, Dims{3, 1}));
  EXPECT_THAT(b, ElementsAre(4, 3, 5));
  TFP_ASSERT_OK_AND_ASSIGN(Dims c, BroadcastShape(Dims{}, Dims{2, 2}));
  EXPECT_THAT(c, ElementsAre(2, 2));
  TFP_ASSERT_OK_AND_ASSIGN(Dims d, BroadcastShape(Dims{0, 3}, Dims{1, 3}));
  EXPECT_THAT(d, ElementsAre(0, 3));
  TFP_ASSERT_OK_AND_ASSIGN(Dims e, BroadcastShape(Dims{1}, Dims{0}));
  EXPECT_THAT(e, ElementsAre(0));
}

TEST(BroadcastShapeTest, IncompatibleShapesUseTfMessage) {
  EXPECT_THAT(BroadcastShape(Dims{2, 3}, Dims{4}),
              StatusIs(StatusCode::kInvalidArgument,
                       "Incompatible shapes: [2,3] vs. [4]"));
  EXPECT_THAT(BroadcastShape(Dims{0}, Dims{2}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("[0] vs. [2]")));
}

TEST(BroadcastBinaryTest, RowAndColumnOperands) {
  const std::vector<int> col = {10, 20};   // [2, 1]
  const std::vector<int> row = {1, 2, 3};  // [3]
  std::vector<int> out(6);
  BroadcastBinary(col.data(), Dims{2, 1}, row.data(), Dims{3}, out.data(),
                  Dims{2, 3}, AddFn());
  EXPECT_THAT(out, ElementsAre(11, 12, 13, 21, 22, 23));
  BroadcastBinary(row.data(), Dims{3}, col.data(), Dims{2, 1}, out.data(),
                  Dims{2, 3}, SubFn());
  EXPECT_THAT(out, ElementsAre(-9, -8, -7, -19, -18, -17));
}

TEST(BroadcastBinaryTest, ScalarAndEmpty) {
  const std::vector<float> x = {1, 2, 3, 4};
  const float two = 2;
  std::vector<float> out(4);
  BroadcastBinary(x.data(), Dims{2, 2}, &two, Dims{}, out.data(), Dims{2, 2},
                  MulFn());
  EXPECT_THAT(out, ElementsAre(2, 4, 6, 8));
  // Zero output elements: nothing is read or written.
  BroadcastBinary(x.data(), Dims{0, 2}, &two, Dims{}, out.data(), Dims{0, 2},
                  MulFn());
  EXPECT_THAT(out, ElementsAre(2, 4, 6, 8));
}

}  // namespace
}  // namespace tfpersist::reference
