// ImportGraphDef: tf.import_graph_def (freeze-and-import.md §7) into a Graph.
//
//   Graph graph;
//   ImportGraphDefOptions opts;
//   opts.name = "Net";
//   opts.return_elements = {"add:0"};
//   TFP_ASSIGN_OR_RETURN(ImportGraphDefResults r,
//                        ImportGraphDef(&graph, frozen, opts));
//   // r.return_elements[0].tensor is graph.tensor("Net/add:0").
//
// Every imported node `n` becomes "<prefix>/n"; inputs, control inputs and
// "_class" "loc:@" targets are rewritten alike. Nodes are validated against
// their OpDef (registry, then the graph's extra ops, then function library)
// with default attrs filled in. `library` functions are added unprefixed.
// The graph's versions become min(producer), max(min_consumer) and the
// union of bad_consumers of both (a GraphDef without `versions` counts as
// producer 0, as in TF).
//
// Ownership: nothing is retained; Node pointers in the results belong to
// `graph`. Thread-safety: mutates `graph` (external locking needed).
#ifndef TFPERSIST_TOOLS_IMPORT_GRAPH_DEF_H_
#define TFPERSIST_TOOLS_IMPORT_GRAPH_DEF_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {

struct ImportGraphDefOptions {
  // Python's `name`: nullopt -> "import" (made unique: import_1, ...);
  // "" -> no prefix (clashing names are uniquified as "<n>_1", ...);
  // "Net" -> "Net", or "Net_1" when "Net" is taken. Relative to the
  // graph's current name scope (except "", which is the root).
  std::optional<std::string> name;
  // Source tensor ("x", "x:0", "x:1"; names WITHOUT the prefix) -> existing
  // tensor of `graph`: every consumer of the source tensor reads the given
  // tensor instead; the source node is still imported.
  std::map<std::string, Output> input_map;
  // Source op ("x" or "^x") -> existing node: control inputs "^x" become
  // control inputs on that node.
  std::map<std::string, Node*> control_input_map;
  // Source names to return: "op" -> the imported node, "op:k" -> its
  // tensor (a mapped tensor returns its replacement).
  std::vector<std::string> return_elements;
  // Existing nodes added as control inputs of every imported node that has
  // no input from another imported node (TF's control_dependencies).
  std::vector<Node*> control_dependencies;
  // The producer's OpDefs (a meta graph's stripped_op_list): attrs our
  // OpDef lacks are dropped when they equal the producer's default.
  const tensorflow::OpList* producer_op_list = nullptr;
};

struct ImportGraphDefResults {
  // The prefix used, without '/' ("" when none).
  std::string prefix;
  struct Element {
    Node* operation = nullptr;  // set for "op" requests
    Output tensor;              // set for "op:k" requests
    bool is_tensor() const { return tensor.node != nullptr; }
  };
  // One per options.return_elements, in request order.
  std::vector<Element> return_elements;
  // The imported nodes, in the order they were added (topological).
  std::vector<Node*> nodes;
  // Source names renamed by uniquifying (empty prefix only): old -> new.
  std::map<std::string, std::string> uniquified_names;
};

// Imports `graph_def` into `graph`, all or nothing (on error the graph is
// left as it was, except that the prefix name counts as used). Errors are
// INVALID_ARGUMENT naming the node unless noted: duplicate/invalid node
// names, data inputs after control inputs, an input naming a node absent
// from the GraphDef (dangling input) and not mapped, a "loc:@" target absent
// from the GraphDef, a cycle not closed by NextIteration (naming nodes on
// it), bad attrs or input dtypes, input_map / control_input_map keys that
// match nothing in the GraphDef ("Attempted to map inputs that were not
// found in graph_def: [...]"), return_elements absent from it; NOT_FOUND
// for an op type that is neither registered nor in the library. While
// loops import (Merge waits only for its forward inputs, as in TF).
// REQUIRES: graph != nullptr; mapped Outputs/Nodes belong to `graph`.
StatusOr<ImportGraphDefResults> ImportGraphDef(
    Graph* graph, const tensorflow::GraphDef& graph_def,
    const ImportGraphDefOptions& options = {});

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_IMPORT_GRAPH_DEF_H_
