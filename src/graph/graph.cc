// Graph construction: node validation, edges, GraphDef in/out, topological
// order. Names and lookups are in graph_names.cc.
#include "tfpersist/graph/graph.h"

#include <algorithm>
#include <queue>

#include "graph/node_def_util.h"
#include "graph/op_def_util.h"
#include "graph/op_registry.h"
#include "graph/tensor_id.h"
#include "tfpersist/graph/tf_version.h"

namespace tfpersist {
namespace {

bool IsNextIteration(const Node* n) {
  return n->op() == "NextIteration" || n->op() == "RefNextIteration";
}

// A ref output may feed a non-ref input (it is read); not the reverse.
bool TypesCompatible(DataType expected, DataType actual) {
  return expected == actual ||
         (!IsRefType(expected) && BaseType(actual) == expected);
}

void AddConsumer(Node* src, Node* dst, std::vector<Node*>* consumers) {
  if (std::find(consumers->begin(), consumers->end(), dst) ==
      consumers->end()) {
    consumers->push_back(dst);
  }
}

}  // namespace

std::string Output::name() const {
  return node == nullptr ? std::string() : StrCat(node->name(), ":", index);
}

DataType Output::dtype() const {
  if (node == nullptr || index < 0 || index >= node->num_outputs()) {
    return DT_INVALID;
  }
  return node->output_types()[index];
}

Graph::Graph(const tensorflow::OpList* extra_ops) {
  header_.mutable_versions()->set_producer(
      EmulatedTfVersion::kGraphDefProducer);
  if (extra_ops != nullptr) {
    for (const auto& op : extra_ops->op()) extra_ops_[op.name()] = op;
  }
}

Graph::~Graph() = default;

void Graph::set_library(const tensorflow::FunctionDefLibrary& library) {
  *header_.mutable_library() = library;
  function_ops_.clear();
  for (const auto& f : library.function()) {
    function_ops_[f.signature().name()] = f.signature();
  }
}

StatusOr<const tensorflow::OpDef*> Graph::LookUpOpDef(
    std::string_view op_type) const {
  auto registered = OpRegistry::Global()->LookUpOpDef(op_type);
  if (registered.ok()) return registered;
  if (auto it = extra_ops_.find(op_type); it != extra_ops_.end()) {
    return &it->second;
  }
  if (auto it = function_ops_.find(op_type); it != function_ops_.end()) {
    return &it->second;
  }
  return registered.status();
}

// TF's importer with a producer_op_list: an attr our OpDef lacks is dropped
// when it equals the producer's default (so newer graphs still import).
void Graph::DropUnknownDefaultAttrs(tensorflow::NodeDef* node) const {
  auto producer = extra_ops_.find(node->op());
  auto ours = OpRegistry::Global()->LookUpOpDef(node->op());
  if (producer == extra_ops_.end() || !ours.ok()) return;
  std::vector<std::string> drop;
  for (const auto& [name, value] : node->attr()) {
    if (name.starts_with("_") || FindAttr(name, **ours) != nullptr) continue;
    for (const auto& attr : producer->second.attr()) {
      if (attr.name() == name && attr.has_default_value() &&
          attr.default_value().SerializeAsString() ==
              value.SerializeAsString()) {
        drop.push_back(name);
      }
    }
  }
  for (const std::string& name : drop) node->mutable_attr()->erase(name);
}

Status Graph::CheckNewNode(const tensorflow::NodeDef& node) const {
  if (!IsValidNodeName(node.name())) {
    return errors::InvalidArgument("Node '", node.name(),
                                   "': Node name contains invalid characters");
  }
  if (by_name_.contains(node.name())) {
    return errors::InvalidArgument("Node '", node.name(), "' is not unique");
  }
  return OkStatus();
}

StatusOr<Node*> Graph::AddNodeUnlinked(tensorflow::NodeDef def) {
  TFP_RETURN_IF_ERROR(CheckNewNode(def));
  auto op_def = LookUpOpDef(def.op());
  if (!op_def.ok()) {
    return op_def.status().WithContext(FormatNodeForError(def));
  }
  DropUnknownDefaultAttrs(&def);
  AddDefaultsToNodeDef(**op_def, &def);
  TFP_RETURN_IF_ERROR(ValidateNodeDef(def, **op_def));
  auto node = std::unique_ptr<Node>(new Node);
  TFP_RETURN_IF_ERROR(InOutTypesForNode(def, **op_def, &node->input_types_,
                                        &node->output_types_));
  node->id_ = static_cast<int>(order_.size());
  node->op_def_ = *op_def;
  node->def_ = std::move(def);
  Node* raw = node.get();
  owned_.push_back(std::move(node));
  order_.push_back(raw);
  by_name_[raw->name()] = raw;
  std::string key = raw->name();
  std::transform(key.begin(), key.end(), key.begin(), ::tolower);
  if (!names_in_use_.contains(key)) names_in_use_[key] = 1;
  return raw;
}

Status Graph::LinkInputs(Node* node) {
  const std::string where = FormatNodeForError(node->def());
  for (const std::string& input : node->def().input()) {
    StatusOr<TensorId> id = ParseTensorName(input);
    if (!id.ok()) return id.status().WithContext(where);
    Node* src = FindNode(id->node);
    if (src == nullptr) {
      return errors::InvalidArgument(where, ": Unknown input node '", input,
                                     "'");
    }
    if (id->is_control()) {
      auto& ctl = node->control_inputs_;
      if (std::find(ctl.begin(), ctl.end(), src) == ctl.end())
        ctl.push_back(src);
    } else {
      const int i = static_cast<int>(node->inputs_.size());
      if (id->index >= src->num_outputs()) {
        return errors::InvalidArgument(where, ": Connecting to invalid output ",
                                       id->index, " of source node ",
                                       src->name(), " which has ",
                                       src->num_outputs(), " outputs");
      }
      const DataType expected = node->input_types_[i];
      const DataType actual = src->output_types_[id->index];
      if (!TypesCompatible(expected, actual)) {
        return errors::InvalidArgument(
            "Input ", i, " of node ", node->name(), " was passed ",
            DataTypeString(actual), " from ", src->name(), ":", id->index,
            " incompatible with expected ", DataTypeString(expected), ".");
      }
      node->inputs_.push_back(Output{src, id->index});
    }
    AddConsumer(src, node, &src->consumers_);
  }
  return OkStatus();
}

StatusOr<Node*> Graph::AddNode(tensorflow::NodeDef def) {
  // Check inputs before adding so a failed AddNode leaves the graph as is.
  for (const std::string& input : def.input()) {
    StatusOr<TensorId> id = ParseTensorName(input);
    if (!id.ok()) return id.status().WithContext(FormatNodeForError(def));
    if (FindNode(id->node) == nullptr) {
      return errors::InvalidArgument(FormatNodeForError(def),
                                     ": Unknown input node '", input, "'");
    }
  }
  std::string key = def.name();
  std::transform(key.begin(), key.end(), key.begin(), ::tolower);
  const bool name_was_used = names_in_use_.contains(key);
  TFP_ASSIGN_OR_RETURN(Node * node, AddNodeUnlinked(std::move(def)));
  Status linked = LinkInputs(node);
  if (!linked.ok()) {
    for (const Output& in : node->inputs_) {
      auto& c = in.node->consumers_;
      c.erase(std::remove(c.begin(), c.end(), node), c.end());
    }
    for (Node* in : node->control_inputs_) {
      auto& c = in->consumers_;
      c.erase(std::remove(c.begin(), c.end(), node), c.end());
    }
    by_name_.erase(node->name());
    order_.pop_back();
    owned_.pop_back();
    if (!name_was_used) names_in_use_.erase(key);
    return linked;
  }
  return node;
}

StatusOr<std::unique_ptr<Graph>> Graph::FromGraphDef(
    const tensorflow::GraphDef& graph_def,
    const tensorflow::OpList* extra_ops) {
  auto graph = std::make_unique<Graph>(extra_ops);
  graph->header_ = graph_def;
  graph->header_.clear_node();
  graph->set_library(graph_def.library());
  if (!graph_def.has_library()) graph->header_.clear_library();
  for (const auto& def : graph_def.node()) {
    TFP_RETURN_IF_ERROR(graph->AddNodeUnlinked(def).status());
  }
  for (Node* node : graph->order_) {
    TFP_RETURN_IF_ERROR(graph->LinkInputs(node));
  }
  TFP_RETURN_IF_ERROR(graph->TopologicalOrder().status());
  return graph;
}

tensorflow::GraphDef Graph::ToGraphDef() const {
  tensorflow::GraphDef out = header_;
  for (const Node* node : order_) {
    tensorflow::NodeDef* def = out.add_node();
    *def = node->def_;
    def->clear_input();
    for (const Output& in : node->inputs_) {
      def->add_input(in.index == 0 ? in.node->name()
                                   : StrCat(in.node->name(), ":", in.index));
    }
    std::vector<std::string> control;
    for (const Node* c : node->control_inputs_) control.push_back(c->name());
    std::sort(control.begin(), control.end());
    for (const std::string& c : control) def->add_input(StrCat("^", c));
  }
  return out;
}

StatusOr<std::vector<Node*>> Graph::TopologicalOrder() const {
  std::vector<int> pending(order_.size(), 0);
  for (const Node* node : order_) {
    for (const Node* c : node->consumers_) {
      if (!IsNextIteration(node)) ++pending[c->id()];
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<>> ready;
  for (const Node* node : order_) {
    if (pending[node->id()] == 0) ready.push(node->id());
  }
  std::vector<Node*> sorted;
  while (!ready.empty()) {
    Node* node = order_[ready.top()];
    ready.pop();
    sorted.push_back(node);
    if (IsNextIteration(node)) continue;
    for (const Node* c : node->consumers_) {
      if (--pending[c->id()] == 0) ready.push(c->id());
    }
  }
  if (sorted.size() == order_.size()) return sorted;
  std::vector<std::string> stuck;
  for (const Node* node : order_) {
    if (pending[node->id()] > 0 && stuck.size() < 5) {
      stuck.push_back(StrCat("'", node->name(), "'"));
    }
  }
  return errors::InvalidArgument(
      "GraphDef contains a cycle (only NextIteration may close a loop): "
      "nodes ",
      StrJoin(stuck, ", "), " are on or behind it");
}

}  // namespace tfpersist
