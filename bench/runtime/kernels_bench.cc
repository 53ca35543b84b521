// Google Benchmark of the MatMul and Conv2D kernels (plus the depthwise
// conv and pooling of MobileNet / the CNN bench model), run through the
// kernel registry like the executor does, on 1 and 2 intra-op threads.
//
//   build-kernels/bench/runtime/runtime_kernels_bench
//
// Counters: FLOP/s counts 2 flops per multiply-add of the op's math.
// BM_Model runs mlp / cnn / mobilenet (batch 2) through a Session.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "graph/graph_def_io.h"
#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "runtime/cpu_device.h"
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"
#include "runtime/resource_mgr.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using Attrs = std::vector<std::pair<std::string, tensorflow::AttrValue>>;

Tensor RandomFloats(const TensorShape& shape) {
  std::mt19937 gen(42);
  std::uniform_real_distribution<float> dist(-1, 1);
  Tensor t(DT_FLOAT, shape);
  for (float& v : t.flat<float>()) v = dist(gen);
  return t;
}

// Builds the kernel for `op` with float inputs and runs it per iteration.
void RunKernel(benchmark::State& state, const std::string& op,
               const std::vector<Tensor>& inputs, const Attrs& attrs,
               double flops) {
  const tensorflow::OpDef* op_def = *OpRegistry::Global()->LookUpOpDef(op);
  tensorflow::NodeDef node;
  node.set_name("bench");
  node.set_op(op);
  (*node.mutable_attr())["T"] = MakeAttr(DT_FLOAT);
  for (const auto& [name, value] : attrs) (*node.mutable_attr())[name] = value;
  for (size_t i = 0; i < inputs.size(); ++i) node.add_input("in");
  AddDefaultsToNodeDef(*op_def, &node);
  auto kernel = KernelRegistry::Global()->CreateKernel(node, *op_def, nullptr);
  if (!kernel.ok()) {
    state.SkipWithError(std::string(kernel.status().message()).c_str());
    return;
  }
  std::vector<TensorValue> values;
  for (const Tensor& t : inputs) values.push_back(TensorValue::OfTensor(t));
  CpuDevice device(static_cast<int>(state.range(0)));
  ResourceMgr rm;
  OpKernelContext::Params params;
  params.op_kernel = kernel->get();
  params.inputs = &values;
  params.env = Env::Default();
  params.resource_manager = &rm;
  params.eigen_device = device.eigen_device();
  for (auto _ : state) {
    OpKernelContext ctx(&params);
    (*kernel)->Compute(&ctx);
    if (!ctx.status().ok()) {
      state.SkipWithError(std::string(ctx.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(ctx.mutable_output(0));
  }
  state.counters["FLOP/s"] = benchmark::Counter(flops * state.iterations(),
                                                benchmark::Counter::kIsRate);
}

// MatMul [m x k] x [k x n].
void BM_MatMul(benchmark::State& state, int64_t m, int64_t k, int64_t n) {
  RunKernel(state, "MatMul", {RandomFloats({m, k}), RandomFloats({k, n})}, {},
            2.0 * m * k * n);
}

// Conv2D NHWC input [b, h, w, c] with a [f, f, c, oc] filter, SAME.
void BM_Conv2D(benchmark::State& state, int64_t b, int64_t h, int64_t c,
               int64_t f, int64_t oc, int64_t stride) {
  const int64_t out = (h + stride - 1) / stride;
  RunKernel(state, "Conv2D",
            {RandomFloats({b, h, h, c}), RandomFloats({f, f, c, oc})},
            {{"strides", MakeAttr(std::vector<int64_t>{1, stride, stride, 1})},
             {"padding", MakeAttr("SAME")}},
            2.0 * b * out * out * oc * f * f * c);
}

void BM_DepthwiseConv(benchmark::State& state, int64_t h, int64_t c,
                      int64_t stride) {
  const int64_t out = (h + stride - 1) / stride;
  RunKernel(state, "DepthwiseConv2dNative",
            {RandomFloats({1, h, h, c}), RandomFloats({3, 3, c, 1})},
            {{"strides", MakeAttr(std::vector<int64_t>{1, stride, stride, 1})},
             {"padding", MakeAttr("SAME")}},
            2.0 * out * out * c * 9);
}

void BM_MaxPool(benchmark::State& state, int64_t b, int64_t h, int64_t c) {
  RunKernel(state, "MaxPool", {RandomFloats({b, h, h, c})},
            {{"ksize", MakeAttr(std::vector<int64_t>{1, 2, 2, 1})},
             {"strides", MakeAttr(std::vector<int64_t>{1, 2, 2, 1})},
             {"padding", MakeAttr("SAME")}},
            1.0 * b * h * h * c);
}

// A bench model (../shared/bench-models) end to end through a Session on
// its fixed batch-2 input: load once, time Run.
void BM_Model(benchmark::State& state, const std::string& name) {
  const std::string dir = std::string(TFP_SHARED_DIR) + "/bench-models/";
  tensorflow::GraphDef graph;
  Status s = ReadGraphDef(Env::Default(), dir + name + ".pb", &graph);
  auto input = ReadNpy(Env::Default(), dir + name + "_input.npy");
  if (!s.ok() || !input.ok()) {
    state.SkipWithError("bench-models not found");
    return;
  }
  SessionOptions options;
  options.intra_op_threads = static_cast<int>(state.range(0));
  auto session = Session::Create(graph, options);
  if (!session.ok()) {
    state.SkipWithError(std::string(session.status().message()).c_str());
    return;
  }
  std::vector<Tensor> out;
  for (auto _ : state) {
    s = (*session)->Run({{"input", *input}}, {"output"}, {}, &out);
    if (!s.ok()) {
      state.SkipWithError(std::string(s.message()).c_str());
      return;
    }
  }
}

#define THREADS ->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()
BENCHMARK_CAPTURE(BM_MatMul, square_256, 256, 256, 256) THREADS;
BENCHMARK_CAPTURE(BM_MatMul, square_1024, 1024, 1024, 1024) THREADS;
BENCHMARK_CAPTURE(BM_MatMul, mlp_batch2_784x1024, 2, 784, 1024) THREADS;
BENCHMARK_CAPTURE(BM_MatMul, batch128_784x1024, 128, 784, 1024) THREADS;
BENCHMARK_CAPTURE(BM_MatMul, mobilenet_fc_1024x1000, 1, 1024, 1000) THREADS;
BENCHMARK_CAPTURE(BM_Conv2D, cnn_conv1_5x5x1x32, 2, 28, 1, 5, 32, 1) THREADS;
BENCHMARK_CAPTURE(BM_Conv2D, cnn_conv2_5x5x32x64, 2, 14, 32, 5, 64, 1)
THREADS;
BENCHMARK_CAPTURE(BM_Conv2D, mobilenet_conv0_3x3s2, 1, 224, 3, 3, 32, 2)
THREADS;
BENCHMARK_CAPTURE(BM_Conv2D, pointwise_56x56x128x128, 1, 56, 128, 1, 128, 1)
THREADS;
BENCHMARK_CAPTURE(BM_Conv2D, resnet_3x3_56x56x64, 8, 56, 64, 3, 64, 1)
THREADS;
BENCHMARK_CAPTURE(BM_DepthwiseConv, mobilenet_dw_112x64, 112, 64, 1) THREADS;
BENCHMARK_CAPTURE(BM_MaxPool, cnn_pool1_28x32, 2, 28, 32) THREADS;
BENCHMARK_CAPTURE(BM_Model, mlp, "mlp") THREADS;
BENCHMARK_CAPTURE(BM_Model, cnn, "cnn") THREADS;
BENCHMARK_CAPTURE(BM_Model, mobilenet, "mobilenet") THREADS;
#undef THREADS

}  // namespace
}  // namespace tfpersist

BENCHMARK_MAIN();
