// Statistics for `tfpersist benchmark_model` (cf. TensorFlow's
// StatSummarizer): latency summaries and the per-node tables built from
// Session::RunWithMetadata step stats.
// Thread-safety: not thread-safe.
#ifndef TFPERSIST_CLI_BENCHMARK_STATS_H_
#define TFPERSIST_CLI_BENCHMARK_STATS_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "tfpersist/runtime/session.h"

namespace tfpersist::cli {

// "count=N first=F curr=C min=A max=B avg=M median=D std=S" (microseconds,
// as TF prints them). REQUIRES: us is not empty.
std::string LatencySummary(const std::vector<double>& us);

struct TableOptions {
  bool run_order = true;
  bool top_by_time = true;
  int64_t run_order_limit = 0;  // 0 = every node
  int64_t time_limit = 10;
};

class NodeTable {
 public:
  // Adds one traced run.
  void Add(const std::vector<NodeExecStats>& run);
  // "Run Order", "Top by Computation Time" and "Summary by node type".
  void Print(std::ostream& out, const TableOptions& options) const;
  // FLOPs of one run, from the contractions' shapes (Conv2D, depthwise,
  // MatMul and their _Fused forms: 2 per multiply-add).
  double EstimatedFlops() const;

 private:
  struct Node {
    std::string name, op;
    int64_t order = 0;
    double start_ms = 0, first_ms = 0, total_ms = 0;
    int64_t runs = 0;
    double flops = 0;
  };
  std::map<std::string, Node> nodes_;
  int64_t runs_ = 0;
};

}  // namespace tfpersist::cli

#endif  // TFPERSIST_CLI_BENCHMARK_STATS_H_
