// Internals of ImportGraphDef: the checked view of the source GraphDef
// built before anything is added to the destination graph.
#ifndef TFPERSIST_TOOLS_IMPORT_INTERNAL_H_
#define TFPERSIST_TOOLS_IMPORT_INTERNAL_H_

#include <map>
#include <string>
#include <vector>

#include "graph/tensor_id.h"
#include "tfpersist/tools/import_graph_def.h"

namespace tfpersist::import_internal {

// One source node after validation.
struct SourceNode {
  tensorflow::NodeDef def;       // producer defaults dropped, ours added
  std::vector<TensorId> inputs;  // parsed def.input()
  int num_outputs = 0;
};

struct Source {
  std::vector<SourceNode> nodes;                  // GraphDef order
  std::map<std::string, int, std::less<>> index;  // name -> position
  std::vector<int> topo_order;                    // positions
  std::map<TensorId, Output> input_map;           // parsed options.input_map
  std::map<std::string, Node*> control_map;       // source op -> node
  bool IsMapped(const TensorId& id) const {
    return id.is_control() ? control_map.contains(id.node)
                           : input_map.contains(id);
  }
};

// Validates every node of `graph_def` (names, input order, inputs present
// or mapped, colocation targets, op known to `graph` or to the GraphDef's
// library, attrs), the input_map / control_input_map keys and the
// return_elements, and orders the nodes topologically. Errors as documented
// on ImportGraphDef.
StatusOr<Source> CheckSource(const Graph& graph,
                             const tensorflow::GraphDef& graph_def,
                             const ImportGraphDefOptions& options);

// Parses an input_map key: "x" -> x:0, "x:1", "^x" -> control.
StatusOr<TensorId> ParseMapKey(const std::string& key, bool control);

}  // namespace tfpersist::import_internal

#endif  // TFPERSIST_TOOLS_IMPORT_INTERNAL_H_
