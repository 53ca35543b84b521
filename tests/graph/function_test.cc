// FunctionLibraryDefinition validation, InstantiateFunction and the
// inlining / lowering rewrites (structure; running them is in
// tests/runtime/session_functions_test.cc).
#include "tfpersist/graph/function.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "testing/function_testlib.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::CallNode;
using ::tfpersist::testing::FloatPlaceholder;
using ::tfpersist::testing::LibraryText;
using ::tfpersist::testing::ParseGraph;
using ::tfpersist::testing::StatusIs;

// f(x) calls g(x) calls f(x), through a call op and a Defun node.
constexpr char kCycle[] =
    "library { function { signature { name: 'f' input_arg { name: 'x' type: "
    "DT_FLOAT } output_arg { name: 'y' type: DT_FLOAT } } node_def { name: "
    "'c' op: 'PartitionedCall' input: 'x' attr { key: 'Tin' value { list { "
    "type: DT_FLOAT } } } attr { key: 'Tout' value { list { type: DT_FLOAT } "
    "} } attr { key: 'f' value { func { name: 'g' } } } } ret { key: 'y' "
    "value: 'c:output:0' } } function { signature { name: 'g' input_arg { "
    "name: 'x' type: DT_FLOAT } output_arg { name: 'y' type: DT_FLOAT } } "
    "node_def { name: 'c' op: 'f' input: 'x' } ret { key: 'y' value: "
    "'c:y:0' } } }";

TEST(FunctionLibraryTest, ValidLibraryValidates) {
  tensorflow::GraphDef g = ParseGraph(LibraryText());
  FunctionLibraryDefinition lib(g.library());
  TFP_EXPECT_OK(lib.Validate());
  EXPECT_EQ(lib.num_functions(), 7);
  EXPECT_NE(lib.Find("times_two"), nullptr);
  EXPECT_EQ(lib.Find("nope"), nullptr);
}

TEST(FunctionLibraryTest, CycleIsInvalidArgumentNamingTheFunctions) {
  FunctionLibraryDefinition lib(ParseGraph(kCycle).library());
  EXPECT_THAT(lib.Validate(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("cycle of calls: f -> g -> f")));
}

TEST(FunctionLibraryTest, MissingFunctionIsInvalidArgument) {
  std::string text = LibraryText();
  text.replace(text.find("func { name: 'times_two' }"), 26,
               "func { name: 'times_3' }");
  FunctionLibraryDefinition lib(ParseGraph(text).library());
  EXPECT_THAT(lib.Validate(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Function 'times_four': node 'a' calls "
                                 "function 'times_3', which is not in the "
                                 "function library")));
}

TEST(FunctionLibraryTest, DanglingBodyInputIsInvalidArgument) {
  std::string text = LibraryText();
  text.replace(text.find("'mul:z:0'"), 9, "'mul:w:0'");
  FunctionLibraryDefinition lib(ParseGraph(text).library());
  EXPECT_THAT(lib.Validate(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Function 'times_two': input 'mul:w:0' "
                                 "names no argument or node output")));
}

TEST(FunctionLibraryTest, InstantiateFlattensOutputNames) {
  tensorflow::GraphDef g = ParseGraph(LibraryText());
  FunctionLibraryDefinition lib(g.library());
  TFP_ASSERT_OK_AND_ASSIGN(
      InstantiationResult r,
      InstantiateFunction(*lib.Find("times_four"), {}, lib));
  EXPECT_THAT(r.arg_names, ElementsAre("x"));
  EXPECT_THAT(r.rets, ElementsAre("b"));
  ASSERT_EQ(r.nodes.size(), 2u);
  EXPECT_THAT(r.nodes[1].input(), ElementsAre("a"));
}

