// Graphviz output for GraphDefs: `tfpersist graph MODEL.pb --format=dot|svg`.
//
// Thread-safety: GraphDefToDot is pure; RenderDot spawns a process and uses
// temporary files in `work_dir`.
#ifndef TFPERSIST_TOOLS_GRAPH_DOT_H_
#define TFPERSIST_TOOLS_GRAPH_DOT_H_

#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

// The graph as a Graphviz digraph: one node per NodeDef labelled
// "name\nop" (Placeholders and Consts styled apart, Consts with their
// shape), data edges solid (labelled with the output index when > 0 and the
// dtype when the producer has a T/dtype attr), control edges dashed.
// Inputs naming absent nodes are drawn to a red "missing" node.
std::string GraphDefToDot(const tensorflow::GraphDef& graph_def,
                          const std::string& graph_name = "G");

struct RenderDotOptions {
  std::string format = "svg";      // any `dot -T` format
  std::string dot_binary = "dot";  // looked up on PATH
};

// Runs `dot -T<format>` on `dot_text` and returns its output.
// UNAVAILABLE "Graphviz 'dot' was not found ..." when the binary cannot be
// run; INTERNAL with dot's exit code when it fails.
StatusOr<std::string> RenderDot(const std::string& dot_text,
                                const RenderDotOptions& options = {});

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_GRAPH_DOT_H_
