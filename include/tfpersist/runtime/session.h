// Session: runs a GraphDef (TF1 tf.Session semantics).
//
//   TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph_def));
//   TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
//   std::vector<Tensor> out;
//   TFP_RETURN_IF_ERROR(session->Run({{"feed:0", batch}}, {"add:0"}, {},
//   &out));
//
// Run executes only the nodes the fetches and targets need, in dependency
// order; variables (VariableV2/Variable and resource variables) keep their
// values across runs, in this session only.
// Errors, as TensorFlow gives them: reading an uninitialized variable is
// FAILED_PRECONDITION "Attempting to use uninitialized value v1"; an unknown
// fetch/target is NOT_FOUND naming it; a feed of an unknown tensor, or with a
// dtype/shape the placeholder does not accept, is INVALID_ARGUMENT naming
// both; a kernel error names its node.
// Thread-safety: Run may be called concurrently from several threads; Extend
// and Close must not run concurrently with Run.
#ifndef TFPERSIST_RUNTIME_SESSION_H_
#define TFPERSIST_RUNTIME_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

struct SessionOptions {
  // File access for kernels that touch files (SaveV2, RestoreV2, ...).
  // Not owned; must outlive the session. nullptr = Env::Default().
  Env* env = nullptr;
  // Threads one kernel may use (intra-op parallelism, TF's ConfigProto
  // name); 0 = intra_op_threads below, 0 there too = number of cores.
  int intra_op_parallelism_threads = 0;
  // The older spelling of the same count (used when the above is 0).
  int intra_op_threads = 0;
  // Session-creation graph optimization (constant folding, Identity/NoOp
  // removal, batch-norm folding, contraction fusion; see
  // src/runtime/optimizer/graph_optimizer.h), run per (feeds, fetches,
  // targets) signature. Fetched, fed and targeted nodes keep TF semantics.
  bool enable_graph_optimization = true;
  // OpDefs for ops tfpersist does not register (e.g. a MetaGraphDef's
  // meta_info_def.stripped_op_list), so such graphs load; their nodes fail
  // with UNIMPLEMENTED only if a Run needs them.
  tensorflow::OpList extra_ops;
};

// One node's execution in a traced Run (TF's NodeExecStats, reduced).
struct NodeExecStats {
  std::string node_name;
  std::string op;
  int64_t start_micros = 0;    // since the Run began
  int64_t elapsed_micros = 0;  // in the kernel's Compute
  // Shapes of the plain-tensor inputs and outputs (empty for refs, handles
  // and dead values).
  std::vector<std::vector<int64_t>> input_shapes, output_shapes;
};

// What a traced Run reports (TF's RunMetadata.step_stats).
struct RunMetadata {
  std::vector<NodeExecStats> step_stats;  // in execution order
};

class Session {
 public:
  virtual ~Session() = default;

  // Validates the graph (known ops, attrs, well-formed inputs) and prepares
  // it. INVALID_ARGUMENT / NOT_FOUND naming the offending node.
  static StatusOr<std::unique_ptr<Session>> Create(
      const tensorflow::GraphDef& graph, const SessionOptions& options = {});

  // Adds nodes to the session's graph (TF1 Session.extend): new names only;
  // ALREADY_EXISTS / INVALID_ARGUMENT naming the node otherwise.
  virtual Status Extend(const tensorflow::GraphDef& graph) = 0;

  // Feeds tensors by name ("x:0" or "x"), evaluates `fetches` (tensor names)
  // into *outputs (same order; may be nullptr when fetches is empty) and
  // runs `targets` (node names) for their effects.
  virtual Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
                     const std::vector<std::string>& fetches,
                     const std::vector<std::string>& targets,
                     std::vector<Tensor>* outputs) = 0;

  // Run, also recording every executed node's timing and shapes into
  // *metadata (cleared first; not recorded when null), as TF's Run with
  // RunOptions.trace_level = FULL_TRACE. Timing adds a clock read per node.
  virtual Status RunWithMetadata(
      const std::vector<std::pair<std::string, Tensor>>& feeds,
      const std::vector<std::string>& fetches,
      const std::vector<std::string>& targets, std::vector<Tensor>* outputs,
      RunMetadata* metadata) = 0;

  // The graph as currently extended.
  virtual const tensorflow::GraphDef& graph_def() const = 0;
  // Releases resources (variables). Further Run calls fail with CANCELLED.
  virtual Status Close() = 0;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_SESSION_H_
