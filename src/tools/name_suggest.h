// "Did you mean" helpers for errors that name a missing node.
// Thread-safety: pure functions.
#ifndef TFPERSIST_TOOLS_NAME_SUGGEST_H_
#define TFPERSIST_TOOLS_NAME_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"

namespace tfpersist {

// " Closest names: 'a', 'b', 'c'." for the (up to) three node names of
// `graph_def` nearest to `name` by edit distance; " The graph is empty."
// when there are none. Meant to be appended to a NOT_FOUND message.
std::string ClosestNodeNames(std::string_view name,
                             const tensorflow::GraphDef& graph_def);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_NAME_SUGGEST_H_
