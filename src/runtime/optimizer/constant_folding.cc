// Constant folding (cf. Grappler's constant folding): a node is foldable
// when it is stateless, not control flow or a ref producer, not preserved,
// has exactly one (non-list) output of a fixed-size dtype, and all its
// inputs (data and control) come from Consts without inputs or from other
// foldable nodes. All foldable nodes are evaluated in one run of a
// sub-session (the unoptimized runtime, one thread) and each is replaced
// by a Const of its value under its own name, so consumers, fetches and
// "^node" control edges see the same tensor as before. Values over
// kMaxFoldedBytes stay computed at run time (as Grappler's size limit).
// If evaluating fails (a kernel error), nothing is folded and the error
// surfaces from the real Run, naming the node.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "graph/op_registry.h"
#include "runtime/optimizer/graph_view.h"
#include "runtime/optimizer/passes.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist::optimizer {
namespace {

constexpr int64_t kMaxFoldedBytes = int64_t{10} << 20;

bool FoldableOp(const tensorflow::NodeDef& n) {
  if (n.op() == "Const" || n.input_size() == 0 || IsControlFlowOrRef(n.op())) {
    return false;
  }
  auto op = OpRegistry::Global()->LookUpOpDef(n.op());
  if (!op.ok()) return false;
  const tensorflow::OpDef& def = **op;
  if (def.is_stateful() || def.output_arg_size() != 1) return false;
  const auto& out = def.output_arg(0);
  if (!out.number_attr().empty() || !out.type_list_attr().empty() ||
      out.is_ref()) {
    return false;
  }
  for (const auto& in : def.input_arg()) {
    if (in.is_ref()) return false;
  }
  return true;
}

// Foldable nodes in graph order (inputs before consumers: graph order is
// not topological in general, so iterate to a fixed point).
std::vector<std::string> FindFoldable(const tensorflow::GraphDef& graph,
                                      const GraphView& view) {
  std::set<std::string> foldable;
  std::vector<std::string> order;
  bool changed = true;
  while (changed) {
    changed = false;
    for (const tensorflow::NodeDef& n : graph.node()) {
      if (foldable.count(n.name()) || view.preserved(n.name()) ||
          !FoldableOp(n)) {
        continue;
      }
      bool ok = true;
      for (const std::string& in : n.input()) {
        const tensorflow::NodeDef* p = view.node(ParseInput(in).node);
        const InputRef r = ParseInput(in);
        ok = ok && p != nullptr &&
             ((p->op() == "Const" && p->input_size() == 0 && !r.control &&
               !view.preserved(p->name())) ||
              foldable.count(p->name()) > 0 ||
              (r.control && p->op() == "Const" && !view.preserved(p->name())));
      }
      if (ok) {
        foldable.insert(n.name());
        order.push_back(n.name());
        changed = true;
      }
    }
  }
  return order;
}

// The sub-graph computing `nodes`: them and the Consts they read.
tensorflow::GraphDef SubGraph(const tensorflow::GraphDef& graph,
                              const GraphView& view,
                              const std::vector<std::string>& nodes) {
  std::set<std::string> keep(nodes.begin(), nodes.end());
  for (const std::string& name : nodes) {
    for (const std::string& in : view.node(name)->input()) {
      keep.insert(ParseInput(in).node);
    }
  }
  tensorflow::GraphDef sub;
  *sub.mutable_versions() = graph.versions();
  for (const tensorflow::NodeDef& n : graph.node()) {
    if (keep.count(n.name())) *sub.add_node() = n;
  }
  return sub;
}

}  // namespace

StatusOr<int> FoldConstants(tensorflow::GraphDef* graph,
                            const Preserve& preserve) {
  GraphView view(graph, preserve);
  const std::vector<std::string> nodes = FindFoldable(*graph, view);
  if (nodes.empty()) return 0;
  SessionOptions options;
  options.intra_op_threads = 1;
  options.enable_graph_optimization = false;
  auto session = Session::Create(SubGraph(*graph, view, nodes), options);
  if (!session.ok()) return 0;
  std::vector<std::string> fetches;
  for (const std::string& n : nodes) fetches.push_back(n + ":0");
  std::vector<Tensor> values;
  if (!(*session)->Run({}, fetches, {}, &values).ok()) return 0;
  int count = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Tensor& v = values[i];
    const int size = DataTypeSize(v.dtype());
    if (size <= 0 || v.NumElements() * size > kMaxFoldedBytes) continue;
    tensorflow::NodeDef* n = view.node(nodes[i]);
    tensorflow::NodeDef c = MakeConst(n->name(), v);
    c.set_device(n->device());
    *n = std::move(c);
    ++count;
  }
  return count;
}

}  // namespace tfpersist::optimizer
