#include "tfpersist/graph/op_catalog.h"

#include "graph/op_registry.h"
#include "graph/shape_refiner.h"

namespace tfpersist {

tensorflow::OpList RegisteredOpList() {
  const OpRegistry* registry = OpRegistry::Global();
  tensorflow::OpList list;
  for (const std::string& name : registry->ListOps()) {
    auto op_def = registry->LookUpOpDef(name);
    if (op_def.ok()) *list.add_op() = **op_def;
  }
  return list;
}

StatusOr<std::vector<std::vector<PartialTensorShape>>> GraphOutputShapes(
    const Graph& graph) {
  TFP_ASSIGN_OR_RETURN(std::vector<Node*> order, graph.TopologicalOrder());
  ShapeRefiner refiner;
  refiner.set_graph_def_version(graph.versions().producer());
  refiner.set_use_output_shapes_attr(true);
  // A node whose shape function fails keeps unknown output shapes.
  for (const Node* node : order) (void)refiner.AddNode(node);
  std::vector<std::vector<PartialTensorShape>> shapes;
  shapes.reserve(graph.nodes().size());
  for (const Node* node : graph.nodes()) {
    shapes.push_back(refiner.OutputShapes(node));
  }
  return shapes;
}

}  // namespace tfpersist
