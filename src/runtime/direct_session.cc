#include "runtime/direct_session.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "runtime/allocation_budget.h"
#include "runtime/executor.h"
#include "runtime/kernel_registry.h"
#include "runtime/optimizer/graph_optimizer.h"
#include "tfpersist/core/memory_limits.h"
#include "tfpersist/graph/function.h"

namespace tfpersist {

StatusOr<std::unique_ptr<Session>> Session::Create(
    const tensorflow::GraphDef& graph, const SessionOptions& options) {
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<DirectSession> session,
                       DirectSession::Create(graph, options));
  return std::unique_ptr<Session>(std::move(session));
}

DirectSession::DirectSession(const SessionOptions& options)
    : options_(options),
      env_(options.env != nullptr ? options.env : Env::Default()),
      device_(
          std::make_unique<CpuDevice>(options.intra_op_parallelism_threads > 0
                                          ? options.intra_op_parallelism_threads
                                          : options.intra_op_threads)) {}

StatusOr<std::unique_ptr<DirectSession>> DirectSession::Create(
    const tensorflow::GraphDef& graph, const SessionOptions& options) {
  std::unique_ptr<DirectSession> session(new DirectSession(options));
  TFP_RETURN_IF_ERROR(session->SetGraph(graph));
  return session;
}

namespace {

bool NeedsFunctionRewrite(const tensorflow::GraphDef& graph_def) {
  if (graph_def.library().function_size() > 0) return true;
  for (const auto& node : graph_def.node()) {
    if (IsFunctionalControlFlow(node.op())) return true;
  }
  return false;
}

}  // namespace

// REQUIRES: graph_mu_ held exclusively (or construction).
// A graph with functions runs flat: calls inlined and If/While/Case lowered
// to Switch/Merge/Enter/Exit (function.h) before the executor sees it;
// graph_def() stays the given graph.
Status DirectSession::SetGraph(const tensorflow::GraphDef& graph_def) {
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<Graph> graph,
                       Graph::FromGraphDef(graph_def, &options_.extra_ops));
  graph_def_ = graph->ToGraphDef();
  if (NeedsFunctionRewrite(graph_def)) {
    FunctionLibraryDefinition lib(graph_def.library(), &options_.extra_ops);
    TFP_RETURN_IF_ERROR(lib.Validate());
    tensorflow::GraphDef flat = graph_def;
    TFP_RETURN_IF_ERROR(LowerAndInline(lib, &flat));
    TFP_ASSIGN_OR_RETURN(graph, Graph::FromGraphDef(flat, &options_.extra_ops));
  }
  graph_ = std::move(graph);
  std::lock_guard<std::mutex> lock(cache_mu_);
  plans_.clear();  // they point into the old Graph
  return OkStatus();
}

Status DirectSession::Extend(const tensorflow::GraphDef& graph) {
  std::unique_lock<std::shared_mutex> lock(graph_mu_);
  if (closed_) return errors::Cancelled("Session has been closed.");
  tensorflow::GraphDef merged = graph_def_;
  std::set<std::string> added;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (graph_->FindNode(node.name()) != nullptr ||
        !added.insert(node.name()).second) {
      return errors::AlreadyExists("Extend: node '", node.name(),
                                   "' already exists in the graph");
    }
    *merged.add_node() = node;
  }
  if (merged.node_size() == graph.node_size() && graph.has_versions()) {
    *merged.mutable_versions() = graph.versions();
  }
  for (const auto& f : graph.library().function()) {
    *merged.mutable_library()->add_function() = f;
  }
  return SetGraph(merged);
}

Status DirectSession::Close() {
  std::unique_lock<std::shared_mutex> lock(graph_mu_);
  closed_ = true;
  resources_.Clear();
  std::lock_guard<std::mutex> cache_lock(cache_mu_);
  plans_.clear();
  kernels_.clear();
  return OkStatus();
}

StatusOr<std::shared_ptr<const ExecPlan>> DirectSession::GetPlan(
    const std::vector<std::string>& feeds,
    const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets) {
  std::string key;
  for (const auto* list : {&feeds, &fetches, &targets}) {
    for (const std::string& s : *list) key += s + '\x01';
    key += '\x02';
  }
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = plans_.find(key);
    if (it != plans_.end()) return it->second;
  }
  std::shared_ptr<const ExecPlan> plan =
      BuildOptimizedPlan(feeds, fetches, targets);
  if (plan == nullptr) {
    TFP_ASSIGN_OR_RETURN(std::unique_ptr<ExecPlan> built,
                         ExecPlan::Build(*graph_, feeds, fetches, targets));
    plan = std::move(built);
  }
  TFP_RETURN_IF_ERROR(PrepareKernels(*plan));
  std::lock_guard<std::mutex> lock(cache_mu_);
  return plans_.emplace(key, plan).first->second;
}

