// Optional: torch::save / torch::load of the same workloads as
// bundle_bench.cc, for comparison (built only when libtorch is found).
//
//   build-io/bench/io/io_torch_bench [dir] [reps]
#include <torch/torch.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

double Seconds(const std::function<void()>& fn, int reps,
               const std::function<void()>& prepare) {
  double best = 1e30;
  for (int r = 0; r < reps; ++r) {
    prepare();
    ::sync();
    const auto start = std::chrono::steady_clock::now();
    fn();
    const std::chrono::duration<double> d =
        std::chrono::steady_clock::now() - start;
    best = std::min(best, d.count());
  }
  return best;
}

void Run(const char* name, int count, int64_t floats_each,
         const std::string& dir, int reps) {
  std::vector<torch::Tensor> tensors;
  for (int i = 0; i < count; ++i) {
    tensors.push_back(torch::arange(floats_each, torch::kFloat32) * 0.5f + i);
  }
  const double bytes = static_cast<double>(count) * floats_each * 4;
  const std::string path = dir + "/bench.pt";
  const double t_save = Seconds([&] { torch::save(tensors, path); }, reps,
                                [&] { std::filesystem::remove(path); });
  std::vector<torch::Tensor> loaded;
  const double t_load = Seconds([&] { torch::load(loaded, path); }, reps,
                                [&] { loaded.clear(); });
  if (!torch::equal(loaded.back(), tensors.back())) std::abort();
  std::filesystem::remove(path);
  std::printf("%s\n  %-44s %9.4f s %8.2f GB/s\n  %-44s %9.4f s %8.2f GB/s\n\n",
              name, "torch::save", t_save, bytes / t_save / 1e9,
              "torch::load, warm", t_load, bytes / t_load / 1e9);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp/tfpersist_torch_bench";
  const int reps = argc > 2 ? std::atoi(argv[2]) : 3;
  std::filesystem::create_directories(dir);
  torch::set_num_threads(1);
  Run("(a) 1 GiB in 100 float32 tensors", 100, 2684354, dir, reps);
  Run("(b) 40 MiB in 10,000 float32 tensors", 10000, 1048, dir, reps);
  std::filesystem::remove_all(dir);
  return 0;
}
