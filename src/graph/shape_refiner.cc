#include "graph/shape_refiner.h"

#include "core/tensor_proto.h"
#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "graph/shape_inference.h"

namespace tfpersist {

// Shape-like operands are small; larger constants are not decoded (this
// also bounds the memory a hostile Const can make us allocate).
constexpr int64_t kMaxConstantElements = 1 << 16;

const Tensor* ShapeRefiner::ConstantValue(const Node* node) {
  if (node->op() != "Const") return nullptr;
  auto it = constants_.find(node);
  if (it == constants_.end()) {
    auto attr = node->def().attr().find("value");
    if (attr == node->def().attr().end()) return nullptr;
    int64_t elements = 1;
    for (const auto& d : attr->second.tensor().tensor_shape().dim()) {
      if (d.size() < 0 ||
          (d.size() > 0 && elements > kMaxConstantElements / d.size())) {
        return nullptr;
      }
      elements *= d.size();
    }
    StatusOr<Tensor> value = GetTensorAttr(node->def(), "value");
    if (!value.ok()) return nullptr;
    it = constants_.emplace(node, std::move(value).value()).first;
  }
  return &it->second;
}

Status ShapeRefiner::AddNode(const Node* node) {
  TFP_RETURN_IF_ERROR(InferNode(node));
  if (use_output_shapes_) MergeOutputShapesAttr(node);
  return OkStatus();
}

Status ShapeRefiner::InferNode(const Node* node) {
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

void ShapeRefiner::MergeOutputShapesAttr(const Node* node) {
  auto attr = node->def().attr().find("_output_shapes");
  if (attr == node->def().attr().end()) return;
  const auto& recorded = attr->second.list().shape();
  std::vector<PartialTensorShape>& shapes = shapes_[node];
  for (int i = 0; i < recorded.size() && i < static_cast<int>(shapes.size());
       ++i) {
    StatusOr<PartialTensorShape> theirs =
        PartialTensorShapeFromProto(recorded[i]);
    PartialTensorShape merged;
    if (theirs.ok() &&
        InferenceContext::Merge(shapes[i], *theirs, &merged).ok()) {
      shapes[i] = std::move(merged);
    }
  }
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
    const Graph& graph, bool use_output_shapes_attr) {
  TFP_ASSIGN_OR_RETURN(std::vector<Node*> order, graph.TopologicalOrder());
  ShapeRefiner refiner;
  refiner.set_graph_def_version(graph.versions().producer());
  refiner.set_use_output_shapes_attr(use_output_shapes_attr);
  for (const Node* node : order) TFP_RETURN_IF_ERROR(refiner.AddNode(node));
  std::vector<std::vector<PartialTensorShape>> shapes;
  for (const Node* node : graph.nodes()) {
    shapes.push_back(refiner.OutputShapes(node));
  }
  return shapes;
}

}  // namespace tfpersist
