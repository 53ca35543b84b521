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
  return InferGraphShapes(graph, /*use_output_shapes_attr=*/true);
}

}  // namespace tfpersist
