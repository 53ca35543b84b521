// Every TF-written GraphDef fixture imports (no prefix, a prefix, an
// input_map), and the frozen ones run with fed inputs through the import.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/import_graph_def.h"

namespace tfpersist {
namespace {

struct Feed {
  std::string placeholder;  // op name in the fixture
  Tensor value;
};

struct Case {
  std::string dir, file;
  std::vector<Feed> feeds;
  std::string fetch;  // empty: import only (training graphs)
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.dir; }

Tensor Ramp(const TensorShape& shape) {
  Tensor t(DT_FLOAT, shape);
  int64_t i = 0;
  for (float& v : t.flat<float>())
    v = static_cast<float>((i++ * 37) % 101) / 101.0f;
  return t;
}

std::vector<Case> Cases() {
  return {
      {"frozen-cppflow-dense",
       "model.pb",
       {{"x", Ramp(TensorShape({2, 5}))}},
       "Identity:0"},
      {"frozen-keras-cifar-cnn",
       "frozen_graph.pb",
       {{"conv2d_input", Ramp(TensorShape({2, 32, 32, 3}))}},
       "dense_1/Softmax:0"},
      {"frozen-keras-mnist-mlp",
       "mnist.pb",
       {{"Input", Ramp(TensorShape({2, 28, 28}))}},
       "Identity:0"},
      {"frozen-mnist-fc-feed",
       "mnist.pb",
       {{"Placeholder", Ramp(TensorShape({100, 784}))}},
       "softmax_linear/add:0"},
      {"frozen-multidigit-cnn",
       "frozen_model.pb",
       {{"input_holder", Ramp(TensorShape({1, 40, 120, 1}))},
        {"is_train", Tensor::Scalar<bool>(false)},
        {"dropout", Tensor::Scalar<float>(0.7f)}},
       "digits_prediction:0"},
      {"frozen-tf2onnx-ae0",
       "frozen.pb",
       {{"X", Ramp(TensorShape({2, 784}))}},
       "output:0"},
      {"frozen-tf2onnx-fc-layers",
       "frozen.pb",
       {{"X", Ramp(TensorShape({2, 784}))}},
       "output:0"},
      {"frozen-tf2onnx-regression",
       "frozen.pb",
       {{"X", Tensor::FromVector<float>({1, 2})}},
       "pred:0"},
      {"graph-rust-addition",
       "model.pb",
       {{"x", Tensor::Scalar<int32_t>(2)}, {"y", Tensor::Scalar<int32_t>(40)}},
       "z:0"},
      {"graph-rust-regression-saver", "model.pb", {}, ""},
      {"graph-java-training-sample", "graph.pb", {}, ""},
  };
}

class ImportFixturesTest : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    if (testing::SharedDir().empty()) GTEST_SKIP() << "no ../shared";
    auto g = ReadGraphDefFile(
        JoinPath(testing::FixtureDir(GetParam().dir), GetParam().file));
    ASSERT_THAT(g.status(), testing::IsOk());
    source_ = *std::move(g);
  }

  // Runs `graph` feeding each fixture placeholder under `prefix`.
  Tensor Run(const Graph& graph, const std::string& prefix) {
    std::vector<std::pair<std::string, Tensor>> feeds;
    for (const Feed& f : GetParam().feeds) {
      feeds.emplace_back(StrCat(prefix, f.placeholder, ":0"), f.value);
    }
    auto session = Session::Create(graph.ToGraphDef());
    EXPECT_THAT(session.status(), testing::IsOk());
    if (!session.ok()) return Tensor();
    std::vector<Tensor> out;
    EXPECT_THAT((*session)->Run(feeds, {prefix + GetParam().fetch}, {}, &out),
                testing::IsOk());
    return out.empty() ? Tensor() : out[0];
  }

  tensorflow::GraphDef source_;
};

