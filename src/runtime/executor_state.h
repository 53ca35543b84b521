// The per-run state of the executor (executor.cc); internal.
//
// Values are tagged with a frame and an iteration, as in TensorFlow's
// executor: the root frame has one iteration; Enter moves a value into
// iteration 0 of a child frame (keyed by parent frame, parent iteration and
// frame_name), NextIteration to the next iteration of its frame, Exit back
// to the parent. A dead NextIteration ends the loop; a dead Exit is dropped
// (the loop is still running); a frame that ends with Exits not fired (its
// loop never ran: dead Enter) sends dead values out of them. Loop-invariant
// Enter values (is_constant) reach every iteration. Merge runs on its first
// live data input once its control inputs are done, or dead when all its data
// inputs are dead.
#ifndef TFPERSIST_RUNTIME_EXECUTOR_STATE_H_
#define TFPERSIST_RUNTIME_EXECUTOR_STATE_H_

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/executor.h"

namespace tfpersist {

// One node instance (node, frame, iteration) waiting for its inputs.
struct ItemState {
  std::vector<TensorValue> inputs;
  std::vector<bool> dead;  // per data input
  // Per data input: the value's buffer is seen by nothing else (a fresh
  // output sent along this one edge, not fetched), see forward_input.
  std::vector<bool> forwardable;
  bool control_dead = false;
  int pending = 0;          // inputs still to arrive (not Merge)
  int control_pending = 0;  // Merge: control inputs still to arrive
  int dead_data = 0;        // Merge: dead data inputs so far
  bool has_live = false;    // Merge: a live data input arrived
  bool started = false;     // Merge: scheduled already
};

struct Frame {
  struct Constant {
    int item;  // the Enter
    TensorValue value;
    bool dead;
  };
  std::string name;  // frame_name
  Frame* parent = nullptr;
  int64_t parent_iter = 0;
  // Exit items that have sent their value to the parent.
  std::set<int> exits_done;
  // Per iteration: item index -> state (node-based maps keep references
  // stable while others are inserted).
  std::deque<std::unordered_map<int, ItemState>> iterations;
  std::vector<Constant> constants;
};

class RunState {
 public:
  RunState(const ExecPlan& plan, const ExecutorParams& params,
           const std::vector<Tensor>& feeds);
  Status Run();
  // Sends dead values out of the Exits that never fired in finished frames;
  // false when there were none.
  bool FlushDeadExits();
  Status CollectFetches(std::vector<Tensor>* out) const;

 private:
  struct Task {
    int item;
    Frame* frame;
    int64_t iter;
  };
  // A fetched value as it reached the root frame.
  struct Captured {
    TensorValue value;
    bool dead = false;
    bool set = false;
  };

  ItemState& GetState(Frame* frame, int64_t iter, int item);
  bool IsDead(const ExecPlan::Item& item, const ItemState& s) const;
  Status Process(const Task& t);
  Status Compute(const ExecPlan::Item& item, ItemState* s,
                 std::vector<TensorValue>* outputs, std::vector<bool>* out_dead,
                 std::vector<bool>* out_fresh);
  Status Propagate(const Task& t, const std::vector<TensorValue>& outputs,
                   const std::vector<bool>& out_dead, bool node_dead,
                   const std::vector<bool>& out_fresh);
  Frame* ChildFrame(Frame* parent, int64_t iter, const std::string& name);
  void EnsureIteration(Frame* frame, int64_t iter);
  // Sends item src's outputs along its out edges into (frame, iter).
  // `fresh` (nullable): per output, whether the kernel made it fresh; such
  // an output sent along exactly one data edge and not fetched arrives
  // forwardable.
  void Deliver(int src, Frame* frame, int64_t iter,
               const std::vector<TensorValue>& outputs,
               const std::vector<bool>& out_dead, bool node_dead,
               const std::vector<bool>* fresh = nullptr);
  void DeliverOne(const ExecPlan::Edge& e, Frame* frame, int64_t iter,
                  const TensorValue& value, bool dead,
                  bool forwardable = false);
  // Whether output `output` of item `src` is fetched.
  bool IsFetched(int src, int output) const;
  void Capture(int src, const std::vector<TensorValue>& outputs,
               const std::vector<bool>& out_dead);
  // Appends node's timing (Compute began at `start`) to params_.stats.
  void RecordStats(const Node& node, const ItemState& s, OpKernelContext& ctx,
                   std::chrono::steady_clock::time_point start);

  const ExecPlan& plan_;
  const ExecutorParams& params_;
  const std::vector<Tensor>& feeds_;
  // TF's step container: resources created during this Run (TensorArrays).
  ResourceMgr step_resources_;
  Frame root_;
  std::map<std::string, std::unique_ptr<Frame>> frames_;
  std::vector<Captured> captured_;
  std::deque<Task> ready_;
  const std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_EXECUTOR_STATE_H_
