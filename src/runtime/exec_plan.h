// ExecPlan: what one Session::Run signature (feeds, fetches, targets)
// executes: the nodes the fetches and targets need, following data and
// control edges backwards and cutting at fed tensors (freeze-and-import.md
// §2), with the edges between them. Built once per signature and cached;
// immutable afterwards, so concurrent Runs share it.
//
// Errors (TF's wording):
//   feeds   INVALID_ARGUMENT "FeedInputs: unable to find feed output x:0",
//           "FeedInputs x:3: output index too large, must be < 1",
//           "Endpoint x:0 fed more than once."
//   fetches NOT_FOUND "FetchOutputs node y:0: not found",
//           INVALID_ARGUMENT "FetchOutputs y:2: output index too large, ..."
//   targets NOT_FOUND "PruneForTargets: Some target nodes not found: t"
//   cycles  INVALID_ARGUMENT naming a node on the cycle.
#ifndef TFPERSIST_RUNTIME_EXEC_PLAN_H_
#define TFPERSIST_RUNTIME_EXEC_PLAN_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/tensor_id.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {

class ExecPlan {
 public:
  // An edge out of an item. `src_output`/`dst_input` are -1 for a control
  // edge. `dst` indexes items.
  struct Edge {
    int src_output;
    int dst;
    int dst_input;
  };
  // How the executor treats an item: dead inputs (Switch, Merge,
  // ControlTrigger) and while-loop frames (Enter, Exit, NextIteration).
  enum class Kind {
    kNormal,
    kSwitch,
    kMerge,
    kControlTrigger,
    kEnter,
    kExit,
    kNextIteration
  };
  struct Item {
    const Node* node = nullptr;  // owned by the Graph the plan was built from
    Kind kind = Kind::kNormal;
    // Inputs (data not fed + control) to wait for before running.
    int num_pending = 0;
    // Control inputs (Merge waits for these plus one live data input).
    int num_control = 0;
    // Enter: the child frame's name and whether the value is loop-invariant.
    std::string frame_name;
    bool is_constant = false;
    std::vector<Edge> out_edges;
    // Per data input: the feed index that supplies it, or -1.
    std::vector<int> fed_inputs;
  };
  // A fetch is either output `output` of item `item`, or feed `feed`.
  struct FetchSource {
    int item = -1;
    int output = 0;
    int feed = -1;
  };
  // What a feed must look like (from the fed node's output type and, for
  // placeholders, the "shape" attr).
  struct FeedSpec {
    TensorId id;
    std::string name;  // as given by the caller
    DataType dtype = DT_INVALID;
    std::optional<PartialTensorShape> shape;
  };

  // REQUIRES: `graph` outlives the plan.
  static StatusOr<std::unique_ptr<ExecPlan>> Build(
      const Graph& graph, const std::vector<std::string>& feeds,
      const std::vector<std::string>& fetches,
      const std::vector<std::string>& targets);

  const std::vector<Item>& items() const { return items_; }
  // The Exit items of each while-loop frame, by frame_name (static frame
  // analysis, as TF's BuildControlFlowInfo). When a frame finishes without
  // an Exit firing (its loop was dead), the executor sends a dead value out
  // of that Exit, as TF does.
  const std::map<std::string, std::vector<int>>& exits_by_frame() const {
    return exits_by_frame_;
  }
  // Items with nothing to wait for, in graph order.
  const std::vector<int>& initial_ready() const { return initial_ready_; }
  const std::vector<FetchSource>& fetches() const { return fetches_; }
  const std::vector<FeedSpec>& feeds() const { return feeds_; }
  const std::vector<std::string>& fetch_names() const { return fetch_names_; }

  // INVALID_ARGUMENT naming the feed and the expectation when `value` does
  // not fit feed i.
  Status CheckFeed(int i, const Tensor& value) const;

 private:
  Status ParseFeeds(const Graph& graph, const std::vector<std::string>& feeds);
  Status ParseFetches(const Graph& graph,
                      const std::vector<std::string>& fetches);
  Status ParseTargets(const Graph& graph,
                      const std::vector<std::string>& targets,
                      std::vector<const Node*>* roots) const;
  std::vector<int> Prune(const Graph& graph,
                         const std::vector<const Node*>& roots) const;
  void BuildItems(const Graph& graph, const std::vector<int>& node_ids);
  Status CheckAcyclic() const;
  void FindLoopExits();
  int FeedIndex(const std::string& node, int output) const;

  std::vector<FeedSpec> feeds_;
  std::vector<std::string> fetch_names_;
  std::vector<TensorId> fetch_ids_;
  std::vector<FetchSource> fetches_;
  std::vector<Item> items_;
  std::map<std::string, std::vector<int>> exits_by_frame_;
  std::vector<int> item_of_node_;  // Node::id() -> item index or -1
  std::vector<int> initial_ready_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_EXEC_PLAN_H_
