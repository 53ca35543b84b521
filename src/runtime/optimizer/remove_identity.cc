// Identity / NoOp removal (cf. Grappler's dependency optimizer).
//  * An Identity with no control inputs whose producer is an ordinary op
//    (not control flow, not a variable or other ref producer: those give
//    an Identity meaning, a snapshot or a branch pivot) is bypassed: its
//    consumers read the producer directly ("^id" becomes "^producer").
//  * A NoOp whose control inputs and consumers are ordinary ops is
//    bypassed: each "^noop" becomes the NoOp's own control inputs.
// Preserved nodes are kept. The values every remaining node sees are
// unchanged, so results are bit-for-bit the same.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/optimizer/graph_view.h"
#include "runtime/optimizer/passes.h"

namespace tfpersist::optimizer {
namespace {

bool RemoveIdentity(GraphView* view, const tensorflow::NodeDef& n) {
  if (n.input_size() != 1) return false;
  const InputRef in = ParseInput(n.input(0));
  const tensorflow::NodeDef* p = view->node(in.node);
  if (in.control || p == nullptr || IsControlFlowOrRef(p->op())) return false;
  // "^id" would become "^producer": not when the producer may be fed (a
  // control edge makes a fed placeholder run and fail).
  if (!view->control_consumers(n.name()).empty() &&
      (p->op().rfind("Placeholder", 0) == 0 || view->preserved(p->name()))) {
    return false;
  }
  for (const std::string& c : view->control_consumers(n.name())) {
    if (IsControlFlowOrRef(view->node(c)->op())) return false;
  }
  for (const std::string& c : view->data_consumers(n.name(), 0)) {
    if (IsControlFlowOrRef(view->node(c)->op())) return false;
  }
  view->Rewire(n.name(), 0, InputString(in.node, in.port));
  view->Remove(n.name());
  return true;
}

bool RemoveNoOp(GraphView* view, const tensorflow::NodeDef& n) {
  std::vector<std::string> sources;
  for (const std::string& s : n.input()) {
    const InputRef r = ParseInput(s);
    const tensorflow::NodeDef* p = view->node(r.node);
    if (!r.control || p == nullptr || IsControlFlowOrRef(p->op())) {
      return false;
    }
    sources.push_back(r.node);
  }
  const std::vector<std::string> consumers = view->control_consumers(n.name());
  if (consumers.size() * std::max<size_t>(sources.size(), 1) > 64) {
    return false;  // would multiply edges (Grappler's limit is similar)
  }
  for (const std::string& c : consumers) {
    if (IsControlFlowOrRef(view->node(c)->op())) return false;
  }
  for (const std::string& c : consumers) {
    tensorflow::NodeDef* consumer = view->node(c);
    auto* inputs = consumer->mutable_input();
    for (int i = inputs->size() - 1; i >= 0; --i) {
      if ((*inputs)[i] == "^" + n.name()) inputs->DeleteSubrange(i, 1);
    }
    for (const std::string& s : sources) {
      const std::string ctl = "^" + s;
      if (std::find(inputs->begin(), inputs->end(), ctl) == inputs->end()) {
        consumer->add_input(ctl);
      }
    }
  }
  view->Remove(n.name());
  return true;
}

}  // namespace

StatusOr<int> RemoveIdentityAndNoOp(tensorflow::GraphDef* graph,
                                    const Preserve& preserve) {
  GraphView view(graph, preserve);
  int count = 0;
  for (int i = 0; i < graph->node_size(); ++i) {
    const tensorflow::NodeDef& n = graph->node(i);
    if (view.preserved(n.name())) continue;
    if (n.op() == "Identity" && RemoveIdentity(&view, n)) ++count;
    if (n.op() == "NoOp" && RemoveNoOp(&view, n)) ++count;
  }
  view.Commit();
  return count;
}

int RemoveDeadConsts(tensorflow::GraphDef* graph, const Preserve& preserve) {
  GraphView view(graph, preserve);
  int count = 0;
  for (const tensorflow::NodeDef& n : graph->node()) {
    if (n.op() != "Const" || view.preserved(n.name())) continue;
    if (view.num_data_consumers(n.name()) == 0 &&
        view.control_consumers(n.name()).empty()) {
      view.Remove(n.name());
      ++count;
    }
  }
  view.Commit();
  return count;
}

}  // namespace tfpersist::optimizer
