// convert_variables_to_constants (freeze-and-import.md §4): variables of the
// subgraph feeding the outputs become Const nodes holding their session
// values, encoded as Python's make_tensor_proto does, so the frozen GraphDef
// matches TensorFlow's byte for byte in every Const.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "core/tensor_proto.h"
#include "graph/tensor_id.h"
#include "tfpersist/tools/graph_util.h"

namespace tfpersist {
namespace {

using tensorflow::AttrValue;
using tensorflow::GraphDef;
using tensorflow::NodeDef;

bool IsRefVariable(const NodeDef& n) {
  return n.op() == "VariableV2" || n.op() == "Variable";
}
bool IsVariable(const NodeDef& n) {
  return IsRefVariable(n) || n.op() == "VarHandleOp";
}
bool IsPassThrough(const std::string& op) {
  static const std::set<std::string>* const kOps = new std::set<std::string>{
      "Identity", "Switch", "Merge", "Enter", "Exit", "NextIteration"};
  return kOps->contains(op);
}

// How a node of the inference graph is rewritten.
enum class Rewrite { kCopy, kConst, kRead, kPassThrough, kGather };

struct FreezePlan {
  std::map<std::string, Rewrite> rewrite;  // absent = kCopy
  // Converted variable or node reached from one -> its variable's "dtype".
  std::map<std::string, AttrValue> dtype_of;
  std::vector<std::string> variables;  // converted, in graph order
  std::vector<std::string> fetches;    // one per variable
};

bool ShouldConvert(const std::string& name,
                   const std::optional<std::vector<std::string>>& white,
                   const std::optional<std::vector<std::string>>& black) {
  auto in = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  return !(white.has_value() && !in(*white)) &&
         !(black.has_value() && in(*black));
}

// Marks reads (and pass-through nodes between them and the handle) reached
// along data edges from each converted VarHandleOp, as TF2's converter
// propagates the conversion.
void PropagateFromHandles(const GraphDef& g, FreezePlan* plan) {
  std::map<std::string, std::vector<int>> consumers;  // data edges only
  for (int i = 0; i < g.node_size(); ++i) {
    for (const std::string& in : g.node(i).input()) {
      auto id = ParseTensorName(in);
      if (id.ok() && !id->is_control()) consumers[id->node].push_back(i);
    }
  }
  std::deque<std::string> frontier;
  for (const std::string& v : plan->variables) frontier.push_back(v);
  while (!frontier.empty()) {
    const std::string src = frontier.front();
    frontier.pop_front();
    for (int i : consumers[src]) {
      const NodeDef& n = g.node(i);
      if (plan->rewrite.contains(n.name())) continue;
      Rewrite r = Rewrite::kCopy;
      if (n.op() == "ReadVariableOp") r = Rewrite::kRead;
      if (n.op() == "ResourceGather") r = Rewrite::kGather;
      if (IsPassThrough(n.op())) r = Rewrite::kPassThrough;
      if (r == Rewrite::kCopy) continue;
      plan->rewrite[n.name()] = r;
      plan->dtype_of[n.name()] = plan->dtype_of[src];
      if (r == Rewrite::kPassThrough) frontier.push_back(n.name());
    }
  }
}

StatusOr<FreezePlan> MakePlan(
    const GraphDef& g, const std::optional<std::vector<std::string>>& white,
    const std::optional<std::vector<std::string>>& black) {
  FreezePlan plan;
  for (const NodeDef& n : g.node()) {
    if (!IsVariable(n) || !ShouldConvert(n.name(), white, black)) continue;
    auto dtype = n.attr().find("dtype");
    if (dtype == n.attr().end() ||
        dtype->second.value_case() != AttrValue::kType) {
      return errors::InvalidArgument("Variable '", n.name(), "' (op ", n.op(),
                                     ") has no 'dtype' attr of type 'type'");
    }
    plan.rewrite[n.name()] = Rewrite::kConst;
    plan.dtype_of[n.name()] = dtype->second;
    plan.variables.push_back(n.name());
    plan.fetches.push_back(IsRefVariable(n)
                               ? StrCat(n.name(), ":0")
                               : StrCat(n.name(), "/Read/ReadVariableOp:0"));
  }
  PropagateFromHandles(g, &plan);
  return plan;
}

StatusOr<NodeDef> MakeConst(const NodeDef& var, const AttrValue& dtype,
                            const Tensor& value) {
  if (static_cast<int>(value.dtype()) != dtype.type()) {
    return errors::Internal("Variable '", var.name(), "' holds ",
                            DataTypeString(value.dtype()), " but its dtype ",
                            "attr says ",
                            DataTypeString(DataType(dtype.type())));
  }
  NodeDef c;
  c.set_name(var.name());
  c.set_op("Const");
  (*c.mutable_attr())["dtype"] = dtype;
  TensorToProtoLikePython(value, (*c.mutable_attr())["value"].mutable_tensor());
  return c;
}

NodeDef MakeIdentityFromRead(const NodeDef& read, const AttrValue& dtype) {
  NodeDef out;
  out.set_name(read.name());
  out.set_op("Identity");
  *out.mutable_input() = read.input();
  (*out.mutable_attr())["T"] = dtype;
  auto cls = read.attr().find("_class");
  if (cls != read.attr().end()) (*out.mutable_attr())["_class"] = cls->second;
  return out;
}

NodeDef MakePassThrough(const NodeDef& node, const AttrValue& dtype) {
  NodeDef out = node;
  auto t = out.mutable_attr()->find("T");
  if (t != out.mutable_attr()->end() &&
      t->second.type() == tensorflow::DT_RESOURCE) {
    t->second = dtype;
  }
  out.mutable_attr()->erase("_output_shapes");
  return out;
}

// ResourceGather(handle, indices) -> "<name>/axis" Const + GatherV2.
Status AppendGather(const NodeDef& g, const AttrValue& dtype, GraphDef* out) {
  auto attr = [&](const char* name) {
    auto it = g.attr().find(name);
    return it == g.attr().end() ? AttrValue() : it->second;
  };
  if (attr("batch_dims").i() != 0 || g.input_size() < 2) {
    return errors::InvalidArgument("Cannot freeze ResourceGather '", g.name(),
                                   "': needs 2 inputs and batch_dims 0 (got ",
                                   g.input_size(), " inputs, batch_dims ",
                                   attr("batch_dims").i(), ")");
  }
  const AttrValue tindices = attr("Tindices");
  NodeDef axis;
  axis.set_name(StrCat(g.name(), "/axis"));
  axis.set_op("Const");
  (*axis.mutable_attr())["dtype"] = tindices;
  Tensor zero = tindices.type() == tensorflow::DT_INT64
                    ? Tensor::Scalar<int64_t>(0)
                    : Tensor::Scalar<int32_t>(0);
  TensorToProtoLikePython(zero,
                          (*axis.mutable_attr())["value"].mutable_tensor());
  *out->add_node() = std::move(axis);
  NodeDef* gather = out->add_node();
  gather->set_name(g.name());
  gather->set_op("GatherV2");
  gather->add_input(g.input(0));
  gather->add_input(g.input(1));
  gather->add_input(StrCat(g.name(), "/axis"));
  (*gather->mutable_attr())["Tindices"] = tindices;
  (*gather->mutable_attr())["Tparams"] = dtype;
  (*gather->mutable_attr())["Taxis"] = tindices;
  auto cls = g.attr().find("_class");
  if (cls != g.attr().end()) (*gather->mutable_attr())["_class"] = cls->second;
  return OkStatus();
}

StatusOr<std::vector<Tensor>> FetchValues(Session* session,
                                          const FreezePlan& plan) {
  std::vector<Tensor> values;
  if (plan.fetches.empty()) return values;
  Status s = session->Run({}, plan.fetches, {}, &values);
  if (!s.ok()) {
    return s.WithContext(StrCat("reading ", plan.variables.size(),
                                " variables to freeze (",
                                StrJoin(plan.fetches, ", "), ")"));
  }
  if (values.size() != plan.fetches.size()) {
    return errors::Internal("Session returned ", values.size(), " values for ",
                            plan.fetches.size(), " fetches");
  }
  return values;
}

}  // namespace

StatusOr<GraphDef> ConvertVariablesToConstants(
    Session* session, const GraphDef& graph_def,
    const std::vector<std::string>& output_node_names,
    const std::optional<std::vector<std::string>>& variable_names_whitelist,
    const std::optional<std::vector<std::string>>& variable_names_blacklist) {
  if (session == nullptr) {
    return errors::InvalidArgument("ConvertVariablesToConstants: null session");
  }
  TFP_ASSIGN_OR_RETURN(GraphDef inference,
                       ExtractSubGraph(graph_def, output_node_names));
  TFP_ASSIGN_OR_RETURN(
      FreezePlan plan,
      MakePlan(inference, variable_names_whitelist, variable_names_blacklist));
  TFP_ASSIGN_OR_RETURN(std::vector<Tensor> values, FetchValues(session, plan));
  std::map<std::string, const Tensor*> value_of;
  for (size_t i = 0; i < values.size(); ++i) {
    value_of[plan.variables[i]] = &values[i];
  }
  GraphDef out;
  for (const NodeDef& node : inference.node()) {
    auto it = plan.rewrite.find(node.name());
    const Rewrite r = it == plan.rewrite.end() ? Rewrite::kCopy : it->second;
    const AttrValue& dtype = plan.dtype_of[node.name()];
    switch (r) {
      case Rewrite::kCopy:
        *out.add_node() = node;
        break;
      case Rewrite::kConst: {
        TFP_ASSIGN_OR_RETURN(*out.add_node(),
                             MakeConst(node, dtype, *value_of[node.name()]));
        break;
      }
      case Rewrite::kRead:
        *out.add_node() = MakeIdentityFromRead(node, dtype);
        break;
      case Rewrite::kPassThrough:
        *out.add_node() = MakePassThrough(node, dtype);
        break;
      case Rewrite::kGather:
        TFP_RETURN_IF_ERROR(AppendGather(node, dtype, &out));
        break;
    }
  }
  *out.mutable_library() = inference.library();
  return out;
}

}  // namespace tfpersist
