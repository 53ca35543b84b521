// LowerFunctionalOps: If/While/Case -> TF1 control flow around calls
// (TF's LowerFunctionalOpsPass), and LowerAndInline.
//
// If n(cond, x...):                     While n(x...):
//   n/switch_pred = Switch(p, p)          n/enter_i = Enter(x_i), frame "n"
//   n/pivot_t|f = Identity(:1|:0)         n/merge_i = Merge(enter_i, next_i)
//   n/input_i = Switch(x_i, p)            n/cond = call cond(merge_i...)
//   n/then|else = call(input_i:1|:0)      n/loop_cond = LoopCond(cond:0)
//   n/output_j = Merge(then:j, else:j)    n/switch_i = Switch(merge_i, lc)
//   n/branch_executed = Merge(pivots)     n/exit_i = Exit(switch_i:0)
//   n = IdentityN(output_j...)            n/body = call body(switch_i:1...)
//                                         n/next_i = NextIteration(body:i)
//                                         n = IdentityN(exit_i...)
// Case: branch k runs when Select(0 <= idx < K-1, idx, K-1) == k (out of
// range -> the last branch, as TF). A non-bool predicate is Cast to bool.
#include <deque>
#include <set>

#include "graph/function_util.h"
#include "graph/node_def_util.h"
#include "graph/tensor_id.h"

namespace tfpersist {
namespace {

using tensorflow::NodeDef;

tensorflow::AttrValue TypeAttr(DataType t) {
  tensorflow::AttrValue v;
  v.set_type(static_cast<tensorflow::DataType>(t));
  return v;
}

tensorflow::AttrValue TypeListAttr(const std::vector<DataType>& types) {
  tensorflow::AttrValue v;
  for (DataType t : types) {
    v.mutable_list()->add_type(static_cast<tensorflow::DataType>(t));
  }
  return v;
}

class Lowering {
 public:
  Lowering(const FunctionLibraryDefinition& lib, const NodeDef& node,
           std::deque<NodeDef>* out)
      : lib_(lib), node_(node), out_(out) {}

  Status LowerIf();
  Status LowerWhile();
  Status LowerCase();

 private:
  NodeDef& Add(const std::string& suffix, const std::string& op,
               std::vector<std::string> inputs) {
    NodeDef& n = out_->emplace_back();
    n.set_name(suffix.empty() ? node_.name() : node_.name() + "/" + suffix);
    n.set_op(op);
    n.set_device(node_.device());
    for (auto& in : inputs) n.add_input(std::move(in));
    return n;
  }
  std::string Name(const std::string& suffix) const {
    return node_.name() + "/" + suffix;
  }
  Status CheckInputCount(const std::vector<std::string>& data,
                         size_t expected) const {
    if (data.size() == expected) return OkStatus();
    return errors::InvalidArgument("Node '", node_.name(), "' (op ", node_.op(),
                                   ") has ", data.size(),
                                   " data inputs but its attrs say ", expected);
  }
  // The predicate as bool (Cast for another dtype).
  std::string BoolPred(const std::string& pred, DataType dtype,
                       const std::string& suffix) {
    if (dtype == DT_BOOL) return pred;
    NodeDef& cast = Add(suffix, "Cast", {pred});
    (*cast.mutable_attr())["SrcT"] = TypeAttr(dtype);
    (*cast.mutable_attr())["DstT"] = TypeAttr(DT_BOOL);
    return cast.name();
  }
  NodeDef& Call(const std::string& suffix, const tensorflow::NameAttrList& f,
                std::vector<std::string> inputs,
                const std::vector<DataType>& tin,
                const std::vector<DataType>& tout) {
    NodeDef& call = Add(suffix, "StatefulPartitionedCall", std::move(inputs));
    *(*call.mutable_attr())["f"].mutable_func() = f;
    (*call.mutable_attr())["Tin"] = TypeListAttr(tin);
    (*call.mutable_attr())["Tout"] = TypeListAttr(tout);
    return call;
  }
  void Output(const std::vector<std::string>& values,
              const std::vector<DataType>& types, const std::string& control) {
    NodeDef& n = Add("", values.empty() ? "NoOp" : "IdentityN", values);
    if (!values.empty()) (*n.mutable_attr())["T"] = TypeListAttr(types);
    if (!control.empty()) n.add_input("^" + control);
  }
  // Branch k of a conditional on `pred`: switched inputs and the call.
  void Branch(const std::string& tag, const std::string& pred, int port,
              const tensorflow::NameAttrList& f,
              const std::vector<std::string>& inputs,
              const std::vector<DataType>& tin,
              const std::vector<DataType>& tout);
  void MergeOutputs(const std::vector<std::string>& branches,
                    const std::vector<std::string>& pivots,
                    const std::vector<DataType>& tout);

