// Executes one ExecPlan: a ready-queue executor on the calling thread
// (intra-op parallelism comes from the Eigen device kernels use).
//
// Dead values (tf.cond v1): a Switch leaves its untaken output unset, which
// makes it dead. A node with a dead data or control input does not run and
// all its outputs are dead, except Merge (runs with the first live input;
// dead only when all are dead) and ControlTrigger (always runs, live).
// While loops (tf.while_loop v1: Enter/Merge/Switch/LoopCond/NextIteration/
// Exit) run with TF's frame and iteration tagging (executor_state.h).
//
// Resources kernels create in the step container (TensorArrays) live until
// the Run ends (OpKernelContext::step_resource_manager).
// Errors: a kernel's status (naming its node); UNIMPLEMENTED "No kernel
// registered for op 'X' (node 'n')" when a node without a kernel would run;
// FAILED_PRECONDITION "Attempting to use uninitialized value v1" when a ref
// variable is read uninitialized; INVALID_ARGUMENT when a fetched tensor is
// dead or is a resource handle.
// Thread-safety: ExecutePlan may run concurrently on the same plan as long
// as GetKernel is thread-safe.
#ifndef TFPERSIST_RUNTIME_EXECUTOR_H_
#define TFPERSIST_RUNTIME_EXECUTOR_H_

#include <functional>
#include <vector>

#include "runtime/exec_plan.h"
#include "runtime/op_kernel.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {

struct ExecutorParams {
  Env* env = nullptr;                       // required
  ResourceMgr* resource_manager = nullptr;  // required
  const Eigen::ThreadPoolDevice* eigen_device = nullptr;
  // The (cached) kernel of a node, or its creation error. Required.
  std::function<StatusOr<OpKernel*>(const Node&)> get_kernel;
  // When set, every computed node's timing and shapes are appended here.
  std::vector<NodeExecStats>* stats = nullptr;
};

// Runs `plan` with feed_values[i] for plan.feeds()[i] (already checked with
// CheckFeed) and stores the fetched tensors in *fetched (plan.fetches()
// order). A fetched ref output yields a snapshot of its variable.
Status ExecutePlan(const ExecPlan& plan, const ExecutorParams& params,
                   const std::vector<Tensor>& feed_values,
                   std::vector<Tensor>* fetched);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_EXECUTOR_H_