TEST(FunctionInlineTest, CallsBecomeOneFlatGraph) {
  tensorflow::GraphDef g = ParseGraph(
      FloatPlaceholder("x") +
      CallNode("c", "StatefulPartitionedCall", "times_four",
               "input: 'x' input: '^x'", "type: DT_FLOAT", "type: DT_FLOAT") +
      LibraryText());
  FunctionLibraryDefinition lib(g.library());
  TFP_ASSERT_OK(InlineFunctionCalls(lib, &g));
  std::set<std::string> ops, names;
  for (const auto& n : g.node()) {
    ops.insert(n.op());
    names.insert(n.name());
  }
  EXPECT_EQ(ops.count("StatefulPartitionedCall"), 0u);
  EXPECT_EQ(ops.count("times_two"), 0u);
  for (const char* n : {"c", "c/x", "c/a", "c/a/x", "c/a/mul", "c/b/mul"}) {
    EXPECT_EQ(names.count(n), 1u) << n;
  }
  // The result imports as a graph.
  TFP_EXPECT_OK(Graph::FromGraphDef(g).status());
}

TEST(FunctionInlineTest, WrongArityIsInvalidArgument) {
  tensorflow::GraphDef g =
      ParseGraph(FloatPlaceholder("x") + "node { name: 'd' op: 'times_two' }" +
                 LibraryText());
  FunctionLibraryDefinition lib(g.library());
  EXPECT_THAT(InlineFunctionCalls(lib, &g),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'd' calls function 'times_two' with "
                                 "wrong arity")));
}

TEST(FunctionInlineTest, MissingFunctionInACallIsInvalidArgument) {
  tensorflow::GraphDef g =
      ParseGraph(FloatPlaceholder("x") +
                 CallNode("c", "PartitionedCall", "nope", "input: 'x'",
                          "type: DT_FLOAT", "type: DT_FLOAT") +
                 LibraryText());
  FunctionLibraryDefinition lib(g.library());
  EXPECT_THAT(InlineFunctionCalls(lib, &g),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("calls function 'nope', which is not in the "
                                 "function library")));
}

TEST(FunctionInlineTest, RecursionWithoutValidationStopsAtTheDepthLimit) {
  tensorflow::GraphDef g =
      ParseGraph(FloatPlaceholder("x") +
                 CallNode("c", "PartitionedCall", "f", "input: 'x'",
                          "type: DT_FLOAT", "type: DT_FLOAT") +
                 kCycle);
  FunctionLibraryDefinition lib(g.library());
  InlineOptions options;
  options.max_nodes = 100000;
  Status s = InlineFunctionCalls(lib, &g, options);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument,
                          HasSubstr("recursive function?")));
}

TEST(FunctionLowerTest, WhileBecomesAFrame) {
  tensorflow::GraphDef g = ParseGraph(
      FloatPlaceholder("i", "DT_INT32") + FloatPlaceholder("acc") +
      "node { name: 'loop' op: 'While' input: 'i' input: 'acc' "
      "attr { key: 'T' value { list { type: DT_INT32 type: DT_FLOAT } } } "
      "attr { key: 'cond' value { func { name: 'loop_cond' } } } "
      "attr { key: 'body' value { func { name: 'loop_body' } } } }" +
      LibraryText());
  FunctionLibraryDefinition lib(g.library());
  TFP_ASSERT_OK(LowerAndInline(lib, &g));
  std::multiset<std::string> ops;
  for (const auto& n : g.node()) ops.insert(n.op());
  EXPECT_EQ(ops.count("Enter"), 2u);
  EXPECT_EQ(ops.count("Exit"), 2u);
  EXPECT_EQ(ops.count("NextIteration"), 2u);
  EXPECT_EQ(ops.count("LoopCond"), 1u);
  EXPECT_EQ(ops.count("While"), 0u);
  EXPECT_EQ(ops.count("StatefulPartitionedCall"), 0u);
  TFP_EXPECT_OK(Graph::FromGraphDef(g).status());
}

}  // namespace
}  // namespace tfpersist
