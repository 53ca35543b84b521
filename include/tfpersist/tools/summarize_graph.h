// summarize_graph: what TF's tools/graph_transforms/summarize_graph prints
// about a GraphDef -- likely inputs (Placeholders with dtype and shape),
// variables, likely outputs (nodes nothing consumes, except Const, Assign,
// NoOp, Placeholder), parameter counts, control edges, devices and the op
// histogram -- in TF's format, plus the bytes the parameters take, the op
// types without a kernel (or without an OpDef) and a
// `tfpersist run` command line for the model.
//
// Thread-safety: pure functions.
#ifndef TFPERSIST_TOOLS_SUMMARIZE_GRAPH_H_
#define TFPERSIST_TOOLS_SUMMARIZE_GRAPH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

// Names of the nodes summarize_graph calls likely outputs: no other node
// consumes them and their op is not Const, Assign, NoOp or Placeholder.
// In GraphDef order.
std::vector<std::string> LikelyOutputNodes(
    const tensorflow::GraphDef& graph_def);

// TF's strings::HumanReadableNum: "999", "1.00k", "109.39k", "1.86M".
std::string HumanReadableNum(int64_t value);

// The summary text, lines ending in '\n'. Const parameters are counted by
// decoding each Const's value (TF's rule); variable parameters from the
// variables' fully defined `shape` attrs (TF prints 0 there, since it looks
// for a `value` attr variables do not have). With print_structure, every
// node follows in execution order: "name (op): [inputs], value=<tensor>".
// INTERNAL "Invalid graph with inputs referring to nonexistent nodes"
// listing them ("Invalid input x for node y"), as TF fails.
StatusOr<std::string> SummarizeGraph(const tensorflow::GraphDef& graph_def,
                                     const std::string& graph_path,
                                     bool print_structure = false);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_SUMMARIZE_GRAPH_H_