TEST_P(ImportFixturesTest, ImportsWithAndWithoutPrefix) {
  for (const std::optional<std::string>& name :
       {std::optional<std::string>(""), std::optional<std::string>("Net"),
        std::optional<std::string>()}) {
    Graph graph;
    ImportGraphDefOptions opts;
    opts.name = name;
    TFP_ASSERT_OK_AND_ASSIGN(auto r, ImportGraphDef(&graph, source_, opts));
    EXPECT_EQ(graph.num_nodes(), source_.node_size());
    const std::string prefix = r.prefix.empty() ? "" : r.prefix + "/";
    for (const auto& n : source_.node()) {
      TFP_ASSERT_OK_AND_ASSIGN(Node * node, graph.operation(prefix + n.name()));
      EXPECT_EQ(node->op(), n.op());
    }
  }
}

TEST_P(ImportFixturesTest, RunsThroughPrefixAndInputMap) {
  if (GetParam().fetch.empty()) GTEST_SKIP() << "training graph: import only";
  Graph plain;
  ImportGraphDefOptions none;
  none.name = "";
  TFP_ASSERT_OK(ImportGraphDef(&plain, source_, none).status());
  Tensor expected = Run(plain, "");
  ASSERT_TRUE(expected.IsInitialized());
  // Under a prefix, the same values.
  Graph prefixed;
  ImportGraphDefOptions net;
  net.name = "Net";
  TFP_ASSERT_OK(ImportGraphDef(&prefixed, source_, net).status());
  EXPECT_TRUE(Run(prefixed, "Net/").IsSameAs(expected));
  // With every placeholder mapped onto one of ours ("feed_<name>").
  Graph mapped;
  GraphBuilder b(&mapped);
  ImportGraphDefOptions map;
  map.name = "Net";
  std::vector<std::pair<std::string, Tensor>> feeds;
  for (const Feed& f : GetParam().feeds) {
    Output p = Placeholder(b, f.value.dtype(), PartialTensorShape(),
                           "feed_" + f.placeholder);
    map.input_map[f.placeholder + ":0"] = p;
    feeds.emplace_back(p.name(), f.value);
  }
  map.return_elements = {GetParam().fetch};
  TFP_ASSERT_OK(b.status());
  TFP_ASSERT_OK_AND_ASSIGN(auto r, ImportGraphDef(&mapped, source_, map));
  auto session = Session::Create(mapped.ToGraphDef());
  TFP_ASSERT_OK(session.status());
  std::vector<Tensor> out;
  TFP_ASSERT_OK(
      (*session)->Run(feeds, {r.return_elements[0].tensor.name()}, {}, &out));
  EXPECT_TRUE(out[0].IsSameAs(expected)) << out[0].DebugString();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ImportFixturesTest,
                         ::testing::ValuesIn(Cases()), [](const auto& info) {
                           std::string n = info.param.dir;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

TEST(ImportFixtureValuesTest, RustAdditionGives42) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto g, ReadGraphDefFile(JoinPath(
                  testing::FixtureDir("graph-rust-addition"), "model.pb")));
  Graph graph;
  ImportGraphDefOptions opts;
  opts.name = "Net";
  TFP_ASSERT_OK(ImportGraphDef(&graph, g, opts).status());
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(graph.ToGraphDef()));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({{"Net/x:0", Tensor::Scalar<int32_t>(2)},
                              {"Net/y:0", Tensor::Scalar<int32_t>(40)}},
                             {"Net/z:0"}, {}, &out));
  EXPECT_EQ(out[0].scalar<int32_t>(), 42);
}

TEST(ImportFixtureValuesTest, KerasCifarSoftmaxRowsSumToOne) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto g,
      ReadGraphDefFile(JoinPath(testing::FixtureDir("frozen-keras-cifar-cnn"),
                                "frozen_graph.pb")));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(
      session->Run({{"conv2d_input:0", Ramp(TensorShape({3, 32, 32, 3}))}},
                   {"dense_1/Softmax:0"}, {}, &out));
  ASSERT_EQ(out[0].dims(), 2);
  ASSERT_EQ(out[0].dim_size(0), 3);
  const int64_t classes = out[0].dim_size(1);
  for (int64_t r = 0; r < 3; ++r) {
    double sum = 0;
    for (int64_t c = 0; c < classes; ++c)
      sum += out[0].flat<float>()[r * classes + c];
    EXPECT_NEAR(sum, 1.0, 1e-5);
  }
}

}  // namespace
}  // namespace tfpersist
