// Memory and time of a Session on a long chain graph (unrolled RNNs and big
// Estimator graphs have 10^5-10^6 nodes): x = Const; n_i = Neg(n_{i-1}).
//
//   runtime_chain_graph_bench [NODES ...]   (default: 100000 1000000)
//
// For each size prints the peak RSS growth over the GraphDef alone, per
// node, for Session::Create + the first Run (which creates every kernel
// and plan) and the time of each step. Peak RSS comes from /proc (VmHWM),
// so run one size per process for exact peaks; sizes run in increasing
// order, so each later peak is dominated by its own size.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/runtime/session.h"

namespace {

// "VmHWM:" or "VmRSS:" of /proc/self/status, in bytes.
long long ProcStatusBytes(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0)
      return std::atoll(line.c_str() + key.size()) * 1024;
  }
  return -1;
}

tensorflow::GraphDef ChainGraph(int64_t n) {
  tensorflow::GraphDef g;
  auto* x = g.add_node();
  x->set_name("x");
  x->set_op("Const");
  (*x->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  auto* value = (*x->mutable_attr())["value"].mutable_tensor();
  value->set_dtype(tensorflow::DT_FLOAT);
  value->add_float_val(1.0f);
  std::string prev = "x";
  for (int64_t i = 1; i <= n; ++i) {
    auto* node = g.add_node();
    node->set_name("n" + std::to_string(i));
    node->set_op("Neg");
    node->add_input(prev);
    (*node->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
    prev = node->name();
  }
  return g;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

int RunSize(int64_t n) {
  const tensorflow::GraphDef graph = ChainGraph(n);
  const long long base = ProcStatusBytes("VmRSS:");
  auto t0 = std::chrono::steady_clock::now();
  auto session = tfpersist::Session::Create(graph);
  if (!session.ok()) {
    std::fprintf(stderr, "%s\n", session.status().ToString().c_str());
    return 1;
  }
  const double create_s = Seconds(t0);
  const long long after_create = ProcStatusBytes("VmRSS:");
  std::vector<tfpersist::Tensor> out;
  t0 = std::chrono::steady_clock::now();
  auto s = (*session)->Run({}, {"n" + std::to_string(n) + ":0"}, {}, &out);
  const double run1_s = Seconds(t0);
  t0 = std::chrono::steady_clock::now();
  s.Update((*session)->Run({}, {"n" + std::to_string(n) + ":0"}, {}, &out));
  const double run2_s = Seconds(t0);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  const float expected = n % 2 == 0 ? 1.0f : -1.0f;
  if (out[0].scalar<float>() != expected) {
    std::fprintf(stderr, "wrong result\n");
    return 1;
  }
  const long long peak = ProcStatusBytes("VmHWM:");
  std::printf(
      "%lld nodes: GraphDef %.1f MB; Session::Create %.2f s (+%.0f B/node "
      "RSS); first Run %.2f s, second Run %.2f s; peak RSS %.1f MB = "
      "%.0f B/node above the GraphDef\n",
      static_cast<long long>(n), base / 1e6, create_s,
      static_cast<double>(after_create - base) / n, run1_s, run2_s, peak / 1e6,
      static_cast<double>(peak - base) / n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int64_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoll(argv[i]));
  if (sizes.empty()) sizes = {100000, 1000000};
  for (int64_t n : sizes) {
    if (RunSize(n) != 0) return 1;
  }
  return 0;
}
