#include "runtime/executor.h"

#include <chrono>

#include "runtime/buffer_forwarding.h"
#include "runtime/executor_state.h"

namespace tfpersist {

using Kind = ExecPlan::Kind;

RunState::RunState(const ExecPlan& plan, const ExecutorParams& params,
                   const std::vector<Tensor>& feeds)
    : plan_(plan),
      params_(params),
      feeds_(feeds),
      captured_(plan.fetches().size()) {
  root_.iterations.emplace_back();
  for (int i : plan.initial_ready()) {
    GetState(&root_, 0, i).started = true;
    ready_.push_back({i, &root_, 0});
  }
}

ItemState& RunState::GetState(Frame* frame, int64_t iter, int item_index) {
  auto& states = frame->iterations[iter];
  auto it = states.find(item_index);
  if (it != states.end()) return it->second;
  const ExecPlan::Item& item = plan_.items()[item_index];
  ItemState& s = states[item_index];
  const int n = item.node->num_inputs();
  s.inputs.resize(n);
  s.dead.assign(n, item.kind == Kind::kMerge);
  s.forwardable.assign(n, false);
  s.pending = item.num_pending;
  s.control_pending = item.num_control;
  for (int k = 0; k < n; ++k) {
    int feed = item.fed_inputs[k];
    if (feed < 0) continue;
    s.inputs[k] = TensorValue::OfTensor(feeds_[feed]);
    s.dead[k] = false;
    s.has_live = true;
  }
  return s;
}

Status RunState::Run() {
  do {
    while (!ready_.empty()) {
      Task t = ready_.front();
      ready_.pop_front();
      TFP_RETURN_IF_ERROR(Process(t));
    }
  } while (FlushDeadExits());
  return OkStatus();
}

// Nothing is running, so every frame is finished: its loop ended (all
// Exits fired) or never started.
bool RunState::FlushDeadExits() {
  bool flushed = false;
  for (auto& [key, frame] : frames_) {
    auto it = plan_.exits_by_frame().find(frame->name);
    if (it == plan_.exits_by_frame().end()) continue;
    for (int exit : it->second) {
      if (!frame->exits_done.insert(exit).second) continue;
      Deliver(exit, frame->parent, frame->parent_iter, {TensorValue()}, {true},
              /*node_dead=*/true);
      flushed = true;
    }
  }
  return flushed;
}

bool RunState::IsDead(const ExecPlan::Item& item, const ItemState& s) const {
  switch (item.kind) {
    case Kind::kControlTrigger:
      return false;
    case Kind::kMerge:
      return !s.has_live;
    default:
      if (s.control_dead) return true;
      for (bool d : s.dead) {
        if (d) return true;
      }
      return false;
  }
}

Status RunState::Process(const Task& t) {
  const ExecPlan::Item& item = plan_.items()[t.item];
  const int num_outputs = item.node->num_outputs();
  std::vector<TensorValue> outputs(num_outputs);
  std::vector<bool> out_dead(num_outputs, true);
  std::vector<bool> out_fresh(num_outputs, false);
  bool dead;
  {
    ItemState& s = GetState(t.frame, t.iter, t.item);
    dead = IsDead(item, s);
    if (!dead) {
      TFP_RETURN_IF_ERROR(Compute(item, &s, &outputs, &out_dead, &out_fresh));
    }
    if (item.kind != Kind::kMerge) t.frame->iterations[t.iter].erase(t.item);
  }
  return Propagate(t, outputs, out_dead, dead, out_fresh);
}

Status RunState::Compute(const ExecPlan::Item& item, ItemState* s,
                         std::vector<TensorValue>* outputs,
                         std::vector<bool>* out_dead,
                         std::vector<bool>* out_fresh) {
  TFP_ASSIGN_OR_RETURN(OpKernel * kernel, params_.get_kernel(*item.node));
  for (int k = 0; k < kernel->num_inputs(); ++k) {
    if (s->dead[k]) continue;
    Status st = PrepareInputValue(*kernel, k, &s->inputs[k]);
    if (!st.ok()) return AttachNodeName(st, kernel->name());
  }
  OpKernelContext::Params p;
  p.op_kernel = kernel;
  p.inputs = &s->inputs;
  p.input_dead = &s->dead;
  p.env = params_.env;
  p.resource_manager = params_.resource_manager;
  p.step_resource_manager = &step_resources_;
  p.eigen_device = params_.eigen_device;
  OpKernelContext ctx(&p);
  ForwardingScope forwarding(&ctx, &s->inputs, &s->forwardable);
  const auto start = std::chrono::steady_clock::now();
  kernel->Compute(&ctx);
  if (params_.stats != nullptr) RecordStats(*item.node, *s, ctx, start);
  TFP_RETURN_IF_ERROR(ctx.status());
  TFP_RETURN_IF_ERROR(ctx.ValidateOutputs(item.kind == Kind::kSwitch));
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    (*out_dead)[k] = !ctx.output_is_set(k);
    (*out_fresh)[k] = forwarding.IsFresh(k, *ctx.mutable_output(k));
    if (ctx.output_is_set(k)) (*outputs)[k] = std::move(*ctx.mutable_output(k));
  }
  s->inputs.clear();  // release input tensors early
  return OkStatus();
}

