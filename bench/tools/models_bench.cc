// Session::Run on the three bench models (mlp, cnn, mobilenet) with their
// fixed batch-2 input, after a warm-up run; Args: intra-op threads.
//   tools_models_bench [--benchmark_filter=mobilenet]
#include <benchmark/benchmark.h>

#include <string>

#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/graph_io.h"

namespace tfpersist {
namespace {

void BM_Model(benchmark::State& state, const std::string& name) {
  const std::string dir = JoinPath(TFP_SHARED_DIR, "bench-models");
  auto graph = ReadGraphDefFile(JoinPath(dir, name + ".pb"));
  auto input = ReadNpy(Env::Default(), JoinPath(dir, name + "_input.npy"));
  if (!graph.ok() || !input.ok()) {
    state.SkipWithError("bench-models not found (set TFP_SHARED_DIR)");
    return;
  }
  SessionOptions options;
  options.intra_op_threads = static_cast<int>(state.range(0));
  auto session = Session::Create(*graph, options);
  if (!session.ok()) {
    state.SkipWithError(session.status().ToString().c_str());
    return;
  }
  const std::vector<std::pair<std::string, Tensor>> feeds = {
      {"input:0", *input}};
  std::vector<Tensor> out;
  Status s = (*session)->Run(feeds, {"output:0"}, {}, &out);  // warm-up
  for (auto _ : state) {
    s.Update((*session)->Run(feeds, {"output:0"}, {}, &out));
  }
  if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  state.SetItemsProcessed(state.iterations() * input->dim_size(0));
}

BENCHMARK_CAPTURE(BM_Model, mlp, std::string("mlp"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, cnn, std::string("cnn"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Model, mobilenet, std::string("mobilenet"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tfpersist

BENCHMARK_MAIN();
