#include "runtime/optimizer/graph_view.h"

#include <algorithm>
#include <cstdlib>

#include "core/tensor_proto.h"

namespace tfpersist::optimizer {

InputRef ParseInput(const std::string& input) {
  InputRef r;
  std::string s = input;
  if (!s.empty() && s[0] == '^') {
    r.control = true;
    r.node = s.substr(1);
    return r;
  }
  const size_t colon = s.rfind(':');
  if (colon != std::string::npos && colon + 1 < s.size() &&
      std::all_of(s.begin() + colon + 1, s.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    r.node = s.substr(0, colon);
    r.port = std::atoi(s.c_str() + colon + 1);
  } else {
    r.node = s;
  }
  return r;
}

std::string InputString(const std::string& node, int port) {
  return port == 0 ? node : node + ":" + std::to_string(port);
}

GraphView::GraphView(tensorflow::GraphDef* graph,
                     const std::set<std::string>& preserve)
    : graph_(graph), preserve_(preserve) {
  for (int i = 0; i < graph->node_size(); ++i) {
    index_[graph->node(i).name()] = i;
  }
  for (const tensorflow::NodeDef& n : graph->node()) {
    for (const std::string& in : n.input()) {
      InputRef r = ParseInput(in);
      if (r.control) {
        control_[r.node].push_back(n.name());
      } else {
        data_[{r.node, r.port}].push_back(n.name());
      }
    }
  }
}

tensorflow::NodeDef* GraphView::node(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : graph_->mutable_node(it->second);
}

const std::vector<std::string>& GraphView::data_consumers(
    const std::string& name, int port) const {
  auto it = data_.find({name, port});
  return it == data_.end() ? empty_ : it->second;
}

const std::vector<std::string>& GraphView::control_consumers(
    const std::string& name) const {
  auto it = control_.find(name);
  return it == control_.end() ? empty_ : it->second;
}

int GraphView::num_data_consumers(const std::string& name) const {
  int n = 0;
  for (auto it = data_.lower_bound({name, 0});
       it != data_.end() && it->first.first == name; ++it) {
    n += static_cast<int>(it->second.size());
  }
  return n;
}

tensorflow::NodeDef* GraphView::producer(const tensorflow::NodeDef& n,
                                         int i) const {
  if (i >= n.input_size()) return nullptr;
  return node(ParseInput(n.input(i)).node);
}

bool GraphView::IsPlainConstInput(const tensorflow::NodeDef& n, int i) const {
  const tensorflow::NodeDef* p = producer(n, i);
  return p != nullptr && p->op() == "Const" && p->input_size() == 0 &&
         ParseInput(n.input(i)).port == 0 && !preserved(p->name());
}

StatusOr<Tensor> GraphView::ConstValue(const tensorflow::NodeDef& n) const {
  auto it = n.attr().find("value");
  if (it == n.attr().end()) {
    return errors::InvalidArgument("Const node '", n.name(), "' has no value");
  }
  return TensorFromProto(it->second.tensor());
}

void GraphView::Rewire(const std::string& from, int port,
                       const std::string& to) {
  const InputRef target = ParseInput(to);
  const std::string old_data = InputString(from, port);
  std::vector<std::string> consumers = data_consumers(from, port);
  for (const std::string& c : consumers) {
    tensorflow::NodeDef* n = node(c);
    for (std::string& in : *n->mutable_input()) {
      InputRef r = ParseInput(in);
      if (!r.control && r.node == from && r.port == port) in = to;
    }
    data_[{target.node, target.port}].push_back(c);
  }
  data_.erase({from, port});
  if (port != 0) return;
  std::vector<std::string> controls = control_consumers(from);
  for (const std::string& c : controls) {
    tensorflow::NodeDef* n = node(c);
    auto* inputs = n->mutable_input();
    const std::string ctl = "^" + target.node;
    const bool has =
        std::find(inputs->begin(), inputs->end(), ctl) != inputs->end();
    for (int i = inputs->size() - 1; i >= 0; --i) {
      if ((*inputs)[i] == "^" + from) inputs->DeleteSubrange(i, 1);
    }
    if (!has) {
      n->add_input(ctl);
      control_[target.node].push_back(c);
    }
  }
  control_.erase(from);
}

tensorflow::NodeDef* GraphView::Add(tensorflow::NodeDef node) {
  index_[node.name()] = graph_->node_size();
  for (const std::string& in : node.input()) {
    InputRef r = ParseInput(in);
    if (r.control) {
      control_[r.node].push_back(node.name());
    } else {
      data_[{r.node, r.port}].push_back(node.name());
    }
  }
  *graph_->add_node() = std::move(node);
  return graph_->mutable_node(graph_->node_size() - 1);
}

void GraphView::Commit() {
  if (removed_.empty()) return;
  auto* nodes = graph_->mutable_node();
  int out = 0;
  for (int i = 0; i < nodes->size(); ++i) {
    if (removed_.count(nodes->Get(i).name()) > 0) continue;
    if (out != i) nodes->SwapElements(out, i);
    ++out;
  }
  nodes->DeleteSubrange(out, nodes->size() - out);
  removed_.clear();
}

tensorflow::NodeDef MakeConst(const std::string& name, const Tensor& value) {
  tensorflow::NodeDef n;
  n.set_name(name);
  n.set_op("Const");
  (*n.mutable_attr())["dtype"].set_type(
      static_cast<tensorflow::DataType>(value.dtype()));
  TensorToProtoContent(value, (*n.mutable_attr())["value"].mutable_tensor());
  return n;
}

bool IsControlFlowOrRef(const std::string& op) {
  static const std::set<std::string> kOps = {"Switch",
                                             "RefSwitch",
                                             "Merge",
                                             "RefMerge",
                                             "Enter",
                                             "RefEnter",
                                             "Exit",
                                             "RefExit",
                                             "NextIteration",
                                             "RefNextIteration",
                                             "LoopCond",
                                             "ControlTrigger",
                                             "Variable",
                                             "VariableV2",
                                             "TemporaryVariable",
                                             "VarHandleOp",
                                             "RefIdentity"};
  return kOps.count(op) > 0 || op.rfind("Assign", 0) == 0 ||
         op.rfind("Scatter", 0) == 0 || op.rfind("_", 0) == 0;
}

}  // namespace tfpersist::optimizer