namespace {

std::vector<int64_t> ShapeOf(const Tensor& t) {
  std::vector<int64_t> dims;
  for (int d = 0; d < t.dims(); ++d) dims.push_back(t.dim_size(d));
  return dims;
}

int64_t Micros(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

}  // namespace

void RunState::RecordStats(const Node& node, const ItemState& s,
                           OpKernelContext& ctx,
                           std::chrono::steady_clock::time_point start) {
  const auto now = std::chrono::steady_clock::now();
  NodeExecStats st;
  st.node_name = node.name();
  st.op = node.def().op();
  st.start_micros = Micros(start - start_);
  st.elapsed_micros = Micros(now - start);
  for (size_t k = 0; k < s.inputs.size(); ++k) {
    const TensorValue& v = s.inputs[k];
    if (!s.dead[k] && !v.is_ref() && !v.is_resource()) {
      st.input_shapes.push_back(ShapeOf(v.tensor));
    }
  }
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    const TensorValue* v =
        ctx.output_is_set(k) ? ctx.mutable_output(k) : nullptr;
    if (v != nullptr && !v->is_ref() && !v->is_resource()) {
      st.output_shapes.push_back(ShapeOf(v->tensor));
    }
  }
  params_.stats->push_back(std::move(st));
}

Frame* RunState::ChildFrame(Frame* parent, int64_t iter,
                            const std::string& name) {
  std::string key =
      StrCat(reinterpret_cast<uintptr_t>(parent), ";", iter, ";", name);
  std::unique_ptr<Frame>& child = frames_[key];
  if (child == nullptr) {
    child = std::make_unique<Frame>();
    child->name = name;
    child->parent = parent;
    child->parent_iter = iter;
    child->iterations.emplace_back();
  }
  return child.get();
}

void RunState::EnsureIteration(Frame* frame, int64_t iter) {
  while (static_cast<int64_t>(frame->iterations.size()) <= iter) {
    frame->iterations.emplace_back();
    const int64_t k = static_cast<int64_t>(frame->iterations.size()) - 1;
    for (const Frame::Constant& c : frame->constants) {
      Deliver(c.item, frame, k, {c.value}, {c.dead}, c.dead);
    }
  }
}

Status RunState::Propagate(const Task& t,
                           const std::vector<TensorValue>& outputs,
                           const std::vector<bool>& out_dead, bool node_dead,
                           const std::vector<bool>& out_fresh) {
  const ExecPlan::Item& item = plan_.items()[t.item];
  switch (item.kind) {
    case Kind::kEnter: {
      Frame* child = ChildFrame(t.frame, t.iter, item.frame_name);
      if (!item.is_constant) {
        Deliver(t.item, child, 0, outputs, out_dead, node_dead);
        return OkStatus();
      }
      // Loop-invariant: every iteration, present and future, gets it.
      child->constants.push_back({t.item, outputs[0], node_dead});
      for (size_t k = 0; k < child->iterations.size(); ++k) {
        Deliver(t.item, child, k, outputs, out_dead, node_dead);
      }
      return OkStatus();
    }
    case Kind::kExit:
      if (node_dead || out_dead[0]) return OkStatus();  // iterations going on
      if (t.frame->parent == nullptr) {
        return errors::InvalidArgument("Exit node '", item.node->name(),
                                       "' is not inside a while loop");
      }
      t.frame->exits_done.insert(t.item);
      Deliver(t.item, t.frame->parent, t.frame->parent_iter, outputs, out_dead,
              false);
      return OkStatus();
    case Kind::kNextIteration:
      if (node_dead || out_dead[0]) return OkStatus();  // the loop ended
      EnsureIteration(t.frame, t.iter + 1);
      Deliver(t.item, t.frame, t.iter + 1, outputs, out_dead, false);
      return OkStatus();
    default:
      Deliver(t.item, t.frame, t.iter, outputs, out_dead, node_dead,
              &out_fresh);
      return OkStatus();
  }
}