  const FunctionLibraryDefinition& lib_;
  const NodeDef& node_;
  std::deque<NodeDef>* out_;  // deque: references stay valid
};

void Lowering::Branch(const std::string& tag, const std::string& pred, int port,
                      const tensorflow::NameAttrList& f,
                      const std::vector<std::string>& inputs,
                      const std::vector<DataType>& tin,
                      const std::vector<DataType>& tout) {
  std::vector<std::string> args;
  for (size_t i = 0; i < inputs.size(); ++i) {
    NodeDef& sw = Add(StrCat(tag, "/input_", i), "Switch", {inputs[i], pred});
    (*sw.mutable_attr())["T"] = TypeAttr(tin[i]);
    for (const std::string& c : ControlInputs(node_)) sw.add_input(c);
    args.push_back(StrCat(sw.name(), ":", port));
  }
  args.push_back("^" + Name(tag + "/pivot"));
  Call(tag, f, args, tin, tout);
}

void Lowering::MergeOutputs(const std::vector<std::string>& branches,
                            const std::vector<std::string>& pivots,
                            const std::vector<DataType>& tout) {
  std::vector<std::string> outputs;
  for (size_t j = 0; j < tout.size(); ++j) {
    std::vector<std::string> ins;
    for (const std::string& b : branches) ins.push_back(StrCat(b, ":", j));
    NodeDef& m = Add(StrCat("output_", j), "Merge", ins);
    (*m.mutable_attr())["T"] = TypeAttr(tout[j]);
    (*m.mutable_attr())["N"].set_i(static_cast<int64_t>(ins.size()));
    outputs.push_back(m.name());
  }
  NodeDef& done = Add("branch_executed", "Merge", pivots);
  (*done.mutable_attr())["T"] = TypeAttr(DT_BOOL);
  (*done.mutable_attr())["N"].set_i(static_cast<int64_t>(pivots.size()));
  for (const std::string& b : branches) done.add_input("^" + b);
  Output(outputs, tout, done.name());
}

Status Lowering::LowerIf() {
  const std::vector<std::string> data = DataInputs(node_);
  TFP_ASSIGN_OR_RETURN(DataType tcond, GetTypeAttr(node_, "Tcond"));
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tin,
                       GetTypeListAttr(node_, "Tin"));
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tout,
                       GetTypeListAttr(node_, "Tout"));
  TFP_RETURN_IF_ERROR(CheckInputCount(data, tin.size() + 1));
  const std::string pred = BoolPred(data[0], tcond, "to_bool");
  NodeDef& sp = Add("switch_pred", "Switch", {pred, pred});
  (*sp.mutable_attr())["T"] = TypeAttr(DT_BOOL);
  for (const std::string& c : ControlInputs(node_)) sp.add_input(c);
  Add("then/pivot", "Identity", {sp.name() + ":1"})
      .mutable_attr()
      ->insert({"T", TypeAttr(DT_BOOL)});
  Add("else/pivot", "Identity", {sp.name()})
      .mutable_attr()
      ->insert({"T", TypeAttr(DT_BOOL)});
  std::vector<std::string> inputs(data.begin() + 1, data.end());
  Branch("then", pred, 1, node_.attr().at("then_branch").func(), inputs, tin,
         tout);
  Branch("else", pred, 0, node_.attr().at("else_branch").func(), inputs, tin,
         tout);
  MergeOutputs({Name("then"), Name("else")},
               {Name("then/pivot"), Name("else/pivot")}, tout);
  return OkStatus();
}

