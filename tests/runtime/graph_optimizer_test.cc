// Session-creation graph optimization (src/runtime/optimizer/): each
// rewrite on a graph whose optimized run is compared with the unoptimized
// one (enable_graph_optimization = false): bit-for-bit where the math is the
// same (Identity/NoOp removal, constant folding, preserved intermediates),
// within 1e-5 relative where weights are rescaled or sums reordered; the
// structure of the rewritten graph; fetching an intermediate inside a
// fused pattern, feeding a Const that would otherwise be folded.
#include "runtime/optimizer/graph_optimizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/optimizer/graph_view.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;
using testing::RandomTensor;
using testing::TensorEq;

NodeDef* AddNode(GraphDef* g, const std::string& name, const std::string& op,
                 std::vector<std::string> inputs) {
  NodeDef* n = g->add_node();
  n->set_name(name);
  n->set_op(op);
  for (const std::string& in : inputs) n->add_input(in);
  if (op != "NoOp") (*n->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  return n;
}

void AddConst(GraphDef* g, const std::string& name, const Tensor& t) {
  *g->add_node() = optimizer::MakeConst(name, t);
}

void AddPlaceholder(GraphDef* g, const std::string& name) {
  NodeDef* n = g->add_node();
  n->set_name(name);
  n->set_op("Placeholder");
  (*n->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
}

void ConvAttrs(NodeDef* n, int stride, const std::string& padding) {
  auto* s = (*n->mutable_attr())["strides"].mutable_list();
  for (int v : {1, stride, stride, 1}) s->add_i(v);
  (*n->mutable_attr())["padding"].set_s(padding);
}

// conv(3x3/2 SAME) + FusedBatchNormV3 + Relu6 -> depthwise(3x3) +
// FusedBatchNorm + Relu -> 1x1 conv + BiasAdd -> Mul(k) -> Add(k) -> Elu.
GraphDef ConvNet() {
  GraphDef g;
  AddPlaceholder(&g, "x");
  uint32_t seed = 10;
  AddConst(&g, "w0", RandomTensor<float>({3, 3, 3, 8}, seed++, -1, 1));
  ConvAttrs(AddNode(&g, "conv0", "Conv2D", {"x", "w0"}), 2, "SAME");
  auto bn = [&](const std::string& name, const std::string& op,
                const std::string& in, int64_t c) {
    for (const char* p : {"scale", "offset", "mean", "var"}) {
      const bool positive =
          std::string(p) == "var" || std::string(p) == "scale";
      AddConst(&g, name + "/" + p,
               RandomTensor<float>({c}, seed++, positive ? 0.5 : -1, 1.5));
    }
    NodeDef* n = AddNode(
        &g, name, op,
        {in, name + "/scale", name + "/offset", name + "/mean", name + "/var"});
    (*n->mutable_attr())["epsilon"].set_f(1e-3f);
    (*n->mutable_attr())["is_training"].set_b(false);
    if (op == "FusedBatchNormV3") {
      (*n->mutable_attr())["U"].set_type(tensorflow::DT_FLOAT);
    }
  };
  bn("bn0", "FusedBatchNormV3", "conv0", 8);
  AddNode(&g, "relu0", "Relu6", {"bn0"});
  AddConst(&g, "dw", RandomTensor<float>({3, 3, 8, 1}, seed++, -1, 1));
  ConvAttrs(AddNode(&g, "dwconv", "DepthwiseConv2dNative", {"relu0", "dw"}), 1,
            "SAME");
  bn("bn1", "FusedBatchNorm", "dwconv", 8);
  AddNode(&g, "relu1", "Relu", {"bn1"});
  AddConst(&g, "w2", RandomTensor<float>({1, 1, 8, 5}, seed++, -1, 1));
  ConvAttrs(AddNode(&g, "conv2", "Conv2D", {"relu1", "w2"}), 1, "VALID");
  AddConst(&g, "b2", RandomTensor<float>({5}, seed++, -1, 1));
  AddNode(&g, "bias2", "BiasAdd", {"conv2", "b2"});
  AddConst(&g, "k", RandomTensor<float>({5}, seed++, 0.5, 2));
  AddNode(&g, "scaled", "Mul", {"bias2", "k"});
  AddNode(&g, "shifted", "AddV2", {"scaled", "k"});
  AddNode(&g, "out", "Elu", {"shifted"});
  return g;
}

std::vector<Tensor> RunGraph(const GraphDef& g, bool optimize,
                             const std::vector<std::string>& fetches,
                             const Tensor& x) {
  SessionOptions options;
  options.enable_graph_optimization = optimize;
  auto session = Session::Create(g, options);
  EXPECT_TRUE(session.ok()) << session.status();
  std::vector<Tensor> out;
  Status s = (*session)->Run({{"x", x}}, fetches, {}, &out);
  EXPECT_TRUE(s.ok()) << s;
  return out;
}

// |a - b| <= 1e-5 * max(1, |b|) everywhere.
void ExpectClose(const Tensor& a, const Tensor& b) {
  ASSERT_EQ(a.shape(), b.shape());
  for (int64_t i = 0; i < a.NumElements(); ++i) {
    const double x = a.data<float>()[i], y = b.data<float>()[i];
    ASSERT_LE(std::abs(x - y), 1e-5 * std::max(1.0, std::abs(y))) << i;
  }
}

std::map<std::string, std::string> OpsByName(const GraphDef& g) {
  std::map<std::string, std::string> ops;
  for (const NodeDef& n : g.node()) ops[n.name()] = n.op();
  return ops;
}

TEST(GraphOptimizerTest, FoldsBatchNormsAndFusesContractions) {
  const GraphDef g = ConvNet();
  TFP_ASSERT_OK_AND_ASSIGN(GraphDef opt, OptimizeGraph(g, {{"x", "out"}}));
  auto ops = OpsByName(opt);
  EXPECT_EQ(ops["relu0"], "_FusedConv2D");
  EXPECT_EQ(ops["relu1"], "_FusedDepthwiseConv2dNative");
  // Mul and Add folded into w2 and b2, then conv2 + bias2 + Elu fused.
  EXPECT_EQ(ops["out"], "_FusedConv2D");
  for (const char* gone : {"conv0", "bn0", "dwconv", "bn1", "conv2", "bias2",
                           "scaled", "shifted", "w0", "bn0/scale"}) {
    EXPECT_EQ(ops.count(gone), 0u) << gone;
  }
  const Tensor x = RandomTensor<float>({2, 9, 10, 3}, 1, -1, 1);
  auto want = RunGraph(g, false, {"out"}, x);
  auto got = RunGraph(g, true, {"out"}, x);
  ExpectClose(got[0], want[0]);
  const Tensor x1 = RandomTensor<float>({1, 7, 7, 3}, 2, -1, 1);  // batch 1
  ExpectClose(RunGraph(g, true, {"out"}, x1)[0],
              RunGraph(g, false, {"out"}, x1)[0]);
}

TEST(GraphOptimizerTest, FetchedIntermediatesKeepTheirValues) {
  const GraphDef g = ConvNet();
  TFP_ASSERT_OK_AND_ASSIGN(GraphDef opt,
                           OptimizeGraph(g, {{"x", "out", "conv0", "bias2"}}));
  auto ops = OpsByName(opt);
  EXPECT_EQ(ops["conv0"], "Conv2D");  // fetched: neither folded nor fused
  EXPECT_EQ(ops["bn0"], "FusedBatchNormV3");
  EXPECT_EQ(ops["bias2"], "_FusedConv2D");  // fetched, but last of its pattern
  EXPECT_EQ(ops["scaled"], "Mul");          // cannot change bias2
  EXPECT_EQ(ops["relu1"], "_FusedDepthwiseConv2dNative");
  const Tensor x = RandomTensor<float>({2, 9, 10, 3}, 3, -1, 1);
  const std::vector<std::string> fetches = {"conv0", "bn0", "bias2", "out"};
  auto want = RunGraph(g, false, fetches, x);
  auto got = RunGraph(g, true, fetches, x);
  EXPECT_THAT(got[0], TensorEq(want[0]));  // the same kernel on both sides
  EXPECT_THAT(got[1], TensorEq(want[1]));
  for (int i = 2; i < 4; ++i) ExpectClose(got[i], want[i]);
}

TEST(GraphOptimizerTest, IdentityNoOpRemovalAndConstantFoldingAreExact) {
  GraphDef g;
  AddPlaceholder(&g, "x");
  AddConst(&g, "a", Tensor::FromVector<float>({1.5f, -2.f, 3.25f}));
  AddConst(&g, "b", Tensor::FromVector<float>({0.1f, 0.2f, 0.3f}));
  AddNode(&g, "ab", "Mul", {"a", "b"});
  AddNode(&g, "ab2", "AddV2", {"ab", "a"});
  AddNode(&g, "id0", "Identity", {"x"});
  AddNode(&g, "id2", "Identity", {"ab2"});
  AddNode(&g, "dep", "NoOp", {"^id2"});
  AddNode(&g, "sum", "AddV2", {"id0", "ab2", "^dep"});
  AddNode(&g, "id1", "Identity", {"sum"});
  AddNode(&g, "y", "Mul", {"id1", "id1"});
  TFP_ASSERT_OK_AND_ASSIGN(GraphDef opt, OptimizeGraph(g, {{"x", "y"}}));
  auto ops = OpsByName(opt);
  EXPECT_EQ(ops["ab2"], "Const");
  EXPECT_EQ(ops["id2"], "Const");  // folded; "^id2" moved from dep to sum
  for (const char* gone : {"ab", "a", "b", "id0", "dep", "id1"}) {
    EXPECT_EQ(ops.count(gone), 0u) << gone;
  }
  const Tensor x = RandomTensor<float>({3}, 4, -5, 5);
  EXPECT_THAT(RunGraph(g, true, {"y"}, x)[0],
              TensorEq(RunGraph(g, false, {"y"}, x)[0]));
  // Feeding a Const that would be folded: the fed value is used.
  SessionOptions options;
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g, options));
  std::vector<Tensor> out;
  const Tensor a2 = Tensor::FromVector<float>({1.f, 1.f, 1.f});
  TFP_ASSERT_OK(session->Run({{"x", x}, {"a", a2}}, {"ab2", "id1"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({1.1f, 1.2f, 1.3f})));
}

TEST(GraphOptimizerTest, MatMulScaleAndBiasFoldIntoFusedMatMul) {
  GraphDef g;
  AddPlaceholder(&g, "x");
  AddConst(&g, "w", RandomTensor<float>({6, 4}, 5, -1, 1));
  NodeDef* mm = AddNode(&g, "mm", "MatMul", {"x", "w"});
  (*mm->mutable_attr())["transpose_b"].set_b(false);
  AddConst(&g, "s", RandomTensor<float>({4}, 6, 0.5, 2));
  AddNode(&g, "scaled", "Mul", {"s", "mm"});
  AddConst(&g, "c", RandomTensor<float>({4}, 7, -1, 1));
  AddNode(&g, "shifted", "Add", {"scaled", "c"});
  NodeDef* lr = AddNode(&g, "y", "LeakyRelu", {"shifted"});
  (*lr->mutable_attr())["alpha"].set_f(0.25f);
  TFP_ASSERT_OK_AND_ASSIGN(GraphDef opt, OptimizeGraph(g, {{"x", "y"}}));
  auto ops = OpsByName(opt);
  EXPECT_EQ(ops["y"], "_FusedMatMul");
  EXPECT_EQ(opt.node_size(), 4);  // x, folded w, bias, y
  for (int64_t batch : {0, 1, 5}) {
    const Tensor x = RandomTensor<float>({batch, 6}, 8, -1, 1);
    ExpectClose(RunGraph(g, true, {"y"}, x)[0],
                RunGraph(g, false, {"y"}, x)[0]);
  }
}

}  // namespace
}  // namespace tfpersist
