// summarize_graph in the format of TF's graph_transforms/summarize_graph.
#include "tfpersist/tools/summarize_graph.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <queue>
#include <set>

#include "core/tensor_proto.h"
#include "graph/op_registry.h"
#include "runtime/kernel_registry.h"

namespace tfpersist {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;

std::string BareName(const std::string& input) {
  std::string s = input.starts_with("^") ? input.substr(1) : input;
  return s.substr(0, s.find(':'));
}

PartialTensorShape ShapeAttr(const NodeDef& node, bool* has) {
  auto it = node.attr().find("shape");
  *has = it != node.attr().end();
  if (!*has) return PartialTensorShape();
  auto shape = PartialTensorShapeFromProto(it->second.shape());
  return shape.ok() ? *shape : PartialTensorShape();
}

int DtypeAttr(const NodeDef& node) {
  auto it = node.attr().find("dtype");
  return it == node.attr().end() ? 0 : it->second.type();
}

// "(name=x, type=float(1), shape=[?,784]) ".
std::string NodeInfo(const NodeDef& node) {
  bool has_shape = false;
  PartialTensorShape shape = ShapeAttr(node, &has_shape);
  const int dtype = DtypeAttr(node);
  return StrCat("(name=", node.name(),
                ", type=", DataTypeString(static_cast<DataType>(dtype)), "(",
                dtype, "), shape=", has_shape ? shape.DebugString() : "None",
                ") ");
}

std::string NodeList(const std::string& what,
                     const std::vector<const NodeDef*>& nodes, bool with_info) {
  if (nodes.empty()) return StrCat("No ", what, " spotted.\n");
  std::string out = StrCat("Found ", nodes.size(), " possible ", what, ": ");
  if (what == "variables") out = StrCat("Found ", nodes.size(), " variables: ");
  for (const NodeDef* n : nodes) {
    out += with_info ? NodeInfo(*n)
                     : StrCat("(name=", n->name(), ", op=", n->op(), ") ");
  }
  return out + "\n";
}

std::vector<const NodeDef*> LikelyOutputs(const GraphDef& g) {
  std::set<std::string> consumed;
  for (const NodeDef& n : g.node()) {
    for (const std::string& in : n.input()) consumed.insert(BareName(in));
  }
  static const std::set<std::string> kUnlikely = {"Const", "Assign", "NoOp",
                                                  "Placeholder"};
  std::vector<const NodeDef*> outputs;
  for (const NodeDef& n : g.node()) {
    if (!consumed.contains(n.name()) && !kUnlikely.contains(n.op())) {
      outputs.push_back(&n);
    }
  }
  return outputs;
}

struct Counts {
  int64_t const_params = 0, const_bytes = 0, var_params = 0, var_bytes = 0;
  int control_edges = 0;
  std::map<std::string, int> devices;
};

Counts CountParameters(const GraphDef& g) {
  Counts c;
  for (const NodeDef& n : g.node()) {
    for (const std::string& in : n.input())
      c.control_edges += in.starts_with("^");
    if (!n.device().empty()) ++c.devices[n.device()];
    if (n.op() == "Const" && n.attr().contains("value")) {
      auto t = TensorFromProto(n.attr().at("value").tensor());
      if (!t.ok()) continue;
      c.const_params += t->NumElements();
      c.const_bytes += static_cast<int64_t>(t->TotalBytes());
    }
    bool has_shape = false;
    PartialTensorShape shape = ShapeAttr(n, &has_shape);
    if ((n.op() == "VariableV2" || n.op() == "Variable" ||
         n.op() == "VarHandleOp") &&
        shape.IsFullyDefined()) {
      const int64_t num = shape.AsTensorShape().num_elements();
      c.var_params += num;
      c.var_bytes += num * DataTypeSize(static_cast<DataType>(DtypeAttr(n)));
    }
  }
  return c;
}

std::string CountLines(const Counts& c) {
  std::string out =
      StrCat("Found ", c.const_params, " (", HumanReadableNum(c.const_params),
             ") const parameters, ", c.var_params, " (",
             HumanReadableNum(c.var_params), ") variable parameters, and ",
             c.control_edges, " control_edges\n");
  out += StrCat("Parameter bytes: ", c.const_bytes, " (",
                HumanReadableBytes(static_cast<double>(c.const_bytes)),
                ") const, ", c.var_bytes, " (",
                HumanReadableBytes(static_cast<double>(c.var_bytes)),
                ") variable\n");
  for (const auto& [device, n] : c.devices) {
    out += StrCat(n, " nodes assigned to device '", device, "'\n");
  }
  return out;
}

std::string OpHistogram(const GraphDef& g) {
  std::map<std::string, int> counts;
  for (const NodeDef& n : g.node()) ++counts[n.op()];
  for (const auto& f : g.library().function()) {
    for (const NodeDef& n : f.node_def()) ++counts[n.op()];
  }
  std::vector<std::pair<std::string, int>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second > b.second;
  });
  std::vector<std::string> parts;
  for (const auto& [op, n] : v) parts.push_back(StrCat(n, " ", op));
  return StrCat("Op types used: ", StrJoin(parts, ", "), "\n");
}

