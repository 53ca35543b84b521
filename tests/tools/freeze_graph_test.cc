// FreezeGraph (freeze_graph.py) against TensorFlow's own freezes of the same
// checkpoints: ckpt-v2-mnist-fc-feed <-> frozen-mnist-fc-feed and
// ckpt-v2-tf2onnx-regression <-> frozen-tf2onnx-regression.
#include "tfpersist/tools/freeze_graph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/graph_util.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using testing::FindNodeDef;
using testing::FixtureDir;
using ::testing::HasSubstr;
using testing::NodeNames;
using testing::StatusIs;
using ::testing::UnorderedElementsAreArray;

// A deterministic batch in [0, 1) (xorshift), not a recorded value.
Tensor Batch(const TensorShape& shape, uint32_t seed) {
  Tensor t(DT_FLOAT, shape);
  uint32_t x = seed;
  for (float& v : t.flat<float>()) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v = static_cast<float>(x % 1000) / 1000.0f;
  }
  return t;
}

Tensor RunOne(const tensorflow::GraphDef& g, const std::string& feed,
              const Tensor& value, const std::string& fetch) {
  auto session = Session::Create(g);
  EXPECT_THAT(session.status(), testing::IsOk());
  if (!session.ok()) return Tensor();
  std::vector<Tensor> out;
  EXPECT_THAT((*session)->Run({{feed, value}}, {fetch}, {}, &out),
              testing::IsOk());
  return out.empty() ? Tensor() : out[0];
}

// Every Const of TF's frozen graph is in ours with byte-identical attrs
// (dtype and value, nothing else); both graphs have the same nodes.
void ExpectSameConsts(const tensorflow::GraphDef& ours,
                      const tensorflow::GraphDef& tf) {
  EXPECT_THAT(NodeNames(ours), UnorderedElementsAreArray(NodeNames(tf)));
  int consts = 0;
  for (const auto& n : tf.node()) {
    if (n.op() != "Const") continue;
    ++consts;
    const tensorflow::NodeDef* mine = FindNodeDef(ours, n.name());
    ASSERT_NE(mine, nullptr) << n.name();
    EXPECT_EQ(mine->op(), "Const");
    EXPECT_EQ(mine->attr_size(), 2) << n.name();
    EXPECT_EQ(mine->attr().at("value").SerializeAsString(),
              n.attr().at("value").SerializeAsString())
        << n.name();
    EXPECT_EQ(mine->attr().at("dtype").SerializeAsString(),
              n.attr().at("dtype").SerializeAsString());
  }
  EXPECT_GT(consts, 0);
}

TEST(FreezeGraphTest, MnistFcFeedMatchesTensorFlowsFreeze) {
  TFP_REQUIRE_SHARED();
  const std::string ckpt = FixtureDir("ckpt-v2-mnist-fc-feed");
  const std::string out = JoinPath(testing::NewTempDir("freeze"), "mnist.pb");
  FreezeGraphOptions o;
  o.input_meta_graph = JoinPath(ckpt, "model.ckpt-1999.meta");
  o.input_binary = true;
  o.input_checkpoint = JoinPath(ckpt, "model.ckpt-1999");
  o.output_node_names = {"softmax_linear/add"};
  o.output_graph = out;
  TFP_ASSERT_OK_AND_ASSIGN(auto frozen, FreezeGraph(o));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto tf, ReadGraphDefFile(
                   JoinPath(FixtureDir("frozen-mnist-fc-feed"), "mnist.pb")));
  ExpectSameConsts(frozen, tf);
  for (const auto& n : frozen.node())
    EXPECT_TRUE(n.device().empty()) << n.name();
  TFP_ASSERT_OK_AND_ASSIGN(auto written, ReadGraphDefFile(out));
  EXPECT_TRUE(testing::ProtoEquals(written, frozen));
  // Same batch through both graphs: identical logits.
  const Tensor batch = Batch(TensorShape({100, 784}), 7);
  Tensor ours = RunOne(written, "Placeholder:0", batch, "softmax_linear/add:0");
  Tensor theirs = RunOne(tf, "Placeholder:0", batch, "softmax_linear/add:0");
  ASSERT_TRUE(ours.IsInitialized() && theirs.IsInitialized());
  EXPECT_EQ(ours.shape(), TensorShape({100, 10}));
  EXPECT_TRUE(ours.IsSameAs(theirs));
}

TEST(FreezeGraphTest, Tf2OnnxRegressionMatchesTensorFlowsFreeze) {
  TFP_REQUIRE_SHARED();
  const std::string ckpt = FixtureDir("ckpt-v2-tf2onnx-regression");
  FreezeGraphOptions o;
  o.input_meta_graph = JoinPath(ckpt, "model.meta");
  o.input_checkpoint = JoinPath(ckpt, "model");
  o.output_node_names = {"pred"};
  TFP_ASSERT_OK_AND_ASSIGN(auto frozen, FreezeGraph(o));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto tf, ReadGraphDefFile(JoinPath(
                   FixtureDir("frozen-tf2onnx-regression"), "frozen.pb")));
  ExpectSameConsts(frozen, tf);
  const Tensor x = Tensor::FromVector<float>({1.0f});
  Tensor ours = RunOne(frozen, "X:0", x, "pred:0");
  Tensor theirs = RunOne(tf, "X:0", x, "pred:0");
  ASSERT_TRUE(ours.IsInitialized() && theirs.IsInitialized());
  EXPECT_TRUE(ours.IsSameAs(theirs));
  // SOURCE.md: pred = W*1 + b = 1.263487.
  EXPECT_NEAR(ours.flat<float>()[0], 1.263487f, 1e-6);
}