// An optimized signature's graph may give a name another op (a fused node
// takes its pattern's last name), so kernels are keyed by name, op and
// inputs.
std::shared_ptr<const ExecPlan> DirectSession::BuildOptimizedPlan(
    const std::vector<std::string>& feeds,
    const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets) {
  if (!options_.enable_graph_optimization) return nullptr;
  GraphOptimizerOptions opt;
  // Constant folding would move allocations out of the run (its byte caps,
  // docs/errors.md count run-time allocations): off in sessions for now.
  opt.constant_folding = false;
  for (const auto* list : {&feeds, &fetches, &targets}) {
    for (const std::string& name : *list) {
      std::string node = name;
      const size_t colon = node.rfind(':');
      if (colon != std::string::npos) node.resize(colon);
      opt.preserve.insert(node);
    }
  }
  // After function inlining / lowering (SetGraph): the graph that runs.
  auto optimized = OptimizeGraph(graph_->ToGraphDef(), opt);
  StatusOr<std::unique_ptr<Graph>> graph = optimized.status();
  if (optimized.ok())
    graph = Graph::FromGraphDef(*optimized, &options_.extra_ops);
  StatusOr<std::unique_ptr<ExecPlan>> plan = graph.status();
  if (graph.ok()) plan = ExecPlan::Build(**graph, feeds, fetches, targets);
  if (std::getenv("TFP_LOG_GRAPH_OPTIMIZER") != nullptr) {
    std::cerr << "graph optimizer: " << graph_->num_nodes() << " nodes -> "
              << (optimized.ok() ? optimized->node_size() : -1) << ": "
              << plan.status().ToString() << "\n";
  }
  if (!plan.ok()) return nullptr;
  // The plan points into its graph: one allocation owns both.
  struct Owned {
    std::unique_ptr<Graph> graph;
    std::unique_ptr<ExecPlan> plan;
  };
  auto owned =
      std::make_shared<Owned>(Owned{std::move(*graph), std::move(*plan)});
  return std::shared_ptr<const ExecPlan>(owned, owned->plan.get());
}

namespace {

// UNIMPLEMENTED listing every op type of `items` without a kernel and up to
// three of the nodes using each, or OK.
Status CheckKernelsExist(const std::vector<ExecPlan::Item>& items) {
  std::map<std::string, std::vector<std::string>> missing;
  std::vector<std::string> order;  // op types in order of first use
  for (const ExecPlan::Item& item : items) {
    const std::string& op = item.node->op();
    if (KernelRegistry::Global()->HasKernel(op)) continue;
    auto [it, inserted] = missing.try_emplace(op);
    if (inserted) order.push_back(op);
    it->second.push_back(item.node->name());
  }
  if (missing.empty()) return OkStatus();
  std::vector<std::string> parts;
  for (const std::string& op : order) {
    const std::vector<std::string>& nodes = missing[op];
    std::vector<std::string> quoted;
    for (size_t i = 0; i < nodes.size() && i < 3; ++i) {
      quoted.push_back(StrCat("'", nodes[i], "'"));
    }
    std::string more =
        nodes.size() > 3 ? StrCat(" and ", nodes.size() - 3, " more") : "";
    parts.push_back(StrCat("op '", op, "' (node", nodes.size() > 1 ? "s " : " ",
                           StrJoin(quoted, ", "), more, ")"));
  }
  return errors::Unimplemented(
      "No kernel registered for ", StrJoin(parts, ", "),
      order.size() > 1 ? StrCat(" (", order.size(), " op types)") : "",
      ", needed by this run; nothing was run ('tfpersist ops' lists the ops "
      "that have kernels)");
}

}  // namespace

// Creates the kernel of every item before anything runs (as TF does), so a
// run that cannot complete fails up front.
Status DirectSession::PrepareKernels(const ExecPlan& plan) {
  TFP_RETURN_IF_ERROR(CheckKernelsExist(plan.items()));
  for (const ExecPlan::Item& item : plan.items()) {
    TFP_RETURN_IF_ERROR(GetKernel(*item.node).status());
  }
  return OkStatus();
}

StatusOr<OpKernel*> DirectSession::GetKernel(const Node& node) {
  std::string key = node.name() + '\x01' + node.def().op();
  for (const std::string& in : node.def().input()) key += '\x01' + in;
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = kernels_.find(key);
  if (it == kernels_.end()) {
    it = kernels_
             .emplace(key, KernelRegistry::Global()->CreateKernel(
                               node.def(), node.op_def(), env_))
             .first;
  }
  if (!it->second.ok()) return it->second.status();
  return it->second->get();
}

Status DirectSession::Run(
    const std::vector<std::pair<std::string, Tensor>>& feeds,
    const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets, std::vector<Tensor>* outputs) {
  return RunWithMetadata(feeds, fetches, targets, outputs, nullptr);
}

Status DirectSession::RunWithMetadata(
    const std::vector<std::pair<std::string, Tensor>>& feeds,
    const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets, std::vector<Tensor>* outputs,
    RunMetadata* metadata) {
  std::shared_lock<std::shared_mutex> lock(graph_mu_);
  if (closed_) return errors::Cancelled("Session has been closed.");
  if (outputs == nullptr && !fetches.empty()) {
    return errors::InvalidArgument("Run: outputs is null but ", fetches.size(),
                                   " fetches were given");
  }
  std::vector<std::string> feed_names;
  std::vector<Tensor> feed_values;
  for (const auto& [name, value] : feeds) {
    feed_names.push_back(name);
    feed_values.push_back(value);
  }
  TFP_ASSIGN_OR_RETURN(std::shared_ptr<const ExecPlan> plan,
                       GetPlan(feed_names, fetches, targets));
  for (size_t i = 0; i < feed_values.size(); ++i) {
    TFP_RETURN_IF_ERROR(plan->CheckFeed(static_cast<int>(i), feed_values[i]));
  }
  ExecutorParams params;
  params.env = env_;
  params.resource_manager = &resources_;
  params.eigen_device = device_->eigen_device();
  params.get_kernel = [this](const Node& n) { return GetKernel(n); };
  if (metadata != nullptr) {
    metadata->step_stats.clear();
    params.stats = &metadata->step_stats;
  }
  // Byte caps of this run (docs/errors.md); the executor runs every kernel
  // on this thread.
  AllocationBudget budget(MaxKernelOutputBytes(), MaxRunBytes());
  ScopedAllocationBudget install(&budget);
  std::vector<Tensor> fetched;
  TFP_RETURN_IF_ERROR(ExecutePlan(*plan, params, feed_values, &fetched));
  if (outputs != nullptr) *outputs = std::move(fetched);
  return OkStatus();
}

}  // namespace tfpersist
