// Graph.unique_name / name_scope rules (spec freeze-and-import.md §1.1-1.2).
#include <gtest/gtest.h>

#include "graph_test_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::NodeFromText;
using ::tfpersist::testing::StatusIs;

TEST(UniqueNameTest, RepeatsGetSuffixes) {
  Graph g;
  EXPECT_EQ(g.UniqueName("add"), "add");
  EXPECT_EQ(g.UniqueName("add"), "add_1");
  EXPECT_EQ(g.UniqueName("add"), "add_2");
}

TEST(UniqueNameTest, ExplicitSuffixedNameIsSkipped) {
  Graph g;
  EXPECT_EQ(g.UniqueName("add_1"), "add_1");
  EXPECT_EQ(g.UniqueName("add"), "add");
  EXPECT_EQ(g.UniqueName("add"), "add_2");
  EXPECT_EQ(g.UniqueName("add_1"), "add_1_1");
}

TEST(UniqueNameTest, CaseInsensitiveKeepsCapitalization) {
  Graph g;
  EXPECT_EQ(g.UniqueName("add"), "add");
  EXPECT_EQ(g.UniqueName("Add"), "Add_1");
  EXPECT_EQ(g.UniqueName("ADD"), "ADD_2");
}

TEST(UniqueNameTest, PeekDoesNotMark) {
  Graph g;
  EXPECT_EQ(g.UniqueName("v/ExponentialMovingAverage", false),
            "v/ExponentialMovingAverage");
  EXPECT_EQ(g.UniqueName("v/ExponentialMovingAverage"),
            "v/ExponentialMovingAverage");
  EXPECT_EQ(g.UniqueName("v/ExponentialMovingAverage", false),
            "v/ExponentialMovingAverage_1");
}

TEST(UniqueNameTest, NodesAddedDirectlyAreMarked) {
  Graph g;
  TFP_ASSERT_OK(
      g.AddNode(NodeFromText(R"pb(name: "init" op: "NoOp")pb")).status());
  EXPECT_EQ(g.UniqueName("init"), "init_1");
}

TEST(NameScopeTest, OpsAndScopesShareTheTable) {
  Graph g;
  EXPECT_EQ(g.UniqueName("foo"), "foo");
  std::string prev;
  TFP_ASSERT_OK_AND_ASSIGN(std::string scope, g.EnterNameScope("foo", &prev));
  EXPECT_EQ(scope, "foo_1/");
  EXPECT_EQ(g.UniqueName("x"), "foo_1/x");
  g.RestoreNameScope(prev);
  EXPECT_EQ(g.UniqueName("x"), "x");
}

TEST(NameScopeTest, ReopeningUniquifiesTrailingSlashReenters) {
  Graph g;
  std::string prev, prev2;
  TFP_ASSERT_OK_AND_ASSIGN(std::string s1, g.EnterNameScope("Net", &prev));
  EXPECT_EQ(s1, "Net/");
  EXPECT_EQ(g.UniqueName("add"), "Net/add");
  g.RestoreNameScope(prev);
  TFP_ASSERT_OK_AND_ASSIGN(std::string s2, g.EnterNameScope("Net", &prev));
  EXPECT_EQ(s2, "Net_1/");
  g.RestoreNameScope(prev);
  TFP_ASSERT_OK_AND_ASSIGN(std::string s3, g.EnterNameScope("Net/", &prev));
  EXPECT_EQ(s3, "Net/");
  EXPECT_EQ(g.UniqueName("add"), "Net/add_1");
  // Nested, then "" resets to the root.
  TFP_ASSERT_OK_AND_ASSIGN(std::string s4, g.EnterNameScope("inner", &prev2));
  EXPECT_EQ(s4, "Net/inner/");
  std::string prev3;
  TFP_ASSERT_OK_AND_ASSIGN(std::string root, g.EnterNameScope("", &prev3));
  EXPECT_EQ(root, "");
  EXPECT_EQ(g.UniqueName("add"), "add");
  g.RestoreNameScope(prev3);
  EXPECT_EQ(g.name_scope(), "Net/inner");
  g.RestoreNameScope(prev2);
  g.RestoreNameScope(prev);
  EXPECT_EQ(g.name_scope(), "");
}

TEST(NameScopeTest, InvalidNames) {
  Graph g;
  std::string prev;
  EXPECT_THAT(g.EnterNameScope("_bad", &prev),
              StatusIs(StatusCode::kInvalidArgument,
                       "'_bad' is not a valid scope name"));
  EXPECT_THAT(g.EnterNameScope("a b", &prev),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'a b'")));
  TFP_ASSERT_OK(g.EnterNameScope("outer", &prev).status());
  std::string prev2;
  // Inside a scope a leading '_' is fine (scope regex).
  TFP_EXPECT_OK(g.EnterNameScope("_inner", &prev2).status());
}

}  // namespace
}  // namespace tfpersist