Status Lowering::LowerCase() {
  const std::vector<std::string> data = DataInputs(node_);
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tin,
                       GetTypeListAttr(node_, "Tin"));
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> tout,
                       GetTypeListAttr(node_, "Tout"));
  TFP_RETURN_IF_ERROR(CheckInputCount(data, tin.size() + 1));
  const auto& branches = node_.attr().at("branches").list().func();
  const int k = branches.size();
  // Constants hang off an Identity of the index (a data edge, so a fed
  // index works) to live in the index's frame.
  NodeDef& index_node = Add("index", "Identity", {data[0]});
  (*index_node.mutable_attr())["T"] = TypeAttr(DT_INT32);
  const std::string idx = index_node.name();
  auto int_const = [&](const std::string& suffix, int value) {
    NodeDef& c = Add(suffix, "Const", {"^" + idx});
    (*c.mutable_attr())["dtype"] = TypeAttr(DT_INT32);
    auto* t = (*c.mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tensorflow::DT_INT32);
    t->add_int_val(value);
    return c.name();
  };
  const std::string last = int_const("last", k - 1);
  const std::string zero = int_const("zero", 0);
  auto binary = [&](const std::string& suffix, const std::string& op,
                    const std::string& a, const std::string& b) {
    NodeDef& n = Add(suffix, op, {a, b});
    if (op != "LogicalAnd") (*n.mutable_attr())["T"] = TypeAttr(DT_INT32);
    return n.name();
  };
  const std::string in_range =
      binary("in_range", "LogicalAnd", binary("ge0", "GreaterEqual", idx, zero),
             binary("lt_last", "Less", idx, last));
  NodeDef& sel = Add("branch_index", "Select", {in_range, idx, last});
  (*sel.mutable_attr())["T"] = TypeAttr(DT_INT32);
  std::vector<std::string> inputs(data.begin() + 1, data.end());
  std::vector<std::string> calls, pivots;
  for (int b = 0; b < k; ++b) {
    const std::string tag = StrCat("branch", b);
    NodeDef& eq =
        Add(tag + "/pred", "Equal", {sel.name(), int_const(tag + "/k", b)});
    (*eq.mutable_attr())["T"] = TypeAttr(DT_INT32);
    NodeDef& sp = Add(tag + "/switch_pred", "Switch", {eq.name(), eq.name()});
    (*sp.mutable_attr())["T"] = TypeAttr(DT_BOOL);
    Add(tag + "/pivot", "Identity", {sp.name() + ":1"})
        .mutable_attr()
        ->insert({"T", TypeAttr(DT_BOOL)});
    Branch(tag, eq.name(), 1, branches[b], inputs, tin, tout);
    calls.push_back(Name(tag));
    pivots.push_back(Name(tag + "/pivot"));
  }
  MergeOutputs(calls, pivots, tout);
  return OkStatus();
}

