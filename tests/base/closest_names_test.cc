#include "tfpersist/base/closest_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tfpersist {
namespace {

using ::testing::ElementsAre;

TEST(ClosestNamesTest, EditDistanceIsLevenshtein) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("add", "ad"), 1u);
}

TEST(ClosestNamesTest, NearestFirstAtMostMax) {
  const std::vector<std::string> names = {"softmax_linear/add", "hidden1/Relu",
                                          "hidden2/Relu", "Placeholder"};
  EXPECT_THAT(ClosestNames("softmax_linear/ad", names, 1),
              ElementsAre("softmax_linear/add"));
  // hidden1/Relu and hidden2/Relu tie: alphabetical order decides.
  EXPECT_THAT(ClosestNames("Placeholdr", {"hidden2/Relu", "hidden1/Relu",
                                          "Placeholder"}, 2),
              ElementsAre("Placeholder", "hidden1/Relu"));
  EXPECT_THAT(ClosestNames("x", {}, 3), ElementsAre());
}

TEST(ClosestNamesTest, SuffixFormatsTheNames) {
  EXPECT_EQ(ClosestNamesSuffix("--file_nam", {"--tensor_name", "--file_name"},
                               "flags"),
            " Closest flags: '--file_name', '--tensor_name'.");
  EXPECT_EQ(ClosestNamesSuffix("x", {}, "keys", " None."), " None.");
}

}  // namespace
}  // namespace tfpersist
