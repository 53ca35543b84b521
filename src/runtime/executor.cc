#include "runtime/executor.h"

#include <deque>

namespace tfpersist {
namespace {

using Kind = ExecPlan::Kind;

// Per-item state of one run.
struct ItemState {
  std::vector<TensorValue> inputs;
  std::vector<bool> dead;  // per data input
  bool control_dead = false;
  int pending = 0;
};

// A fetched value as it left its node.
struct Captured {
  TensorValue value;
  bool dead = false;
  bool set = false;
};

class RunState {
 public:
  RunState(const ExecPlan& plan, const ExecutorParams& params,
           const std::vector<Tensor>& feeds);
  Status Run();
  Status CollectFetches(const std::vector<Tensor>& feeds,
                        std::vector<Tensor>* out) const;

 private:
  bool IsDead(int i) const;
  Status Process(int i);
  Status Compute(int i, std::vector<TensorValue>* outputs,
                 std::vector<bool>* out_dead);
  void Propagate(int i, const std::vector<TensorValue>& outputs,
                 const std::vector<bool>& out_dead, bool node_dead);

  const ExecPlan& plan_;
  const ExecutorParams& params_;
  std::vector<ItemState> states_;
  std::vector<Captured> captured_;
  std::deque<int> ready_;
};

RunState::RunState(const ExecPlan& plan, const ExecutorParams& params,
                   const std::vector<Tensor>& feeds)
    : plan_(plan), params_(params), captured_(plan.fetches().size()) {
  states_.resize(plan.items().size());
  for (size_t i = 0; i < states_.size(); ++i) {
    const ExecPlan::Item& item = plan.items()[i];
    ItemState& s = states_[i];
    const int n = item.node->num_inputs();
    s.inputs.resize(n);
    s.dead.assign(n, false);
    s.pending = item.num_pending;
    for (int k = 0; k < n; ++k) {
      int feed = item.fed_inputs[k];
      if (feed >= 0) s.inputs[k] = TensorValue::OfTensor(feeds[feed]);
    }
  }
  ready_.assign(plan.initial_ready().begin(), plan.initial_ready().end());
}

Status RunState::Run() {
  while (!ready_.empty()) {
    int i = ready_.front();
    ready_.pop_front();
    TFP_RETURN_IF_ERROR(Process(i));
  }
  return OkStatus();
}

bool RunState::IsDead(int i) const {
  const ItemState& s = states_[i];
  switch (plan_.items()[i].kind) {
    case Kind::kControlTrigger:
      return false;
    case Kind::kMerge:
      for (bool d : s.dead) {
        if (!d) return false;
      }
      return true;
    default:
      if (s.control_dead) return true;
      for (bool d : s.dead) {
        if (d) return true;
      }
      return false;
  }
}

Status RunState::Process(int i) {
  const int num_outputs = plan_.items()[i].node->num_outputs();
  std::vector<TensorValue> outputs(num_outputs);
  std::vector<bool> out_dead(num_outputs, true);
  const bool dead = IsDead(i);
  if (!dead) TFP_RETURN_IF_ERROR(Compute(i, &outputs, &out_dead));
  Propagate(i, outputs, out_dead, dead);
  return OkStatus();
}

Status RunState::Compute(int i, std::vector<TensorValue>* outputs,
                         std::vector<bool>* out_dead) {
  const ExecPlan::Item& item = plan_.items()[i];
  ItemState& s = states_[i];
  TFP_ASSIGN_OR_RETURN(OpKernel * kernel, params_.get_kernel(*item.node));
  for (int k = 0; k < kernel->num_inputs(); ++k) {
    if (s.dead[k]) continue;
    Status st = PrepareInputValue(*kernel, k, &s.inputs[k]);
    if (!st.ok()) return AttachNodeName(st, kernel->name());
  }
  OpKernelContext::Params p;
  p.op_kernel = kernel;
  p.inputs = &s.inputs;
  p.input_dead = &s.dead;
  p.env = params_.env;
  p.resource_manager = params_.resource_manager;
  p.eigen_device = params_.eigen_device;
  OpKernelContext ctx(&p);
  kernel->Compute(&ctx);
  TFP_RETURN_IF_ERROR(ctx.status());
  TFP_RETURN_IF_ERROR(ctx.ValidateOutputs(item.kind == Kind::kSwitch));
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    (*out_dead)[k] = !ctx.output_is_set(k);
    if (ctx.output_is_set(k)) (*outputs)[k] = std::move(*ctx.mutable_output(k));
  }
  s.inputs.clear();  // release input tensors early
  return OkStatus();
}

void RunState::Propagate(int i, const std::vector<TensorValue>& outputs,
                         const std::vector<bool>& out_dead, bool node_dead) {
  const ExecPlan::Item& item = plan_.items()[i];
  for (const ExecPlan::Edge& e : item.out_edges) {
    ItemState& dst = states_[e.dst];
    if (e.src_output < 0) {
      dst.control_dead = dst.control_dead || node_dead;
    } else {
      dst.inputs[e.dst_input] = outputs[e.src_output];
      dst.dead[e.dst_input] = out_dead[e.src_output];
    }
    if (--dst.pending == 0) ready_.push_back(e.dst);
  }
  const auto& fetches = plan_.fetches();
  for (size_t f = 0; f < fetches.size(); ++f) {
    if (fetches[f].item != i) continue;
    captured_[f] = {outputs[fetches[f].output], out_dead[fetches[f].output],
                    true};
  }
}

Status RunState::CollectFetches(const std::vector<Tensor>& feeds,
                                std::vector<Tensor>* out) const {
  const auto& fetches = plan_.fetches();
  out->clear();
  for (size_t f = 0; f < fetches.size(); ++f) {
    const std::string& name = plan_.fetch_names()[f];
    if (fetches[f].feed >= 0) {
      out->push_back(feeds[fetches[f].feed]);
      continue;
    }
    const Captured& c = captured_[f];
    if (!c.set) return errors::Internal("Fetch ", name, " was never computed");
    if (c.dead) {
      return errors::InvalidArgument(
          "Fetched tensor ", name,
          " is dead: it lies on the untaken branch of a Switch");
    }
    if (c.value.is_resource()) {
      return errors::InvalidArgument("Cannot fetch resource handle ", name,
                                     ": fetch a ReadVariableOp instead");
    }
    Tensor t = c.value.tensor;
    if (c.value.is_ref() && !c.value.ref->Snapshot(&t)) {
      return errors::FailedPrecondition(
          "Attempting to use uninitialized value ",
          plan_.items()[fetches[f].item].node->name());
    }
    out->push_back(std::move(t));
  }
  return OkStatus();
}

}  // namespace

Status ExecutePlan(const ExecPlan& plan, const ExecutorParams& params,
                   const std::vector<Tensor>& feed_values,
                   std::vector<Tensor>* fetched) {
  RunState state(plan, params, feed_values);
  TFP_RETURN_IF_ERROR(state.Run());
  return state.CollectFetches(feed_values, fetched);
}

}  // namespace tfpersist