Status Lowering::LowerWhile() {
  const std::vector<std::string> data = DataInputs(node_);
  TFP_ASSIGN_OR_RETURN(std::vector<DataType> t, GetTypeListAttr(node_, "T"));
  if (t.empty()) {
    return errors::InvalidArgument("While node '", node_.name(),
                                   "' has no loop variables");
  }
  TFP_RETURN_IF_ERROR(CheckInputCount(data, t.size()));
  int64_t parallel = 10;
  if (HasAttr(node_, "parallel_iterations")) {
    TFP_ASSIGN_OR_RETURN(parallel, GetIntAttr(node_, "parallel_iterations"));
  }
  std::vector<std::string> merges, switched, exits;
  for (size_t i = 0; i < t.size(); ++i) {
    NodeDef& enter = Add(StrCat("enter_", i), "Enter", {data[i]});
    (*enter.mutable_attr())["T"] = TypeAttr(t[i]);
    (*enter.mutable_attr())["frame_name"].set_s(node_.name());
    (*enter.mutable_attr())["is_constant"].set_b(false);
    (*enter.mutable_attr())["parallel_iterations"].set_i(parallel);
    for (const std::string& c : ControlInputs(node_)) enter.add_input(c);
    NodeDef& merge = Add(StrCat("merge_", i), "Merge",
                         {enter.name(), Name(StrCat("next_", i))});
    (*merge.mutable_attr())["T"] = TypeAttr(t[i]);
    (*merge.mutable_attr())["N"].set_i(2);
    merges.push_back(merge.name());
  }
  std::vector<DataType> cond_args, cond_rets;
  const auto& cond_f = node_.attr().at("cond").func();
  TFP_RETURN_IF_ERROR(
      SignatureTypes(lib_.Find(cond_f.name())->signature(),
                     AttrMap(cond_f.attr().begin(), cond_f.attr().end()),
                     &cond_args, &cond_rets));
  std::vector<std::string> cond_in = merges;
  cond_in.push_back("^" + merges[0]);
  Call("cond", cond_f, cond_in, t, cond_rets);
  const std::string pred = BoolPred(Name("cond"), cond_rets[0], "cond_bool");
  Add("loop_cond", "LoopCond", {pred});
  for (size_t i = 0; i < t.size(); ++i) {
    NodeDef& sw =
        Add(StrCat("switch_", i), "Switch", {merges[i], Name("loop_cond")});
    (*sw.mutable_attr())["T"] = TypeAttr(t[i]);
    switched.push_back(sw.name() + ":1");
    NodeDef& exit = Add(StrCat("exit_", i), "Exit", {sw.name()});
    (*exit.mutable_attr())["T"] = TypeAttr(t[i]);
    exits.push_back(exit.name());
  }
  Add("body/pivot", "Identity", {switched[0]})
      .mutable_attr()
      ->insert({"T", TypeAttr(t[0])});
  switched.push_back("^" + Name("body/pivot"));
  Call("body", node_.attr().at("body").func(), switched, t, t);
  for (size_t i = 0; i < t.size(); ++i) {
    NodeDef& next = Add(StrCat("next_", i), "NextIteration",
                        {StrCat(Name("body"), ":", i)});
    (*next.mutable_attr())["T"] = TypeAttr(t[i]);
  }
  Output(exits, t, "");
  return OkStatus();
}

}  // namespace

Status LowerFunctionalOps(const FunctionLibraryDefinition& lib,
                          tensorflow::GraphDef* graph, bool* changed) {
  if (changed != nullptr) *changed = false;
  std::deque<NodeDef> out;
  for (const NodeDef& node : graph->node()) {
    if (!IsFunctionalControlFlow(node.op())) {
      out.push_back(node);
      continue;
    }
    TFP_RETURN_IF_ERROR(CheckCallArity(node, lib));
    Lowering lowering(lib, node, &out);
    const std::string& op = node.op();
    Status s = op == "If" || op == "StatelessIf"         ? lowering.LowerIf()
               : op == "While" || op == "StatelessWhile" ? lowering.LowerWhile()
                                                         : lowering.LowerCase();
    TFP_RETURN_IF_ERROR_CTX(s, "lowering ", op, " node '", node.name(), "'");
    if (changed != nullptr) *changed = true;
  }
  graph->clear_node();
  for (NodeDef& node : out) *graph->add_node() = std::move(node);
  return OkStatus();
}

Status LowerAndInline(const FunctionLibraryDefinition& lib,
                      tensorflow::GraphDef* graph,
                      const InlineOptions& options) {
  for (int round = 0; round < 1000; ++round) {
    bool lowered = false;
    TFP_RETURN_IF_ERROR(LowerFunctionalOps(lib, graph, &lowered));
    TFP_RETURN_IF_ERROR(InlineFunctionCalls(lib, graph, options));
    bool has_control_flow = false;
    for (const auto& n : graph->node()) {
      has_control_flow |= IsFunctionalControlFlow(n.op());
    }
    if (!has_control_flow) return OkStatus();
  }
  return errors::InvalidArgument(
      "Functional control flow nested deeper than 1000 levels");
}

}  // namespace tfpersist
