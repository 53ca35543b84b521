// Big-model persistence through the public API, beside the raw limits of the
// machine measured in the same run (issue 14):
//
//   build/bench/persist/persist_bench [MiB=1024] [dir=/tmp/tfp_persist_bench]
//
// The model is 4 float32 variables of MiB/4 each, initialised by Fill. Each
// part runs in its own child process (forked before anything big is
// allocated), so "peak RSS" is that process's own high-water mark:
//   limits:  memcpy, write() of the bytes to a file, warm pread() back;
//   save:    Session::Run(init), then Saver::Save;
//   restore: a new process builds the same graph and runs Saver::Restore
//            (no initializer), then checks a value.
// Reads are warm (the files were just written). One run of each step.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

constexpr int kVariables = 4;

struct Config {
  int64_t bytes = int64_t{1} << 30;
  std::string dir = "/tmp/tfp_persist_bench";
};

double Seconds(const std::function<void()>& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  const std::chrono::duration<double> d =
      std::chrono::steady_clock::now() - start;
  return d.count();
}

// Peak RSS of this process so far, in bytes.
double PeakRss() {
  struct rusage usage;
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

void Row(const char* what, double seconds, double bytes) {
  std::printf("  %-46s %8.3f s %7.2f GB/s  peak RSS %6.2f GB (%.2fx)\n", what,
              seconds, bytes / seconds / 1e9, PeakRss() / 1e9,
              PeakRss() / bytes);
  std::fflush(stdout);
}

// Runs fn in a child process; exits if it fails.
void InChild(const std::function<void()>& fn) {
  std::fflush(stdout);
  const pid_t pid = ::fork();
  if (pid == 0) {
    fn();
    std::fflush(stdout);
    std::_Exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::exit(1);
}

void WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w <= 0) std::abort();
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void ReadAll(int fd, char* p, size_t n) {
  off_t offset = 0;
  while (n > 0) {
    const ssize_t r = ::pread(fd, p, n, offset);
    if (r <= 0) std::abort();
    p += r;
    offset += r;
    n -= static_cast<size_t>(r);
  }
}

void Limits(const Config& c) {
  const size_t n = static_cast<size_t>(c.bytes);
  std::vector<char> src(n, 1);
  std::vector<char> dst(n, 0);  // touched, like a restored variable
  const std::string raw = c.dir + "/raw.bin";
  Row("memcpy (limit)",
      Seconds([&] { std::memcpy(dst.data(), src.data(), n); }), c.bytes);
  ::sync();
  const double t_write = Seconds([&] {
    const int fd = ::open(raw.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    WriteAll(fd, src.data(), n);
    ::close(fd);
  });
  Row("write() of the bytes to a file (limit)", t_write, c.bytes);
  const double t_pread = Seconds([&] {
    const int fd = ::open(raw.c_str(), O_RDONLY);
    ReadAll(fd, dst.data(), n);
    ::close(fd);
  });
  Row("pread() into touched buffers, warm (limit)", t_pread, c.bytes);
  std::filesystem::remove(raw);
}

struct Model {
  Graph graph;
  GraphBuilder b{&graph};
  std::unique_ptr<Saver> saver;
  std::unique_ptr<Session> session;
};

std::unique_ptr<Model> BuildModel(const Config& c) {
  auto m = std::make_unique<Model>();
  const int64_t floats = c.bytes / kVariables / 4;
  for (int i = 0; i < kVariables; ++i) {
    Output dims = Constant(m->b, Tensor::FromVector<int64_t>({floats}));
    Output value = Constant(m->b, Tensor::Scalar<float>(0.5f + i));
    Variable(m->b, Fill(m->b, dims, value), StrCat("layer", i, "/kernel"));
  }
  GlobalVariablesInitializer(m->b);
  auto saver = Saver::Create(m->b);
  Check(saver.status(), "Saver::Create");
  m->saver = std::move(saver).value();
  auto session = Session::Create(m->graph.ToGraphDef());
  Check(session.status(), "Session::Create");
  m->session = std::move(session).value();
  return m;
}

void Save(const Config& c) {
  auto m = BuildModel(c);
  Row("Session::Run(init) (Fill into variables)", Seconds([&] {
        Check(m->session->Run({}, {}, {"init"}, nullptr), "init");
      }),
      c.bytes);
  ::sync();
  Row("Saver::Save (bundle + .meta + checkpoint)", Seconds([&] {
        Check(m->saver->Save(m->session.get(), c.dir + "/model").status(),
              "Save");
      }),
      c.bytes);
}

void Restore(const Config& c) {
  auto m = BuildModel(c);
  Row("Saver::Restore into a new session, warm", Seconds([&] {
        Check(m->saver->Restore(m->session.get(), c.dir + "/model"), "Restore");
      }),
      c.bytes);
  std::vector<Tensor> out;
  Check(m->session->Run({}, {"layer3/kernel:0"}, {}, &out), "fetch");
  const Tensor& t = out[0];
  if (t.NumElements() != c.bytes / kVariables / 4 ||
      t.data<float>()[t.NumElements() - 1] != 3.5f) {
    std::fprintf(stderr, "restored value is wrong\n");
    std::exit(1);
  }
}

}  // namespace
}  // namespace tfpersist

int main(int argc, char** argv) {
  tfpersist::Config c;
  if (argc > 1) c.bytes = std::atoll(argv[1]) << 20;
  if (argc > 2) c.dir = argv[2];
  if (c.bytes < (1 << 20)) {
    std::fprintf(stderr, "usage: %s [MiB>=1] [dir]\n", argv[0]);
    return 2;
  }
  std::filesystem::create_directories(c.dir);
  std::printf("%d float32 variables, %.0f MiB in total, dir %s\n",
              tfpersist::kVariables, c.bytes / 1048576.0, c.dir.c_str());
  tfpersist::InChild([&] { tfpersist::Limits(c); });
  tfpersist::InChild([&] { tfpersist::Save(c); });
  tfpersist::InChild([&] { tfpersist::Restore(c); });
  std::filesystem::remove_all(c.dir);
  return 0;
}
