// ShapeRefiner: static output shapes of a Graph's nodes, computed node by
// node with the registered shape functions (cf. TF's ShapeRefiner).
//
// Input shapes come from the producers already added (a producer not added
// yet, e.g. a NextIteration back edge, counts as unknown); input values come
// from Const producers, so Reshape/Fill/ExpandDims/... with constant
// operands get exact shapes. Ops without a shape function (extra ops,
// library functions) get unknown output shapes.
//
// Used by GraphBuilder (to validate at build time, like TF's Python graph
// construction) and for `_output_shapes` when exporting meta graphs.
// Thread-safety: not thread-safe. The graph must outlive the refiner.
#ifndef TFPERSIST_GRAPH_SHAPE_REFINER_H_
#define TFPERSIST_GRAPH_SHAPE_REFINER_H_

#include <map>
#include <vector>

#include "tfpersist/core/tensor.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {

class ShapeRefiner {
 public:
  ShapeRefiner() = default;

  // Infers the outputs of `node`. Errors (incompatible shapes, bad constant
  // operands) are INVALID_ARGUMENT naming the node; the node then keeps
  // unknown output shapes.
  Status AddNode(const Node* node);
  // The shapes of node's outputs; unknown ones when the node was not added.
  std::vector<PartialTensorShape> OutputShapes(const Node* node) const;
  PartialTensorShape OutputShape(const Output& output) const;
  // The producer version of the graph (legacy Placeholder/Variable rules).
  void set_graph_def_version(int version) { graph_def_version_ = version; }
  // When set, a node's `_output_shapes` attr (written by TF's exporter)
  // refines the inferred shapes, as TF's importer does; a recorded shape
  // that contradicts the inferred one is ignored.
  void set_use_output_shapes_attr(bool use) { use_output_shapes_ = use; }

 private:
  Status InferNode(const Node* node);
  void MergeOutputShapesAttr(const Node* node);
  const Tensor* ConstantValue(const Node* node);

  std::map<const Node*, std::vector<PartialTensorShape>> shapes_;
  std::map<const Node*, Tensor> constants_;
  int graph_def_version_ = 1000000;
  bool use_output_shapes_ = false;
};

// Shapes of every node's outputs, in graph order (node id), for graphs
// imported from GraphDefs, refined by `_output_shapes` attrs when
// use_output_shapes_attr. Stops at the first shape error (naming the node).
StatusOr<std::vector<std::vector<PartialTensorShape>>> InferGraphShapes(
    const Graph& graph, bool use_output_shapes_attr = true);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_SHAPE_REFINER_H_
