// GraphDef / MetaGraphDef files by flag or by name (tools/graph_io.h).
#include "tfpersist/tools/graph_io.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

tensorflow::GraphDef Small() {
  return testing::GraphDefFromText(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    versions { producer: 134 }
  )pb");
}

TEST(GraphIoTest, BinaryAndTextRoundTripByFileName) {
  const std::string dir = testing::NewTempDir("graph_io");
  for (const char* name : {"g.pb", "g.pbtxt"}) {
    const std::string path = JoinPath(dir, name);
    TFP_ASSERT_OK(WriteGraphDefFile(Small(), path));
    TFP_ASSERT_OK_AND_ASSIGN(auto back, ReadGraphDefFile(path));
    EXPECT_TRUE(testing::ProtoEquals(back, Small())) << name;
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string text,
      ReadFileToString(Env::Default(), JoinPath(dir, "g.pbtxt")));
  EXPECT_THAT(text, HasSubstr("name: \"x\""));
  // Auto-detection reads a text file under a binary-looking name too.
  TFP_ASSERT_OK(WriteGraphDefFile(Small(), JoinPath(dir, "text.pb"),
                                  GraphDefFormat::kText));
  TFP_ASSERT_OK(ReadGraphDefFile(JoinPath(dir, "text.pb")).status());
  EXPECT_THAT(
      ReadGraphDefFile(JoinPath(dir, "text.pb"), GraphDefFormat::kBinary),
      StatusIs(StatusCode::kDataLoss, HasSubstr("text.pb")));
  EXPECT_THAT(ReadGraphDefFile(JoinPath(dir, "g.pb"), GraphDefFormat::kText),
              StatusIs(StatusCode::kDataLoss, HasSubstr("as a text GraphDef")));
}

TEST(GraphIoTest, TruncatedFrozenGraphIsDataLossNamingTheFile) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string bytes,
      ReadFileToString(
          Env::Default(),
          JoinPath(testing::FixtureDir("frozen-keras-mnist-mlp"), "mnist.pb")));
  const std::string dir = testing::NewTempDir("graph_io_cut");
  for (size_t len : {bytes.size() / 3, bytes.size() - 1}) {
    const std::string cut = JoinPath(dir, "cut.pb");
    TFP_ASSERT_OK(WriteStringToFile(Env::Default(), cut, bytes.substr(0, len)));
    for (GraphDefFormat f : {GraphDefFormat::kAuto, GraphDefFormat::kBinary}) {
      EXPECT_THAT(ReadGraphDefFile(cut, f),
                  StatusIs(StatusCode::kDataLoss, HasSubstr("cut.pb")))
          << len;
    }
  }
}

TEST(GraphIoTest, MissingFilesAreNotFound) {
  EXPECT_THAT(ReadGraphDefFile("/nonexistent/g.pb"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/nonexistent/g.pb")));
  EXPECT_THAT(
      ReadMetaGraphDefFile("/nonexistent/m.meta"),
      StatusIs(StatusCode::kNotFound, HasSubstr("/nonexistent/m.meta")));
}

TEST(GraphIoTest, ReadsTfMetaGraphs) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto meta, ReadMetaGraphDefFile(
                     JoinPath(testing::FixtureDir("ckpt-v2-tf2onnx-regression"),
                              "model.meta"),
                     GraphDefFormat::kBinary));
  EXPECT_EQ(meta.meta_info_def().tensorflow_version(), "1.11.0");  // SOURCE.md
  EXPECT_EQ(meta.graph_def().node_size(), 128);
}

}  // namespace
}  // namespace tfpersist
