// InlineFunctionCalls: replaces call nodes by their instantiated bodies
// (TF's InlineFunctionBody with the caller kept fetchable).
//
// For call node `c` of function f(a, b) -> (y) with body nodes n1, n2:
//   c/a, c/b   Identity(caller input i), with the caller's control inputs
//   c/n1, ...  body nodes renamed, inputs prefixed; body nodes without any
//              input get the caller's control inputs (so they wait for it)
//   c          IdentityN(c/<ret>...) (NoOp when f returns nothing) with
//              control inputs on f's control outputs
#include <deque>
#include <set>

#include "graph/function_util.h"
#include "graph/op_registry.h"

namespace tfpersist {
namespace {

constexpr int kMaxCallDepth = 1000;

struct PendingNode {
  tensorflow::NodeDef node;
  int depth = 0;
};

class Inliner {
 public:
  Inliner(const FunctionLibraryDefinition& lib, tensorflow::GraphDef* graph,
          const InlineOptions& options)
      : lib_(lib), graph_(graph), options_(options) {}

  Status Run();

 private:
  Status Expand(const PendingNode& call, const CallTarget& target);
  std::string Prefix(const std::string& call,
                     const InstantiationResult& body) const;
  void EmitOutputNode(const tensorflow::NodeDef& call,
                      const InstantiationResult& body,
                      const std::string& prefix);
  Status Push(tensorflow::NodeDef node, int depth);

  const FunctionLibraryDefinition& lib_;
  tensorflow::GraphDef* graph_;
  const InlineOptions& options_;
  std::set<std::string> names_;
  std::deque<PendingNode> pending_;
  std::vector<tensorflow::NodeDef> done_;
};

Status Inliner::Push(tensorflow::NodeDef node, int depth) {
  if (pending_.size() + done_.size() >=
      static_cast<size_t>(options_.max_nodes)) {
    return errors::ResourceExhausted(
        "Inlining function calls would make the graph exceed ",
        options_.max_nodes, " nodes (at node '", node.name(), "')");
  }
  names_.insert(node.name());
  pending_.push_back({std::move(node), depth});
  return OkStatus();
}

Status Inliner::Run() {
  for (const auto& node : graph_->node()) names_.insert(node.name());
  for (const auto& node : graph_->node()) pending_.push_back({node, 0});
  while (!pending_.empty()) {
    PendingNode item = std::move(pending_.front());
    pending_.pop_front();
    CallTarget target = GetCallTarget(item.node, lib_);
    if (target.name.empty()) {
      done_.push_back(std::move(item.node));
      continue;
    }
    TFP_RETURN_IF_ERROR(Expand(item, target));
  }
  graph_->clear_node();
  for (auto& node : done_) *graph_->add_node() = std::move(node);
  return OkStatus();
}

// "c/" unless a body node would collide with an existing name; then
// "c/_inlined_k/".
std::string Inliner::Prefix(const std::string& call,
                            const InstantiationResult& body) const {
  for (int k = 0;; ++k) {
    std::string prefix =
        k == 0 ? StrCat(call, "/") : StrCat(call, "/_inlined_", k, "/");
    bool clash = false;
    for (const auto& n : body.nodes) clash |= names_.count(prefix + n.name());
    for (const auto& a : body.arg_names) clash |= names_.count(prefix + a);
    if (!clash) return prefix;
  }
}

void Inliner::EmitOutputNode(const tensorflow::NodeDef& call,
                             const InstantiationResult& body,
                             const std::string& prefix) {
  tensorflow::NodeDef out;
  out.set_name(call.name());
  out.set_device(call.device());
  if (body.rets.empty()) {
    out.set_op("NoOp");
  } else {
    out.set_op("IdentityN");
    auto* types = (*out.mutable_attr())["T"].mutable_list();
    for (DataType t : body.ret_types) {
      types->add_type(static_cast<tensorflow::DataType>(t));
    }
    for (const std::string& r : body.rets) out.add_input(prefix + r);
  }
  std::vector<std::string> controls = body.control_rets;
  if (controls.empty() && body.rets.empty()) {
    // TF1 Defun without control outputs: wait for the stateful body nodes.
    for (const auto& n : body.nodes) {
      auto op_def = lib_.LookUpOpDef(n.op());
      if (op_def.ok() && (*op_def)->is_stateful()) controls.push_back(n.name());
    }
  }
  for (const std::string& c : controls) out.add_input("^" + prefix + c);
  done_.push_back(std::move(out));
}

Status Inliner::Expand(const PendingNode& item, const CallTarget& target) {
  const tensorflow::NodeDef& call = item.node;
  if (item.depth >= kMaxCallDepth) {
    return errors::InvalidArgument(
        "Function calls nested deeper than ", kMaxCallDepth, " at node '",
        call.name(), "' calling '", target.name, "' (recursive function?)");
  }
  TFP_RETURN_IF_ERROR(CheckCallArity(call, lib_));
  const tensorflow::FunctionDef* fdef = lib_.Find(target.name);
  TFP_ASSIGN_OR_RETURN(InstantiationResult body,
                       InstantiateFunction(*fdef, target.attrs, lib_));
  const std::vector<std::string> inputs = DataInputs(call);
  const std::vector<std::string> controls = ControlInputs(call);
  const std::string prefix = Prefix(call.name(), body);
  const int depth = item.depth + 1;
  for (size_t i = 0; i < body.arg_names.size(); ++i) {
    tensorflow::NodeDef arg;
    arg.set_name(prefix + body.arg_names[i]);
    arg.set_op("Identity");
    arg.set_device(call.device());
    (*arg.mutable_attr())["T"].set_type(
        static_cast<tensorflow::DataType>(body.arg_types[i]));
    arg.add_input(inputs[i]);
    for (const std::string& c : controls) arg.add_input(c);
    TFP_RETURN_IF_ERROR(Push(std::move(arg), depth));
  }
  for (tensorflow::NodeDef node : body.nodes) {
    node.set_name(prefix + node.name());
    for (std::string& in : *node.mutable_input()) {
      in = in[0] == '^' ? "^" + prefix + in.substr(1) : prefix + in;
    }
    if (node.input_size() == 0) {
      for (const std::string& c : controls) node.add_input(c);
    }
    if (node.device().empty()) node.set_device(call.device());
    TFP_RETURN_IF_ERROR(Push(std::move(node), depth));
  }
  EmitOutputNode(call, body, prefix);
  return OkStatus();
}

}  // namespace

Status InlineFunctionCalls(const FunctionLibraryDefinition& lib,
                           tensorflow::GraphDef* graph,
                           const InlineOptions& options) {
  return Inliner(lib, graph, options).Run();
}

}  // namespace tfpersist
