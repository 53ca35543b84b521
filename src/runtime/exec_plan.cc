#include "runtime/exec_plan.h"

#include <deque>
#include <set>

#include "graph/node_def_util.h"

namespace tfpersist {
namespace {

bool IsPlaceholder(const Node& n) {
  return n.op() == "Placeholder" || n.op() == "PlaceholderV2" ||
         n.op() == "PlaceholderWithDefault";
}

// The shape a fed placeholder must have; nullopt = any. For GraphDef
// producers < 22 a Placeholder "shape" with no dims meant "unknown". A fed
// PlaceholderWithDefault is not checked, as in TF's C++ runtime (its shape
// only describes the default; TF2 SavedModels such as TF Serving's
// half_plus_two declare [1] and are fed longer vectors).
std::optional<PartialTensorShape> PlaceholderShape(const Graph& graph,
                                                   const Node& n) {
  if (!IsPlaceholder(n) || !HasAttr(n.def(), "shape")) return std::nullopt;
  if (n.op() == "PlaceholderWithDefault") return std::nullopt;
  auto shape = GetShapeAttr(n.def(), "shape");
  if (!shape.ok() || shape->unknown_rank()) return std::nullopt;
  if (shape->dims() == 0 &&
      graph.versions().producer() < 22) {
    return std::nullopt;
  }
  return *shape;
}

ExecPlan::Kind KindOf(const Node& n) {
  using Kind = ExecPlan::Kind;
  const std::string& op = n.op();
  if (op == "Switch" || op == "RefSwitch") return Kind::kSwitch;
  if (op == "Merge" || op == "RefMerge") return Kind::kMerge;
  if (op == "ControlTrigger") return Kind::kControlTrigger;
  if (op == "Enter" || op == "RefEnter") return Kind::kEnter;
  if (op == "Exit" || op == "RefExit") return Kind::kExit;
  if (op == "NextIteration" || op == "RefNextIteration") {
    return Kind::kNextIteration;
  }
  return Kind::kNormal;
}

// Fills an item's kind and, for Enter, its frame attrs.
ExecPlan::Item MakeItem(const Node* n) {
  ExecPlan::Item item;
  item.node = n;
  item.kind = KindOf(*n);
  item.num_control = static_cast<int>(n->control_inputs().size());
  if (item.kind == ExecPlan::Kind::kEnter) {
    auto frame = GetStringAttr(n->def(), "frame_name");
    item.frame_name = frame.ok() ? *frame : "";
    auto constant = GetBoolAttr(n->def(), "is_constant");
    item.is_constant = constant.ok() && *constant;
  }
  return item;
}

}  // namespace

StatusOr<std::unique_ptr<ExecPlan>> ExecPlan::Build(
    const Graph& graph, const std::vector<std::string>& feeds,
    const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets) {
  auto plan = std::unique_ptr<ExecPlan>(new ExecPlan);
  TFP_RETURN_IF_ERROR(plan->ParseFeeds(graph, feeds));
  TFP_RETURN_IF_ERROR(plan->ParseFetches(graph, fetches));
  std::vector<const Node*> roots;
  TFP_RETURN_IF_ERROR(plan->ParseTargets(graph, targets, &roots));
  plan->BuildItems(graph, plan->Prune(graph, roots));
  TFP_RETURN_IF_ERROR(plan->CheckAcyclic());
  plan->FindLoopExits();
  return plan;
}

Status ExecPlan::ParseFeeds(const Graph& graph,
                            const std::vector<std::string>& feeds) {
  std::set<TensorId> seen;
  for (const std::string& name : feeds) {
    TFP_ASSIGN_OR_RETURN(TensorId id, ParseTensorName(name));
    const Node* n = id.is_control() ? nullptr : graph.FindNode(id.node);
    if (n == nullptr) {
      return errors::InvalidArgument("FeedInputs: unable to find feed output ",
                                     name);
    }
    if (id.index >= n->num_outputs()) {
      return errors::InvalidArgument("FeedInputs ", name,
                                     ": output index too large, must be < ",
                                     n->num_outputs());
    }
    if (!seen.insert(id).second) {
      return errors::InvalidArgument("Endpoint ", id.ToString(),
                                     " fed more than once.");
    }
    feeds_.push_back({id, name, BaseType(n->output_types()[id.index]),
                      PlaceholderShape(graph, *n)});
  }
  return OkStatus();
}

Status ExecPlan::ParseFetches(const Graph& graph,
                              const std::vector<std::string>& fetches) {
  for (const std::string& name : fetches) {
    auto id = ParseTensorName(name);
    const Node* n = nullptr;
    if (id.ok() && !id->is_control()) n = graph.FindNode(id->node);
    if (n == nullptr) {
      return errors::NotFound("FetchOutputs node ", name, ": not found");
    }
    if (id->index >= n->num_outputs()) {
      return errors::InvalidArgument("FetchOutputs ", name,
                                     ": output index too large, must be < ",
                                     n->num_outputs());
    }
    fetch_names_.push_back(name);
    fetch_ids_.push_back(*id);
  }
  return OkStatus();
}

Status ExecPlan::ParseTargets(const Graph& graph,
                              const std::vector<std::string>& targets,
                              std::vector<const Node*>* roots) const {
  for (const std::string& name : targets) {
    auto id = ParseTensorName(name);
    const Node* n = id.ok() ? graph.FindNode(id->node) : nullptr;
    if (n == nullptr) {
      return errors::NotFound("PruneForTargets: Some target nodes not found: ",
                              name);
    }
    roots->push_back(n);
  }
  for (const TensorId& id : fetch_ids_) {
    if (FeedIndex(id.node, id.index) < 0)
      roots->push_back(graph.FindNode(id.node));
  }
  return OkStatus();
}

int ExecPlan::FeedIndex(const std::string& node, int output) const {
  for (size_t i = 0; i < feeds_.size(); ++i) {
    if (feeds_[i].id.index == output && feeds_[i].id.node == node) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<int> ExecPlan::Prune(const Graph& graph,
                                 const std::vector<const Node*>& roots) const {
  std::vector<bool> needed(graph.num_nodes(), false);
  std::deque<const Node*> queue;
  auto visit = [&](const Node* n) {
    if (!needed[n->id()]) {
      needed[n->id()] = true;
      queue.push_back(n);
    }
  };
  for (const Node* n : roots) visit(n);
  while (!queue.empty()) {
    const Node* n = queue.front();
    queue.pop_front();
    for (const Output& in : n->inputs()) {
      if (FeedIndex(in.node->name(), in.index) < 0) visit(in.node);
    }
    for (const Node* c : n->control_inputs()) visit(c);
  }
  std::vector<int> ids;
  for (const Node* n : graph.nodes()) {
    if (needed[n->id()]) ids.push_back(n->id());
  }
  return ids;
}

void ExecPlan::BuildItems(const Graph& graph, const std::vector<int>& ids) {
  item_of_node_.assign(graph.num_nodes(), -1);
  for (int id : ids) {
    item_of_node_[id] = static_cast<int>(items_.size());
    const Node* n = graph.nodes()[id];
    items_.push_back(MakeItem(n));
  }
  for (int i = 0; i < static_cast<int>(items_.size()); ++i) {
    Item& item = items_[i];
    const Node* n = item.node;
    for (int k = 0; k < n->num_inputs(); ++k) {
      const Output& in = n->input(k);
      int feed = FeedIndex(in.node->name(), in.index);
      item.fed_inputs.push_back(feed);
      if (feed >= 0) continue;
      items_[item_of_node_[in.node->id()]].out_edges.push_back(
          {in.index, i, k});
      ++item.num_pending;
    }
    for (const Node* c : n->control_inputs()) {
      items_[item_of_node_[c->id()]].out_edges.push_back({-1, i, -1});
      ++item.num_pending;
    }
    if (item.num_pending == 0) initial_ready_.push_back(i);
  }
  for (const TensorId& id : fetch_ids_) {
    int feed = FeedIndex(id.node, id.index);
    int item = feed >= 0 ? -1 : item_of_node_[graph.FindNode(id.node)->id()];
    fetches_.push_back({item, id.index, feed});
  }
}

// Kahn's algorithm without the loop back edges (out of NextIteration), which
// TF graphs may have; any other cycle is an error.
Status ExecPlan::CheckAcyclic() const {
  std::vector<int> pending(items_.size());
  for (size_t i = 0; i < items_.size(); ++i) pending[i] = items_[i].num_pending;
  for (const Item& item : items_) {
    if (item.kind != Kind::kNextIteration) continue;
    for (const Edge& e : item.out_edges) --pending[e.dst];
  }
  std::deque<int> ready;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (pending[i] == 0) ready.push_back(static_cast<int>(i));
  }
  size_t done = 0;
  while (!ready.empty()) {
    int i = ready.front();
    ready.pop_front();
    ++done;
    if (items_[i].kind == Kind::kNextIteration) continue;
    for (const Edge& e : items_[i].out_edges) {
      if (--pending[e.dst] == 0) ready.push_back(e.dst);
    }
  }
  if (done == items_.size()) return OkStatus();
  for (size_t i = 0; i < items_.size(); ++i) {
    if (pending[i] > 0) {
      return errors::InvalidArgument("Graph has a cycle through node '",
                                     items_[i].node->name(), "'");
    }
  }
  return OkStatus();
}

void ExecPlan::FindLoopExits() {
  // Forward from the sources: Enter switches to its child frame, Exit back
  // to the parent; loop back edges (out of NextIteration) are skipped.
  std::vector<std::string> frame(items_.size());
  std::vector<bool> seen(items_.size(), false);
  std::map<std::string, std::string> parent;
  std::deque<int> queue(initial_ready_.begin(), initial_ready_.end());
  for (int i : initial_ready_) seen[i] = true;
  while (!queue.empty()) {
    const int i = queue.front();
    queue.pop_front();
    const Item& item = items_[i];
    if (item.kind == Kind::kNextIteration) continue;
    if (item.kind == Kind::kExit) exits_by_frame_[frame[i]].push_back(i);
    std::string out = frame[i];
    if (item.kind == Kind::kEnter) {
      parent.emplace(item.frame_name, frame[i]);
      out = item.frame_name;
    } else if (item.kind == Kind::kExit) {
      out = parent[frame[i]];
    }
    for (const Edge& e : item.out_edges) {
      if (seen[e.dst]) continue;
      seen[e.dst] = true;
      frame[e.dst] = out;
      queue.push_back(e.dst);
    }
  }
}

Status ExecPlan::CheckFeed(int i, const Tensor& value) const {
  const FeedSpec& f = feeds_[i];
  if (value.dtype() != f.dtype) {
    return errors::InvalidArgument(
        "Cannot feed value of dtype ", DataTypeString(value.dtype()),
        " for tensor '", f.id.ToString(), "', which has dtype ",
        DataTypeString(f.dtype));
  }
  if (f.shape.has_value() && !f.shape->IsCompatibleWith(value.shape())) {
    return errors::InvalidArgument("Cannot feed value of shape ",
                                   value.shape().DebugString(), " for tensor '",
                                   f.id.ToString(), "', which has shape ",
                                   f.shape->DebugString());
  }
  return OkStatus();
}

}  // namespace tfpersist
