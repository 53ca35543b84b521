// DirectSession: the in-process Session (TF's DirectSession, reduced to one
// CPU device). Owns the Graph, the variables (ResourceMgr), one kernel per
// node (created on first use, cached with its creation error) and one
// ExecPlan per distinct (feeds, fetches, targets) signature. A new
// signature creates the kernels of all its nodes before anything runs.
//
// Thread-safety: Run may be called concurrently (it holds a shared lock on
// the graph); Extend and Close take it exclusively.
#ifndef TFPERSIST_RUNTIME_DIRECT_SESSION_H_
#define TFPERSIST_RUNTIME_DIRECT_SESSION_H_

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "runtime/cpu_device.h"
#include "runtime/exec_plan.h"
#include "runtime/op_kernel.h"
#include "runtime/resource_mgr.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {

class DirectSession : public Session {
 public:
  // Validates `graph` (Graph::FromGraphDef with options.extra_ops).
  static StatusOr<std::unique_ptr<DirectSession>> Create(
      const tensorflow::GraphDef& graph, const SessionOptions& options);

  Status Extend(const tensorflow::GraphDef& graph) override;
  Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
             const std::vector<std::string>& fetches,
             const std::vector<std::string>& targets,
             std::vector<Tensor>* outputs) override;
  Status RunWithMetadata(
      const std::vector<std::pair<std::string, Tensor>>& feeds,
      const std::vector<std::string>& fetches,
      const std::vector<std::string>& targets, std::vector<Tensor>* outputs,
      RunMetadata* metadata) override;
  const tensorflow::GraphDef& graph_def() const override { return graph_def_; }
  Status Close() override;

  // The session's variables and other resources. Valid for the session's
  // lifetime; thread-safe.
  ResourceMgr* resource_manager() { return &resources_; }

 private:
  explicit DirectSession(const SessionOptions& options);
  Status SetGraph(const tensorflow::GraphDef& graph_def);
  StatusOr<std::shared_ptr<const ExecPlan>> GetPlan(
      const std::vector<std::string>& feeds,
      const std::vector<std::string>& fetches,
      const std::vector<std::string>& targets);
  // The plan of an optimized copy of the graph (graph_optimizer.h), or
  // nullptr when optimization is off or fails (the graph then runs as is).
  std::shared_ptr<const ExecPlan> BuildOptimizedPlan(
      const std::vector<std::string>& feeds,
      const std::vector<std::string>& fetches,
      const std::vector<std::string>& targets);
  StatusOr<OpKernel*> GetKernel(const Node& node);
  // UNIMPLEMENTED naming every op type of the plan without a kernel (and up
  // to three nodes each); otherwise the first kernel construction error.
  Status PrepareKernels(const ExecPlan& plan);

  SessionOptions options_;
  Env* env_;
  std::unique_ptr<CpuDevice> device_;
  ResourceMgr resources_;

  std::shared_mutex
      graph_mu_;  // guards the graph, closed_ and the caches' validity
  std::unique_ptr<Graph> graph_;
  tensorflow::GraphDef graph_def_;
  bool closed_ = false;

  std::mutex cache_mu_;  // guards plans_ and kernels_
  std::map<std::string, std::shared_ptr<const ExecPlan>> plans_;
  // Node (name, op, inputs) -> kernel, or the error creating it.
  std::map<std::string, StatusOr<std::unique_ptr<OpKernel>>> kernels_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_DIRECT_SESSION_H_
