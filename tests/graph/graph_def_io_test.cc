#include "graph/graph_def_io.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "graph_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::tfpersist::testing::GraphFromText;
using ::tfpersist::testing::StatusIs;

const char kGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape { unknown_rank: true } }
    }
  }
  node {
    name: "y"
    op: "Identity"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  versions { producer: 134 })pb";

TEST(GraphDefIoTest, BinaryAndTextRoundTripThroughEnv) {
  auto env = NewMemEnv();
  const tensorflow::GraphDef g = GraphFromText(kGraph);
  for (bool as_text : {false, true}) {
    const std::string path = as_text ? "/m/g.pbtxt" : "/m/g.pb";
    TFP_ASSERT_OK(WriteGraphDef(env.get(), path, g, as_text));
    tensorflow::GraphDef back;
    TFP_ASSERT_OK(ReadGraphDef(env.get(), path, &back));
    EXPECT_TRUE(MessageDifferencer::Equals(g, back)) << path;
  }
  TFP_ASSERT_OK_AND_ASSIGN(std::string text,
                           ReadFileToString(env.get(), "/m/g.pbtxt"));
  EXPECT_TRUE(text.starts_with("node {")) << text;
}

TEST(GraphDefIoTest, DeterministicBinarySortsAttrs) {
  const tensorflow::GraphDef g = GraphFromText(kGraph);
  const std::string bytes = SerializeDeterministic(g);
  // "dtype" < "shape": the Placeholder's attrs appear in key order.
  EXPECT_LT(bytes.find("dtype"), bytes.find("shape"));
  EXPECT_EQ(bytes, SerializeDeterministic(g));
  TFP_ASSERT_OK_AND_ASSIGN(auto parsed, ParseGraphDef(bytes, "g"));
  EXPECT_TRUE(MessageDifferencer::Equals(g, parsed));
}

TEST(GraphDefIoTest, ErrorsNameTheFile) {
  auto env = NewMemEnv();
  tensorflow::GraphDef g;
  EXPECT_THAT(ReadGraphDef(env.get(), "/nope.pb", &g),
              StatusIs(StatusCode::kNotFound, HasSubstr("/nope.pb")));
  const std::string bytes = GraphFromText(kGraph).SerializeAsString();
  TFP_ASSERT_OK(WriteStringToFile(env.get(), "/cut.pb",
                                  bytes.substr(0, bytes.size() - 3)));
  EXPECT_THAT(ReadGraphDef(env.get(), "/cut.pb", &g),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("Can't parse /cut.pb as binary or text "
                                 "GraphDef")));
  EXPECT_THAT(ParseGraphDef("node { name: ", "t.pbtxt"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("t.pbtxt")));
}

TEST(GraphDefIoTest, ReadsFixtureFrozenGraph) {
  TFP_REQUIRE_SHARED();
  tensorflow::GraphDef g;
  TFP_ASSERT_OK(ReadGraphDef(
      Env::Default(), testing::FixtureDir("graph-rust-addition") + "/model.pb",
      &g));
  EXPECT_EQ(g.node_size(), 3);
}

}  // namespace
}  // namespace tfpersist
