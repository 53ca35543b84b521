#include "tools/name_suggest.h"

#include "tfpersist/base/closest_names.h"

namespace tfpersist {

std::string ClosestNodeNames(std::string_view name,
                             const tensorflow::GraphDef& graph_def) {
  std::vector<std::string> names;
  names.reserve(graph_def.node_size());
  for (const auto& node : graph_def.node()) names.push_back(node.name());
  return ClosestNamesSuffix(name, names, "names", " The graph is empty.");
}

}  // namespace tfpersist
