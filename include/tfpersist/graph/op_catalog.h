// The op catalog for language bindings: every registered OpDef (so a binding
// can generate one wrapper per op, as TF's Python op generator does) and the
// static output shapes of a whole Graph (for graphs imported from GraphDefs,
// whose nodes no GraphBuilder has seen).
//
// Thread-safety: both functions are safe to call concurrently (the registry
// is immutable once built; `graph` is only read).
#ifndef TFPERSIST_GRAPH_OP_CATALOG_H_
#define TFPERSIST_GRAPH_OP_CATALOG_H_

#include <vector>

#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {

// The OpDefs of every registered op, sorted by op name.
tensorflow::OpList RegisteredOpList();

// The inferred output shapes of every node of `graph`, in nodes() order,
// refined by `_output_shapes` attrs (as TF's importer does). A node whose
// shape function fails (e.g. one a GraphBuilder rejected after adding it)
// keeps unknown output shapes. INVALID_ARGUMENT only for a cycle.
StatusOr<std::vector<std::vector<PartialTensorShape>>> GraphOutputShapes(
    const Graph& graph);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OP_CATALOG_H_
