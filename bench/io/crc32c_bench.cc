// crc32c throughput of the dispatching, SSE4.2 and portable paths.
//   build-io/bench/io/io_crc32c_bench --benchmark_filter=BM_Crc32c
#include <benchmark/benchmark.h>

#include <string>

#include "io/crc32c.h"

namespace tfpersist::crc32c {
namespace {

template <uint32_t (*Fn)(uint32_t, const char*, size_t)>
void BM_Crc32c(benchmark::State& state) {
  if (Fn == internal::ExtendHardware && !internal::HardwareAvailable()) {
    state.SkipWithError("no SSE4.2");
    return;
  }
  std::string data(static_cast<size_t>(state.range(0)), 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 131);
  uint32_t crc = 0;
  for (auto _ : state) {
    crc = Fn(crc, data.data(), data.size());
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          state.range(0));
}

BENCHMARK_TEMPLATE(BM_Crc32c, Extend)->RangeMultiplier(16)->Range(64, 64 << 20);
BENCHMARK_TEMPLATE(BM_Crc32c, internal::ExtendHardware)
    ->RangeMultiplier(16)
    ->Range(64, 64 << 20);
BENCHMARK_TEMPLATE(BM_Crc32c, internal::ExtendPortable)
    ->RangeMultiplier(16)
    ->Range(64, 64 << 20);

void BM_Combine(benchmark::State& state) {
  uint32_t crc = 1;
  for (auto _ : state) {
    crc = Combine(crc, 0x12345678u, static_cast<uint64_t>(state.range(0)));
    benchmark::DoNotOptimize(crc);
  }
}
BENCHMARK(BM_Combine)->Arg(4096)->Arg(1 << 30);

}  // namespace
}  // namespace tfpersist::crc32c

BENCHMARK_MAIN();
