#include "cli/benchmark_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace tfpersist::cli {
namespace {

int64_t Elements(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

double NodeFlops(const NodeExecStats& s) {
  const std::string& op = s.op;
  if (s.output_shapes.empty() || s.input_shapes.size() < 2) return 0;
  const double out = static_cast<double>(Elements(s.output_shapes[0]));
  const std::vector<int64_t>& w = s.input_shapes[1];
  if ((op == "Conv2D" || op == "_FusedConv2D") && w.size() == 4) {
    return 2 * out * w[0] * w[1] * w[2];
  }
  if ((op == "DepthwiseConv2dNative" || op == "_FusedDepthwiseConv2dNative") &&
      w.size() == 4) {
    return 2 * out * w[0] * w[1];
  }
  if ((op == "MatMul" || op == "_FusedMatMul") && w.size() == 2 &&
      s.input_shapes[0].size() == 2) {
    const std::vector<int64_t>& a = s.input_shapes[0];
    const int64_t k =
        s.output_shapes[0].size() == 2 && s.output_shapes[0][0] == a[0] ? a[1]
                                                                        : a[0];
    return 2 * out * k;
  }
  return 0;
}

std::string Row(const char* type, double start, double first, double avg,
                double pct, double cdf, int64_t times,
                const std::string& name) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%28s\t%9.3f\t%9.3f\t%9.3f\t%6.3f%%\t%7.3f%%\t%14lld\t%s\n",
                type, start, first, avg, pct, cdf,
                static_cast<long long>(times), name.c_str());
  return buf;
}

const char* kHeader =
    "                 [node type]\t  [start]\t  [first]\t [avg ms]\t     "
    "[%]\t  [cdf%]\t[times called]\t[Name]\n";

}  // namespace

std::string LatencySummary(const std::vector<double>& us) {
  std::vector<double> sorted = us;
  std::sort(sorted.begin(), sorted.end());
  const double mean = std::accumulate(us.begin(), us.end(), 0.0) / us.size();
  double var = 0;
  for (double v : us) var += (v - mean) * (v - mean) / us.size();
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "count=%zu first=%.0f curr=%.0f min=%.0f max=%.0f avg=%.0f "
                "median=%.0f std=%.0f",
                us.size(), us.front(), us.back(), sorted.front(), sorted.back(),
                mean, sorted[sorted.size() / 2], std::sqrt(var));
  return buf;
}

void NodeTable::Add(const std::vector<NodeExecStats>& run) {
  ++runs_;
  for (size_t i = 0; i < run.size(); ++i) {
    const NodeExecStats& s = run[i];
    Node& n = nodes_[s.node_name];
    const double ms = s.elapsed_micros / 1e3;
    if (n.runs == 0) {
      n.name = s.node_name;
      n.op = s.op;
      n.order = static_cast<int64_t>(i);
      n.start_ms = s.start_micros / 1e3;
      n.first_ms = ms;
      n.flops = NodeFlops(s);
    }
    n.total_ms += ms;
    ++n.runs;
  }
}

double NodeTable::EstimatedFlops() const {
  double f = 0;
  for (const auto& [name, n] : nodes_) f += n.flops;
  return f;
}

void NodeTable::Print(std::ostream& out, const TableOptions& o) const {
  std::vector<const Node*> nodes;
  double total = 0;
  for (const auto& [name, n] : nodes_) {
    nodes.push_back(&n);
    total += n.total_ms / runs_;
  }
  auto avg = [&](const Node* n) { return n->total_ms / runs_; };
  auto print = [&](const char* title, std::vector<const Node*> list,
                   int64_t limit) {
    out << "============================== " << title
        << " ==============================\n"
        << kHeader;
    double cdf = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      if (limit > 0 && static_cast<int64_t>(i) >= limit) break;
      const Node* n = list[i];
      const double pct = total > 0 ? 100 * avg(n) / total : 0;
      cdf += pct;
      out << Row(n->op.c_str(), n->start_ms, n->first_ms, avg(n), pct, cdf,
                 n->runs / runs_, n->name);
    }
    out << "\n";
  };
  if (o.run_order) {
    std::sort(nodes.begin(), nodes.end(),
              [](const Node* a, const Node* b) { return a->order < b->order; });
    print("Run Order", nodes, o.run_order_limit);
  }
  if (o.top_by_time) {
    std::vector<const Node*> by_time = nodes;
    std::stable_sort(
        by_time.begin(), by_time.end(),
        [&](const Node* a, const Node* b) { return avg(a) > avg(b); });
    print("Top by Computation Time", by_time, o.time_limit);
  }
  std::map<std::string, std::pair<double, int64_t>> by_type;
  for (const Node* n : nodes) {
    by_type[n->op].first += avg(n);
    by_type[n->op].second += 1;
  }
  std::vector<std::pair<std::string, std::pair<double, int64_t>>> types(
      by_type.begin(), by_type.end());
  std::sort(types.begin(), types.end(), [](const auto& a, const auto& b) {
    return a.second.first > b.second.first;
  });
  out << "============================== Summary by node type "
         "==============================\n"
      << "\t             [Node type]\t  [count]\t  [avg ms]\t    [avg %]\n";
  for (const auto& [type, v] : types) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "\t%24s\t%9lld\t%10.3f\t%10.3f%%\n",
                  type.c_str(), static_cast<long long>(v.second), v.first,
                  total > 0 ? 100 * v.first / total : 0);
    out << buf;
  }
  char buf[128];
  std::snprintf(buf, sizeof buf, "Timings (ms): total %.3f over %zu nodes\n",
                total, nodes.size());
  out << "\n" << buf;
}

}  // namespace tfpersist::cli
