// A long-lived process that loads one frozen graph once and times
// Session::Run on request, for bench/inference/compare_peers.py.
//
//   inference_bench_driver GRAPH.pb THREADS INPUT_NAME OUTPUT_NAME
//
// Prints "create_ms X" (ReadGraphDefFile + Session::Create), then reads
// commands from stdin, one per line, answering each with one line:
//   feed PATH.npy        -> "ok" (the tensor fed as INPUT_NAME from now on)
//   run N                -> "times t1 ... tN" (ms per Session::Run)
//   save FETCH PATH.npy  -> "ok" (one Run fetching FETCH, written as .npy)
//   rss                  -> "rss_kib K" (peak resident set, getrusage)
//   quit
// Errors are printed as "error MESSAGE" and the driver keeps reading.
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/graph_io.h"

namespace tfpersist {
namespace {

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

struct Driver {
  std::unique_ptr<Session> session;
  std::string input_name, output_name;
  Tensor input;

  std::string Feed(const std::string& path) {
    auto t = ReadNpy(Env::Default(), path);
    if (!t.ok()) return "error " + t.status().ToString();
    input = *t;
    return "ok";
  }

  std::string Time(int n) {
    std::ostringstream out;
    out << "times";
    std::vector<Tensor> fetched;
    for (int i = 0; i < n; ++i) {
      auto start = std::chrono::steady_clock::now();
      Status s =
          session->Run({{input_name, input}}, {output_name}, {}, &fetched);
      const double ms = MsSince(start);
      if (!s.ok()) return "error " + s.ToString();
      out << ' ' << ms;
    }
    return out.str();
  }

  std::string Save(const std::string& fetch, const std::string& path) {
    std::vector<Tensor> fetched;
    Status s = session->Run({{input_name, input}}, {fetch}, {}, &fetched);
    if (s.ok()) s = WriteNpy(Env::Default(), path, fetched[0]);
    return s.ok() ? "ok" : "error " + s.ToString();
  }
};

int Main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: " << argv[0]
              << " GRAPH.pb THREADS INPUT_NAME OUTPUT_NAME\n";
    return 2;
  }
  Driver d;
  d.input_name = argv[3];
  d.output_name = argv[4];
  auto start = std::chrono::steady_clock::now();
  auto graph = ReadGraphDefFile(argv[1]);
  if (!graph.ok()) {
    std::cerr << graph.status().ToString() << "\n";
    return 1;
  }
  SessionOptions options;
  options.intra_op_threads = std::stoi(argv[2]);
  auto session = Session::Create(*graph, options);
  if (!session.ok()) {
    std::cerr << session.status().ToString() << "\n";
    return 1;
  }
  d.session = std::move(*session);
  std::cout << "create_ms " << MsSince(start) << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string cmd, a, b;
    in >> cmd >> a >> b;
    if (cmd == "quit") break;
    if (cmd == "feed") {
      std::cout << d.Feed(a) << std::endl;
    } else if (cmd == "run") {
      std::cout << d.Time(std::stoi(a)) << std::endl;
    } else if (cmd == "save") {
      std::cout << d.Save(a, b) << std::endl;
    } else if (cmd == "rss") {
      rusage u{};
      getrusage(RUSAGE_SELF, &u);
      std::cout << "rss_kib " << u.ru_maxrss << std::endl;
    } else {
      std::cout << "error unknown command '" << cmd << "'" << std::endl;
    }
  }
  return 0;
}

}  // namespace
}  // namespace tfpersist

int main(int argc, char** argv) { return tfpersist::Main(argc, argv); }
