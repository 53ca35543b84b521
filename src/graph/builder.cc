#include "tfpersist/graph/builder.h"

#include <algorithm>
#include <set>

#include "graph/node_def_util.h"
#include "graph/shape_refiner.h"

namespace tfpersist {
namespace {

void SetIfAbsent(tensorflow::NodeDef* def, const std::string& name,
                 tensorflow::AttrValue value) {
  if (!def->attr().contains(name))
    (*def->mutable_attr())[name] = std::move(value);
}

std::string InputString(const Output& o) {
  return o.index == 0 ? o.node->name() : StrCat(o.node->name(), ":", o.index);
}

// Python's Operation.colocation_groups().
std::vector<std::string> ColocationGroups(const Node* op) {
  std::vector<std::string> groups;
  auto it = op->def().attr().find("_class");
  if (it != op->def().attr().end()) {
    for (const std::string& s : it->second.list().s()) {
      if (s.starts_with("loc:@")) groups.push_back(s);
    }
  }
  if (groups.empty()) groups.push_back(StrCat("loc:@", op->name()));
  return groups;
}

}  // namespace

GraphBuilder::GraphBuilder(Graph* graph)
    : graph_(graph), refiner_(std::make_unique<ShapeRefiner>()) {
  refiner_->set_graph_def_version(graph->versions().producer());
}

GraphBuilder::~GraphBuilder() = default;

GraphBuilder::ScopeGuard GraphBuilder::NameScope(std::string_view name) {
  std::string previous;
  StatusOr<std::string> entered = graph_->EnterNameScope(name, &previous);
  if (!entered.ok()) {
    UpdateStatus(entered.status());
    return ScopeGuard(nullptr);
  }
  return ScopeGuard([this, previous] { graph_->RestoreNameScope(previous); });
}

std::string GraphBuilder::name_scope() const {
  const std::string& s = graph_->name_scope();
  return s.empty() ? s : StrCat(s, "/");
}

GraphBuilder::ScopeGuard GraphBuilder::ControlDependencies(
    std::vector<Node*> ops) {
  for (const Node* op : ops) {
    if (op == nullptr) {
      UpdateStatus(errors::InvalidArgument(
          "ControlDependencies got a null op (from an earlier error?)"));
    }
  }
  ops.erase(std::remove(ops.begin(), ops.end(), nullptr), ops.end());
  control_stack_.push_back({std::move(ops), graph_->num_nodes(), false});
  return ScopeGuard([this] { control_stack_.pop_back(); });
}

GraphBuilder::ScopeGuard GraphBuilder::ClearControlDependencies() {
  control_stack_.push_back({{}, graph_->num_nodes(), true});
  return ScopeGuard([this] { control_stack_.pop_back(); });
}

GraphBuilder::ScopeGuard GraphBuilder::Device(std::string_view device) {
  device_stack_.emplace_back(device);
  return ScopeGuard([this] { device_stack_.pop_back(); });
}

GraphBuilder::ScopeGuard GraphBuilder::ColocateWith(const Node* op) {
  if (op == nullptr) {
    UpdateStatus(errors::InvalidArgument("ColocateWith got a null op"));
    return ScopeGuard(nullptr);
  }
  colocation_stack_.push_back(op);
  return ScopeGuard([this] { colocation_stack_.pop_back(); });
}

PartialTensorShape GraphBuilder::GetShape(const Output& output) const {
  return refiner_->OutputShape(output);
}

Status GraphBuilder::InferTypeAttrs(const tensorflow::OpDef& op_def,
                                    const std::vector<OpInput>& inputs,
                                    tensorflow::NodeDef* def) const {
  for (int i = 0; i < op_def.input_arg_size(); ++i) {
    const auto& arg = op_def.input_arg(i);
    const OpInput& in = inputs[i];
    const bool list_arg =
        !arg.number_attr().empty() || !arg.type_list_attr().empty();
    if (list_arg != in.is_list()) {
      return errors::InvalidArgument("Input '", arg.name(), "' of ",
                                     op_def.name(), " expects ",
                                     list_arg ? "a list" : "a single tensor");
    }
    for (const Output& t : in.tensors()) {
      if (t.node == nullptr) {
        return errors::InvalidArgument("Input '", arg.name(), "' of ",
                                       op_def.name(), " is a null Output");
      }
    }
    const auto& ts = in.tensors();
    if (!arg.number_attr().empty()) {
      SetIfAbsent(def, arg.number_attr(), MakeAttr(int64_t(ts.size())));
    }
    if (!arg.type_attr().empty() && !ts.empty()) {
      SetIfAbsent(def, arg.type_attr(), MakeAttr(BaseType(ts[0].dtype())));
    }
    if (!arg.type_list_attr().empty()) {
      std::vector<DataType> types;
      for (const Output& t : ts) types.push_back(BaseType(t.dtype()));
      SetIfAbsent(def, arg.type_list_attr(), MakeAttr(types));
    }
  }
  return OkStatus();
}

std::vector<Node*> GraphBuilder::ControlInputsFor(
    const std::vector<OpInput>& inputs) const {
  std::set<const Node*> input_ops;
  for (const OpInput& in : inputs) {
    for (const Output& t : in.tensors()) input_ops.insert(t.node);
  }
  std::vector<Node*> result;
  for (const ControlScope& scope : control_stack_) {
    if (scope.clears) {
      result.clear();
      continue;
    }
    const bool dominated =
        std::any_of(input_ops.begin(), input_ops.end(),
                    [&](const Node* n) { return n->id() >= scope.first_id; });
    if (dominated) continue;
    for (Node* op : scope.ops) {
      if (!input_ops.contains(op)) result.push_back(op);
    }
  }
  return result;
}

void GraphBuilder::ApplyColocation(tensorflow::NodeDef* def) const {
  if (colocation_stack_.empty()) return;
  std::set<std::string> groups;
  for (const Node* op : colocation_stack_) {
    for (std::string& g : ColocationGroups(op)) groups.insert(std::move(g));
    if (!op->device().empty()) def->set_device(op->device());
  }
  (*def->mutable_attr())["_class"] =
      MakeAttr(std::vector<std::string>(groups.begin(), groups.end()));
}

Status GraphBuilder::MakeNodeDef(std::string_view op_type,
                                 const std::vector<OpInput>& inputs,
                                 const AttrList& attrs,
                                 const std::vector<Node*>& control_inputs,
                                 tensorflow::NodeDef* def) {
  def->set_op(std::string(op_type));
  TFP_ASSIGN_OR_RETURN(const tensorflow::OpDef* op_def,
                       graph_->LookUpOpDef(op_type));
  if (static_cast<int>(inputs.size()) != op_def->input_arg_size()) {
    return errors::InvalidArgument("expected ", op_def->input_arg_size(),
                                   " input args, got ", inputs.size());
  }
  for (const auto& [key, value] : attrs) (*def->mutable_attr())[key] = value;
  TFP_RETURN_IF_ERROR(InferTypeAttrs(*op_def, inputs, def));
  for (const OpInput& in : inputs) {
    for (const Output& t : in.tensors()) def->add_input(InputString(t));
  }
  std::vector<Node*> control = ControlInputsFor(inputs);
  control.insert(control.end(), control_inputs.begin(), control_inputs.end());
  for (const Node* c : control) {
    if (c != nullptr) def->add_input(StrCat("^", c->name()));
  }
  if (!device_stack_.empty()) def->set_device(device_stack_.back());
  // Python colocates an op with the producers of its ref inputs
  // (op_def_library's _MaybeColocateWith), e.g. v/Assign with v.
  const size_t pushed = colocation_stack_.size();
  for (int i = 0; i < op_def->input_arg_size(); ++i) {
    if (!op_def->input_arg(i).is_ref()) continue;
    for (const Output& t : inputs[i].tensors()) {
      colocation_stack_.push_back(t.node);
    }
  }
  ApplyColocation(def);
  colocation_stack_.resize(pushed);
  return OkStatus();
}

Node* GraphBuilder::AddNode(std::string_view op_type, std::string_view name,
                            const std::vector<OpInput>& inputs,
                            const AttrList& attrs,
                            const std::vector<Node*>& control_inputs) {
  if (!ok()) return nullptr;
  const std::string base =
      name.empty() ? std::string(op_type) : std::string(name);
  tensorflow::NodeDef def;
  def.set_name(base.back() == '/' ? base.substr(0, base.size() - 1)
                                  : graph_->UniqueName(base));
  Status made = MakeNodeDef(op_type, inputs, attrs, control_inputs, &def);
  if (!made.ok()) {
    UpdateStatus(
        made.WithContext(StrCat("building ", op_type, " '", def.name(), "'")));
    return nullptr;
  }
  StatusOr<Node*> node = graph_->AddNode(std::move(def));
  if (!node.ok()) {
    UpdateStatus(node.status());
    return nullptr;
  }
  UpdateStatus(refiner_->AddNode(*node));
  return ok() ? *node : nullptr;
}

}  // namespace tfpersist
