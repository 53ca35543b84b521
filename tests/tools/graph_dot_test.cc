// Graphviz output (tools/graph_dot.h).
#include "tfpersist/tools/graph_dot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/status_matchers.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

constexpr char kGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "s"
    op: "Split"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node { name: "init" op: "NoOp" }
  node {
    name: "q\"uote"
    op: "Identity"
    input: "s:1"
    input: "^init"
    input: "^gone"
  }
)pb";

TEST(GraphDotTest, NodesAndEdges) {
  const std::string dot =
      GraphDefToDot(testing::GraphDefFromText(kGraph), "net");
  EXPECT_THAT(dot, HasSubstr("digraph \"net\" {"));
  EXPECT_THAT(dot, HasSubstr("\"x\" [label=\"x\\nPlaceholder\""));
  EXPECT_THAT(dot, HasSubstr("\"x\" -> \"s\" [label=\"float\"];"));
  EXPECT_THAT(dot, HasSubstr("\"s\" -> \"q\\\"uote\" [label=\":1 float\"];"));
  EXPECT_THAT(dot, HasSubstr("\"init\" -> \"q\\\"uote\" [style=dashed];"));
  EXPECT_THAT(dot,
              HasSubstr("\"gone\" [label=\"gone\\n(missing)\", color=red"));
}

TEST(GraphDotTest, MissingGraphvizIsUnavailable) {
  RenderDotOptions o;
  o.dot_binary = "/nonexistent/dot";
  EXPECT_THAT(RenderDot("digraph {}", o),
              StatusIs(StatusCode::kUnavailable, HasSubstr("Graphviz")));
}

TEST(GraphDotTest, RendersSvgWhenGraphvizIsInstalled) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "Graphviz is not installed";
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string svg,
      RenderDot(GraphDefToDot(testing::GraphDefFromText(kGraph))));
  EXPECT_THAT(svg, HasSubstr("<svg"));
  RenderDotOptions bad;
  bad.format = "no-such-format";
  EXPECT_THAT(RenderDot("digraph {}", bad),
              StatusIs(StatusCode::kInternal, HasSubstr("failed")));
}

}  // namespace
}  // namespace tfpersist