void RunState::Deliver(int src, Frame* frame, int64_t iter,
                       const std::vector<TensorValue>& outputs,
                       const std::vector<bool>& out_dead, bool node_dead,
                       const std::vector<bool>* fresh) {
  const ExecPlan::Item& item = plan_.items()[src];
  if (frame == &root_) Capture(src, outputs, out_dead);
  std::vector<int> data_edges(outputs.size(), 0);
  for (const ExecPlan::Edge& e : item.out_edges) {
    if (e.src_output >= 0) ++data_edges[e.src_output];
  }
  for (const ExecPlan::Edge& e : item.out_edges) {
    if (e.src_output < 0) {
      DeliverOne(e, frame, iter, TensorValue(), node_dead);
      continue;
    }
    const int k = e.src_output;
    const bool forwardable = fresh != nullptr && (*fresh)[k] &&
                             data_edges[k] == 1 && !IsFetched(src, k);
    DeliverOne(e, frame, iter, outputs[k], out_dead[k], forwardable);
  }
}

bool RunState::IsFetched(int src, int output) const {
  for (const auto& fetch : plan_.fetches()) {
    if (fetch.item == src && fetch.output == output) return true;
  }
  return false;
}

void RunState::DeliverOne(const ExecPlan::Edge& e, Frame* frame, int64_t iter,
                          const TensorValue& value, bool dead,
                          bool forwardable) {
  const ExecPlan::Item& dst = plan_.items()[e.dst];
  ItemState& s = GetState(frame, iter, e.dst);
  if (dst.kind == Kind::kMerge) {
    if (e.dst_input < 0) {
      --s.control_pending;
    } else if (dead) {
      ++s.dead_data;
    } else if (!s.has_live) {
      s.has_live = true;
      s.inputs[e.dst_input] = value;
      s.dead[e.dst_input] = false;
    }
    const bool all_dead = s.dead_data >= dst.node->num_inputs();
    if (!s.started && s.control_pending <= 0 && (s.has_live || all_dead)) {
      s.started = true;
      ready_.push_back({e.dst, frame, iter});
    }
    return;
  }
  if (e.dst_input < 0) {
    s.control_dead = s.control_dead || dead;
  } else {
    s.inputs[e.dst_input] = value;
    s.dead[e.dst_input] = dead;
    s.forwardable[e.dst_input] = forwardable && !dead;
  }
  if (--s.pending == 0) ready_.push_back({e.dst, frame, iter});
}

void RunState::Capture(int src, const std::vector<TensorValue>& outputs,
                       const std::vector<bool>& out_dead) {
  const auto& fetches = plan_.fetches();
  for (size_t f = 0; f < fetches.size(); ++f) {
    if (fetches[f].item != src) continue;
    captured_[f] = {outputs[fetches[f].output], out_dead[fetches[f].output],
                    true};
  }
}

Status RunState::CollectFetches(std::vector<Tensor>* out) const {
  const auto& fetches = plan_.fetches();
  out->clear();
  for (size_t f = 0; f < fetches.size(); ++f) {
    const std::string& name = plan_.fetch_names()[f];
    if (fetches[f].feed >= 0) {
      out->push_back(feeds_[fetches[f].feed]);
      continue;
    }
    const Captured& c = captured_[f];
    if (!c.set) {
      return errors::InvalidArgument(
          "Fetched tensor ", name,
          " was never computed (it is inside a while loop, or after a loop "
          "that never ran)");
    }
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

Status ExecutePlan(const ExecPlan& plan, const ExecutorParams& params,
                   const std::vector<Tensor>& feed_values,
                   std::vector<Tensor>* fetched) {
  RunState state(plan, params, feed_values);
  TFP_RETURN_IF_ERROR(state.Run());
  return state.CollectFetches(fetched);
}

}  // namespace tfpersist
