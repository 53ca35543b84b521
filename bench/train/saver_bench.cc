// Saver::Save / Saver::Restore end to end on a model of 8 float variables
// (total bytes = the benchmark argument), in a temp dir on disk.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>

#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

struct Model {
  Graph graph;
  GraphBuilder b{&graph};
  std::unique_ptr<Saver> saver;
  std::unique_ptr<Session> session;
  std::string dir;
};

std::unique_ptr<Model> BuildModel(int64_t total_bytes) {
  auto m = std::make_unique<Model>();
  const int64_t per_var = total_bytes / 8 / 4;
  // Initial values come from Fill, so the .meta stays small (no big Const).
  for (int i = 0; i < 8; ++i) {
    Output dims =
        Constant(m->b, Tensor::FromVector<int32_t>({int32_t(per_var)}));
    Output init = Fill(m->b, dims, Constant(m->b, Tensor::Scalar<float>(i)));
    Variable(m->b, init, StrCat("layer", i, "/weights"));
  }
  GlobalVariablesInitializer(m->b);
  m->saver = std::move(Saver::Create(m->b)).value();
  m->session = std::move(Session::Create(m->graph.ToGraphDef())).value();
  if (!m->session->Run({}, {}, {"init"}, nullptr).ok()) std::abort();
  char tmpl[] = "/tmp/tfp_saver_bench_XXXXXX";
  m->dir = mkdtemp(tmpl);
  return m;
}

void BM_Save(benchmark::State& state) {
  auto m = BuildModel(state.range(0));
  int64_t step = 0;
  for (auto _ : state) {
    auto p = m->saver->Save(m->session.get(), JoinPath(m->dir, "m"), step++);
    if (!p.ok()) state.SkipWithError(p.status().ToString().c_str());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Save)->Arg(1 << 20)->Arg(64 << 20)->Unit(benchmark::kMillisecond);

void BM_Restore(benchmark::State& state) {
  auto m = BuildModel(state.range(0));
  auto p = m->saver->Save(m->session.get(), JoinPath(m->dir, "m"));
  if (!p.ok()) std::abort();
  for (auto _ : state) {
    Status s = m->saver->Restore(m->session.get(), *p);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Restore)
    ->Arg(1 << 20)
    ->Arg(64 << 20)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tfpersist

BENCHMARK_MAIN();
