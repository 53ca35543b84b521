// Save / restore throughput of tensor bundles next to the raw limits of the
// machine (memcpy, plain write(), pread of the same bytes).
//
//   build-io/bench/io/io_bundle_bench [dir] [reps]
//
// Workloads: (a) 100 float32 tensors totalling 1 GiB, (b) 10,000 float32
// tensors totalling 40 MiB. "Warm" reads come from the page cache (the
// files were just written). Prints the best of `reps` runs.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

struct Workload {
  const char* name;
  int count;
  int64_t floats_each;
};

// Best time of `reps` runs of fn; `prepare` runs untimed before each, and
// the page cache is flushed (sync) so write-back of earlier runs does not
// throttle this one.
double Seconds(
    const std::function<void()>& fn, int reps,
    const std::function<void()>& prepare = [] {}) {
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

void Check(const Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
    std::exit(1);
  }
}

std::vector<Tensor> MakeTensors(const Workload& w) {
  std::vector<Tensor> tensors;
  for (int i = 0; i < w.count; ++i) {
    Tensor t(DT_FLOAT, TensorShape({w.floats_each}));
    float* p = t.data<float>();
    for (int64_t j = 0; j < w.floats_each; ++j) p[j] = 0.5f * (i + j);
    tensors.push_back(std::move(t));
  }
  return tensors;
}

std::string Key(int i) {
  char key[32];
  std::snprintf(key, sizeof(key), "layer_%05d/kernel", i);
  return key;
}

void RemoveBundle(const std::string& prefix) {
  std::filesystem::remove(prefix + ".index");
  std::filesystem::remove(prefix + ".data-00000-of-00001");
}

void PlainWrite(const std::vector<Tensor>& tensors, const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  for (const Tensor& t : tensors) {
    std::string_view b = t.tensor_data();
    while (!b.empty()) {
      const ssize_t n = ::write(fd, b.data(), b.size());
      if (n <= 0) std::abort();
      b.remove_prefix(static_cast<size_t>(n));
    }
  }
  ::close(fd);
}

void PlainRead(std::vector<Tensor>* dest, const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  off_t offset = 0;
  for (Tensor& t : *dest) {
    const size_t n = t.TotalBytes();
    if (::pread(fd, t.raw_data(), n, offset) != static_cast<ssize_t>(n)) {
      std::abort();
    }
    offset += static_cast<off_t>(n);
  }
  ::close(fd);
}

void Row(const char* what, double seconds, double bytes) {
  std::printf("  %-44s %9.4f s %8.2f GB/s\n", what, seconds,
              bytes / seconds / 1e9);
}

void Run(const Workload& w, const std::string& dir, int reps) {
  const std::vector<Tensor> tensors = MakeTensors(w);
  std::vector<Tensor> dest = MakeTensors(w);  // pre-allocated and touched
  const double bytes = static_cast<double>(w.count) * w.floats_each * 4;
  const std::string prefix = dir + "/bench.ckpt";
  const std::string raw = dir + "/raw.bin";
  std::printf("%s: %d tensors, %.1f MiB\n", w.name, w.count, bytes / (1 << 20));

  const double t_memcpy = Seconds(
      [&] {
        for (int i = 0; i < w.count; ++i) {
          std::memcpy(dest[i].raw_data(), tensors[i].raw_data(),
                      tensors[i].TotalBytes());
        }
      },
      reps);
  // Writes alternate so both see the same write-back conditions.
  double t_write = 1e30, t_save = 1e30;
  for (int r = 0; r < reps; ++r) {
    t_write = std::min(t_write, Seconds([&] { PlainWrite(tensors, raw); }, 1,
                                        [&] { std::filesystem::remove(raw); }));
    t_save = std::min(t_save, Seconds(
                                  [&] {
                                    BundleWriter writer(Env::Default(), prefix);
                                    for (int i = 0; i < w.count; ++i)
                                      writer.Add(Key(i), tensors[i]);
                                    Check(writer.Finish());
                                  },
                                  1, [&] { RemoveBundle(prefix); }));
  }
  const double t_pread = Seconds([&] { PlainRead(&dest, raw); }, reps);
  std::filesystem::remove(raw);
  const double t_restore_into = Seconds(
      [&] {
        auto reader = BundleReader::Open(Env::Default(), prefix);
        Check(reader.status());
        for (int i = 0; i < w.count; ++i) {
          Check((*reader)->LookupInto(Key(i), &dest[i]));
        }
      },
      reps);
  const double t_restore_alloc = Seconds(
      [&] {
        auto reader = BundleReader::Open(Env::Default(), prefix);
        Check(reader.status());
        for (int i = 0; i < w.count; ++i) {
          Check((*reader)->Lookup(Key(i)).status());
        }
      },
      reps);
  if (!dest.back().IsSameAs(tensors.back())) std::abort();
  RemoveBundle(prefix);

  Row("memcpy (limit)", t_memcpy, bytes);
  Row("plain write() to a file (limit)", t_write, bytes);
  Row("BundleWriter save (Add + Finish)", t_save, bytes);
  Row("plain pread() into buffers, warm (limit)", t_pread, bytes);
  Row("BundleReader restore into tensors, warm", t_restore_into, bytes);
  Row("BundleReader restore, allocating, warm", t_restore_alloc, bytes);
  std::printf("  save / plain write = %.2fx\n\n", t_save / t_write);
}

}  // namespace
}  // namespace tfpersist

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp/tfpersist_bundle_bench";
  const int reps = argc > 2 ? std::atoi(argv[2]) : 3;
  std::filesystem::create_directories(dir);
  tfpersist::Run({"(a) 1 GiB in 100 float32 tensors", 100, 2684354}, dir, reps);
  tfpersist::Run({"(b) 40 MiB in 10,000 float32 tensors", 10000, 1048}, dir,
                 reps);
  std::filesystem::remove_all(dir);
  return 0;
}
