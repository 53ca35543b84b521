#include "graph/shape_refiner.h"

#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "graph/shape_inference.h"

namespace tfpersist {

const Tensor* ShapeRefiner::ConstantValue(const Node* node) {
  if (node->op() != "Const") return nullptr;
  auto it = constants_.find(node);
  if (it == constants_.end()) {
    StatusOr<Tensor> value = GetTensorAttr(node->def(), "value");
    if (!value.ok()) return nullptr;
    it = constants_.emplace(node, std::move(value).value()).first;
  }
  return &it->second;
}

Status ShapeRefiner::AddNode(const Node* node) {
  std::vector<PartialTensorShape> unknown(
      static_cast<size_t>(node->num_outputs()));
  shapes_[node] = unknown;
  auto reg = OpRegistry::Global()->LookUp(node->op());
  if (!reg.ok() || &(*reg)->op_def != &node->op_def()) {
    return OkStatus();  // extra op or function: shapes unknown
  }
  std::vector<PartialTensorShape> in_shapes;
  std::vector<const Tensor*> in_values;
  for (const Output& in : node->inputs()) {
    in_shapes.push_back(OutputShape(in));
    in_values.push_back(in.index == 0 ? ConstantValue(in.node) : nullptr);
  }
  auto out = InferOutputShapes(**reg, node->def(), std::move(in_shapes),
                               std::move(in_values), graph_def_version_);
  if (!out.ok()) return out.status();
  shapes_[node] = std::move(out).value();
  return OkStatus();
}

std::vector<PartialTensorShape> ShapeRefiner::OutputShapes(
    const Node* node) const {
  auto it = shapes_.find(node);
  if (it == shapes_.end()) {
    return std::vector<PartialTensorShape>(
        static_cast<size_t>(node->num_outputs()));
  }
  return it->second;
}

PartialTensorShape ShapeRefiner::OutputShape(const Output& output) const {
  if (output.node == nullptr) return PartialTensorShape();
  auto it = shapes_.find(output.node);
  if (it == shapes_.end() || output.index < 0 ||
      output.index >= static_cast<int>(it->second.size())) {
    return PartialTensorShape();
  }
  return it->second[output.index];
}

StatusOr<std::vector<std::vector<PartialTensorShape>>> InferGraphShapes(
    const Graph& graph) {
  TFP_ASSIGN_OR_RETURN(std::vector<Node*> order, graph.TopologicalOrder());
  ShapeRefiner refiner;
  refiner.set_graph_def_version(graph.versions().producer());
  for (const Node* node : order) TFP_RETURN_IF_ERROR(refiner.AddNode(node));
  std::vector<std::vector<PartialTensorShape>> shapes;
  for (const Node* node : graph.nodes()) {
    shapes.push_back(refiner.OutputShapes(node));
  }
  return shapes;
}

}  // namespace tfpersist