// --input_graph (a text GraphDef, no SaverDef): variables are restored by
// checkpoint key, as TF's fresh Saver(var_list) does.
TEST(FreezeGraphTest, PlainGraphRestoresByCheckpointKeys) {
  TFP_REQUIRE_SHARED();
  const std::string ckpt = FixtureDir("ckpt-v2-mnist-fc-feed");
  TFP_ASSERT_OK_AND_ASSIGN(
      auto meta, ReadMetaGraphDefFile(JoinPath(ckpt, "model.ckpt-1999.meta")));
  const std::string pbtxt =
      JoinPath(testing::NewTempDir("freeze_text"), "graph.pbtxt");
  TFP_ASSERT_OK(WriteGraphDefFile(meta.graph_def(), pbtxt));
  FreezeGraphOptions o;
  o.input_graph = pbtxt;
  o.input_checkpoint = JoinPath(ckpt, "model.ckpt-1999");
  o.output_node_names = SplitCommaList(" softmax_linear/add ,");
  TFP_ASSERT_OK_AND_ASSIGN(auto frozen, FreezeGraph(o));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto tf, ReadGraphDefFile(
                   JoinPath(FixtureDir("frozen-mnist-fc-feed"), "mnist.pb")));
  ExpectSameConsts(frozen, tf);
}

// --input_saved_model_dir: LoadSavedModel restores, then the serving graph
// is frozen; StripUnused turns `x` (an Identity of ParseExample) into the
// placeholder, and y = 0.5 * x + 2 (SOURCE.md).
TEST(FreezeGraphTest, SavedModelFreezesAndServes) {
  TFP_REQUIRE_SHARED();
  FreezeGraphOptions o;
  o.input_saved_model_dir =
      JoinPath(FixtureDir("savedmodel-tf1-half-plus-two"), "00000123");
  o.saved_model_tags = {"serve"};
  o.output_node_names = {"y"};
  TFP_ASSERT_OK_AND_ASSIGN(auto frozen, FreezeGraph(o));
  for (const char* v : {"a", "b"}) {
    const tensorflow::NodeDef* n = FindNodeDef(frozen, v);
    ASSERT_NE(n, nullptr) << v;
    EXPECT_EQ(n->op(), "Const");
  }
  EXPECT_EQ(FindNodeDef(frozen, "c"), nullptr);  // y does not use c
  TFP_ASSERT_OK_AND_ASSIGN(auto served,
                           StripUnused(frozen, {"x"}, {"y"}, {DT_FLOAT}));
  const Tensor x = Tensor::FromVector<float>({1, 2, 3}, TensorShape({3, 1}));
  Tensor y = RunOne(served, "x:0", x, "y:0");
  ASSERT_TRUE(y.IsInitialized());
  EXPECT_THAT(y.flat<float>(), ::testing::ElementsAre(2.5f, 3.0f, 3.5f));
  o.saved_model_tags = {"train"};
  EXPECT_THAT(FreezeGraph(o),
              StatusIs(StatusCode::kNotFound, HasSubstr("serve")));
}

TEST(FreezeGraphTest, BadInputsAreClearErrors) {
  TFP_REQUIRE_SHARED();
  const std::string ckpt = FixtureDir("ckpt-v2-mnist-fc-feed");
  FreezeGraphOptions o;
  o.input_meta_graph = JoinPath(ckpt, "model.ckpt-1999.meta");
  o.input_checkpoint = JoinPath(ckpt, "model.ckpt-1999");
  EXPECT_THAT(FreezeGraph(o), StatusIs(StatusCode::kInvalidArgument,
                                       HasSubstr("--output_node_names")));
  o.output_node_names = {"softmax_linear/ad"};
  EXPECT_THAT(FreezeGraph(o),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("'softmax_linear/ad'"),
                             HasSubstr("'softmax_linear/add'"))));
  o.output_node_names = {"softmax_linear/add"};
  o.input_checkpoint = JoinPath(ckpt, "model.ckpt-999");  // named, absent
  EXPECT_THAT(FreezeGraph(o),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("model.ckpt-999' doesn't exist")));
  o.input_checkpoint = JoinPath(ckpt, "model.ckpt-1999");
  o.input_meta_graph = JoinPath(ckpt, "missing.meta");
  EXPECT_THAT(FreezeGraph(o),
              StatusIs(StatusCode::kNotFound, HasSubstr("missing.meta")));
}

TEST(FreezeGraphTest, TruncatedMetaGraphIsDataLoss) {
  TFP_REQUIRE_SHARED();
  const std::string ckpt = FixtureDir("ckpt-v2-mnist-fc-feed");
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string bytes,
      ReadFileToString(Env::Default(), JoinPath(ckpt, "model.ckpt-1999.meta")));
  const std::string cut =
      JoinPath(testing::NewTempDir("freeze_cut"), "cut.meta");
  TFP_ASSERT_OK(WriteStringToFile(Env::Default(), cut,
                                  bytes.substr(0, bytes.size() / 2 + 3)));
  FreezeGraphOptions o;
  o.input_meta_graph = cut;
  o.input_binary = true;
  o.input_checkpoint = JoinPath(ckpt, "model.ckpt-1999");
  o.output_node_names = {"softmax_linear/add"};
  EXPECT_THAT(FreezeGraph(o),
              StatusIs(StatusCode::kDataLoss,
                       AllOf(HasSubstr("cut.meta"), HasSubstr("truncated"))));
}

}  // namespace
}  // namespace tfpersist
