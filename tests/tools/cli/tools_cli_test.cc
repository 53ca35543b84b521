// The tools' subcommands, run as a user runs them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/tools/graph_io.h"
#include "tools/cli/cli_test_util.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using testing::FixtureDir;
using ::testing::HasSubstr;
using testing::LineCount;
using ::testing::StartsWith;
using testing::Tfpersist;

Tensor Batch(const TensorShape& shape) {
  Tensor t(DT_FLOAT, shape);
  int64_t i = 0;
  for (float& v : t.flat<float>())
    v = static_cast<float>((i++ * 7919) % 1000) / 1000.0f;
  return t;
}

TEST(ToolsCliTest, EveryCommandHasHelp) {
  for (const char* cmd : {"freeze_graph", "run", "summarize_graph", "graph"}) {
    auto r = Tfpersist({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_THAT(r.out, StartsWith(StrCat("usage: tfpersist ", cmd))) << cmd;
  }
}

// freeze_graph then run: the file we write gives the logits TF's own frozen
// file gives, and run --output_dir names files after the tensors.
TEST(ToolsCliTest, FreezeThenRunMatchesTensorFlowsFrozenGraph) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::NewTempDir("cli_freeze");
  const std::string ckpt =
      JoinPath(FixtureDir("ckpt-v2-mnist-fc-feed"), "model.ckpt-1999");
  const std::string pb = JoinPath(dir, "frozen.pb");
  auto frozen = Tfpersist(
      {"freeze_graph", "--input_meta_graph=" + ckpt + ".meta",
       "--input_binary=true", "--input_checkpoint=" + ckpt,
       "--output_node_names=softmax_linear/add", "--output_graph=" + pb});
  ASSERT_EQ(frozen.exit_code, 0) << frozen.err;
  EXPECT_THAT(frozen.out, HasSubstr("21 ops in the final graph (6 Const)"));
  const std::string in = JoinPath(dir, "batch.npy");
  TFP_ASSERT_OK(WriteNpy(Env::Default(), in, Batch(TensorShape({100, 784}))));
  for (const auto& [model, out] :
       {std::pair{pb, JoinPath(dir, "ours")},
        std::pair{JoinPath(FixtureDir("frozen-mnist-fc-feed"), "mnist.pb"),
                  JoinPath(dir, "tf")}}) {
    auto r =
        Tfpersist({"run", model, "--input", "Placeholder:0=" + in, "--output",
                   "softmax_linear/add:0", "--output_dir", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out,
                HasSubstr("softmax_linear/add:0  dtype=float  shape=[100,10]"));
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor ours,
      ReadNpy(Env::Default(), JoinPath(dir, "ours/softmax_linear_add_0.npy")));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor tf,
      ReadNpy(Env::Default(), JoinPath(dir, "tf/softmax_linear_add_0.npy")));
  EXPECT_TRUE(ours.IsSameAs(tf));
}

TEST(ToolsCliTest, FreezeGraphBlacklistAndTextGraph) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::NewTempDir("cli_blacklist");
  const std::string ckpt =
      JoinPath(FixtureDir("ckpt-v2-mnist-fc-feed"), "model.ckpt-1999");
  TFP_ASSERT_OK_AND_ASSIGN(auto meta, ReadMetaGraphDefFile(ckpt + ".meta"));
  const std::string pbtxt = JoinPath(dir, "graph.pbtxt");
  TFP_ASSERT_OK(WriteGraphDefFile(meta.graph_def(), pbtxt));
  const std::string out = JoinPath(dir, "frozen.pbtxt");
  auto r = Tfpersist(
      {"freeze_graph", "--input_graph=" + pbtxt, "--input_checkpoint=" + ckpt,
       "--output_node_names=softmax_linear/add",
       "--variable_names_blacklist=hidden1/weights, hidden1/biases",
       "--output_graph=" + out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto s = Tfpersist({"summarize_graph", out});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_THAT(s.out, HasSubstr("Found 2 variables: (name=hidden1/weights"));
  EXPECT_THAT(s.out, HasSubstr("4 Const"));
}

TEST(ToolsCliTest, GraphWithoutPlaceholdersRunsWithoutInputs) {
  const std::string dir = testing::NewTempDir("cli_consts");
  const std::string pbtxt = JoinPath(dir, "consts.pbtxt");
  TFP_ASSERT_OK(WriteGraphDefFile(testing::GraphDefFromText(R"pb(
                                    node {
                                      name: "a"
                                      op: "Const"
                                      attr {
                                        key: "dtype"
                                        value { type: DT_FLOAT }
                                      }
                                      attr {
                                        key: "value"
                                        value {
                                          tensor {
                                            dtype: DT_FLOAT
                                            tensor_shape { dim { size: 2 } }
                                            float_val: 1
                                            float_val: 2
                                          }
                                        }
                                      }
                                    }
                                    node {
                                      name: "Net/add"
                                      op: "AddV2"
                                      input: "a"
                                      input: "a"
                                      attr {
                                        key: "T"
                                        value { type: DT_FLOAT }
                                      }
                                    }
                                  )pb"),
                                  pbtxt));
  auto r = Tfpersist({"run", pbtxt, "--output_dir=" + dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Net/add:0  dtype=float  shape=[2]"));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor t, ReadNpy(Env::Default(), JoinPath(dir, "Net_add_0.npy")));
  EXPECT_EQ(t.flat<float>()[1], 4.0f);  // 2 + 2
}

TEST(ToolsCliTest, ErrorsAreOneLineNamingTheCulprit) {
  TFP_REQUIRE_SHARED();
  const std::string ckpt =
      JoinPath(FixtureDir("ckpt-v2-mnist-fc-feed"), "model.ckpt-1999");
  auto unknown =
      Tfpersist({"freeze_graph", "--input_meta_graph=" + ckpt + ".meta",
                 "--input_checkpoint=" + ckpt, "--output_node_names=softmax",
                 "--output_graph=/dev/null"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(LineCount(unknown.err), 1);
  EXPECT_THAT(unknown.err,
              HasSubstr("freeze_graph: NOT_FOUND: Output node 'softmax'"));
  const std::string dir = testing::NewTempDir("cli_errors");
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string bytes,
      ReadFileToString(
          Env::Default(),
          JoinPath(FixtureDir("frozen-mnist-fc-feed"), "mnist.pb")));
  const std::string cut = JoinPath(dir, "cut.pb");
  TFP_ASSERT_OK(WriteStringToFile(Env::Default(), cut, bytes.substr(0, 4096)));
  auto truncated = Tfpersist({"run", cut});
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_EQ(LineCount(truncated.err), 1);
  EXPECT_THAT(truncated.err, HasSubstr("run: DATA_LOSS"));
  EXPECT_THAT(truncated.err, HasSubstr("cut.pb"));
  auto bad_spec = Tfpersist({"run", cut, "--input", "x.npy"});
  EXPECT_EQ(bad_spec.exit_code, 1);
  auto unfed = Tfpersist(
      {"run", JoinPath(FixtureDir("graph-rust-addition"), "model.pb")});
  EXPECT_EQ(unfed.exit_code, 1);
  EXPECT_THAT(unfed.err, HasSubstr("placeholder tensor 'x'"));
  EXPECT_THAT(unfed.err, HasSubstr("--input NAME:0=FILE.npy"));
  auto usage = Tfpersist({"run"});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(ToolsCliTest, SummarizeGraphPrintsTfsFormat) {
  TFP_REQUIRE_SHARED();
  auto r =
      Tfpersist({"summarize_graph",
                 JoinPath(FixtureDir("frozen-mnist-fc-feed"), "mnist.pb")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Found 1 possible inputs: (name=Placeholder, "
                               "type=float(1), shape=[100,784]) \n"));
  EXPECT_THAT(r.out, HasSubstr("No variables spotted.\n"));
  EXPECT_THAT(
      r.out,
      HasSubstr(
          "Found 1 possible outputs: (name=softmax_linear/add, op=Add) \n"));
  // SOURCE.md: 784*128 + 128 + 128*32 + 32 + 32*10 + 10 float parameters.
  const int64_t params = 784 * 128 + 128 + 128 * 32 + 32 + 32 * 10 + 10;
  EXPECT_THAT(r.out, HasSubstr(StrCat("Found ", params,
                                      " (104.94k) const parameters")));
  EXPECT_THAT(r.out, HasSubstr(StrCat("Parameter bytes: ", params * 4)));
  EXPECT_THAT(r.out,
              HasSubstr("Op types used: 6 Const, 6 Identity, 3 Add, 3 MatMul, "
                        "2 Relu, 1 Placeholder\n"));
}

TEST(ToolsCliTest, GraphWritesDotAndSvg) {
  TFP_REQUIRE_SHARED();
  const std::string pb =
      JoinPath(FixtureDir("frozen-tf2onnx-regression"), "frozen.pb");
  auto dot = Tfpersist({"graph", pb, "--format=dot"});
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_THAT(dot.out, StartsWith("digraph \"frozen.pb\" {"));
  EXPECT_THAT(dot.out, HasSubstr("\"Mul\" -> \"Add\""));
  const std::string svg = JoinPath(testing::NewTempDir("cli_svg"), "g.svg");
  auto r = Tfpersist({"graph", pb, "--format=svg", "--output=" + svg});
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("Graphviz"));
    return;
  }
  ASSERT_EQ(r.exit_code, 0) << r.err;
  TFP_ASSERT_OK_AND_ASSIGN(std::string text,
                           ReadFileToString(Env::Default(), svg));
  EXPECT_THAT(text, HasSubstr("<svg"));
  auto bad = Tfpersist({"graph", pb, "--format=png"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("--format must be dot or svg"));
}

}  // namespace
}  // namespace tfpersist