// "Op types without a kernel: 2 IteratorGetNext, ..." (nodes that import but
// cannot run) and "Op types not registered: ..." (the graph does not import
// without their OpDefs), or "Every op type has a kernel".
std::string KernelCoverage(const GraphDef& g) {
  std::map<std::string, int> no_kernel, unknown;
  for (const NodeDef& n : g.node()) {
    if (!OpRegistry::Global()->LookUp(n.op()).ok()) {
      ++unknown[n.op()];
    } else if (!KernelRegistry::Global()->HasKernel(n.op())) {
      ++no_kernel[n.op()];
    }
  }
  auto list = [](const std::map<std::string, int>& m) {
    std::vector<std::string> parts;
    for (const auto& [op, n] : m) parts.push_back(StrCat(n, " ", op));
    return StrJoin(parts, ", ");
  };
  std::string out;
  if (!no_kernel.empty()) {
    out += StrCat(
        "Op types without a kernel (they import; a run that needs "
        "them fails): ",
        list(no_kernel), "\n");
  }
  if (!unknown.empty()) {
    out += StrCat("Op types not registered (import needs their OpDefs): ",
                  list(unknown), "\n");
  }
  return out.empty() ? "Every op type has a kernel\n" : out;
}

std::string RunUsage(const std::vector<const NodeDef*>& inputs,
                     const std::vector<const NodeDef*>& outputs,
                     const std::string& path) {
  std::string out =
      StrCat("To run it with tfpersist try:\ntfpersist run ", path);
  for (const NodeDef* n : inputs)
    out += StrCat(" --input ", n->name(), ":0=", "<file.npy>");
  for (const NodeDef* n : outputs) out += StrCat(" --output ", n->name(), ":0");
  return out + "\n";
}

// Execution order (inputs first, ties in GraphDef order); nodes on cycles
// or behind unknown inputs follow at the end in GraphDef order.
std::string Structure(const GraphDef& g) {
  std::map<std::string, int> index;
  for (int i = 0; i < g.node_size(); ++i) index[g.node(i).name()] = i;
  std::vector<int> pending(g.node_size(), 0);
  std::vector<std::vector<int>> consumers(g.node_size());
  for (int i = 0; i < g.node_size(); ++i) {
    for (const std::string& in : g.node(i).input()) {
      auto it = index.find(BareName(in));
      if (it == index.end()) continue;
      ++pending[i];
      consumers[it->second].push_back(i);
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<>> ready;
  for (int i = 0; i < g.node_size(); ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<int> order;
  std::vector<bool> done(g.node_size(), false);
  while (!ready.empty()) {
    const int i = ready.top();
    ready.pop();
    order.push_back(i);
    done[i] = true;
    for (int c : consumers[i])
      if (--pending[c] == 0) ready.push(c);
  }
  for (int i = 0; i < g.node_size(); ++i)
    if (!done[i]) order.push_back(i);
  std::string out;
  for (int i : order) {
    const NodeDef& n = g.node(i);
    out +=
        StrCat(n.name(), " (", n.op(), "): [", StrJoin(n.input(), ", "), "]");
    if (n.op() == "Const" && n.attr().contains("value")) {
      auto t = TensorFromProto(n.attr().at("value").tensor());
      if (t.ok()) out += StrCat(", value=", t->DebugString());
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::vector<std::string> LikelyOutputNodes(const GraphDef& graph_def) {
  std::vector<std::string> names;
  for (const NodeDef* n : LikelyOutputs(graph_def)) names.push_back(n->name());
  return names;
}

std::string HumanReadableNum(int64_t value) {
  std::string sign = value < 0 ? "-" : "";
  if (value < 0) value = -value;
  char buf[64];
  if (value < 1000) {
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(value));
  } else if (value >= 1000000000000000LL) {
    std::snprintf(buf, sizeof(buf), "%0.3G", static_cast<double>(value));
  } else {
    const char* unit = "kMBT";
    while (value >= 1000000) {
      value /= 1000;
      ++unit;
    }
    std::snprintf(buf, sizeof(buf), "%.2f%c", value / 1000.0, *unit);
  }
  return sign + buf;
}

StatusOr<std::string> SummarizeGraph(const GraphDef& graph_def,
                                     const std::string& graph_path,
                                     bool print_structure) {
  std::vector<const NodeDef*> placeholders, variables;
  for (const NodeDef& n : graph_def.node()) {
    if (n.op() == "Placeholder") placeholders.push_back(&n);
    if (n.op() == "Variable" || n.op() == "VariableV2") variables.push_back(&n);
  }
  const std::vector<const NodeDef*> outputs = LikelyOutputs(graph_def);
  std::string out = NodeList("inputs", placeholders, true) +
                    NodeList("variables", variables, true) +
                    NodeList("outputs", outputs, false) +
                    CountLines(CountParameters(graph_def));
  std::set<std::string> names;
  for (const NodeDef& n : graph_def.node()) names.insert(n.name());
  std::vector<std::string> invalid;
  for (const NodeDef& n : graph_def.node()) {
    for (const std::string& in : n.input()) {
      if (!names.contains(BareName(in))) {
        invalid.push_back(StrCat("Invalid input ", in, " for node ", n.name()));
      }
    }
  }
  if (!invalid.empty()) {
    return errors::Internal(
        "Invalid graph with inputs referring to nonexistent nodes: ",
        StrJoin(invalid, "; "));
  }
  out += OpHistogram(graph_def) + KernelCoverage(graph_def) +
         RunUsage(placeholders, outputs, graph_path);
  if (print_structure) out += Structure(graph_def);
  return out;
}

}  // namespace tfpersist
