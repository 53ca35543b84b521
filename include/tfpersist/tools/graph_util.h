// GraphDef rewrites from TensorFlow's graph_util and strip_unused_lib
// (spec freeze-and-import.md §3-§5): extract the subgraph that feeds some
// outputs, freeze variables into constants, drop training-only nodes, and
// turn chosen nodes into placeholders.
//
//   TFP_ASSIGN_OR_RETURN(tensorflow::GraphDef frozen,
//       ConvertVariablesToConstants(session.get(), graph_def, {"Net/add"}));
//
// All functions take the GraphDef by const reference and return a new one;
// node order follows the input's. Errors name the missing/offending node.
// Thread-safety: pure functions (ConvertVariablesToConstants runs the
// session, which may be shared per Session's own contract).
#ifndef TFPERSIST_TOOLS_GRAPH_UTIL_H_
#define TFPERSIST_TOOLS_GRAPH_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/types.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {

// tf.compat.v1.graph_util.extract_sub_graph: every node that `dest_nodes`
// (op names, no ":k") reach through data inputs, control inputs and
// `_class` "loc:@x" colocation targets, as deep copies in the original
// order; `library` and `versions` copied. NOT_FOUND naming the first dest
// node that is not in the graph (with the closest names; a tensor name
// "x:0" is not an op name); INVALID_ARGUMENT naming the node and input when
// a kept node's input or colocation target is not in the graph (TF fails
// there too), or when node names repeat.
StatusOr<tensorflow::GraphDef> ExtractSubGraph(
    const tensorflow::GraphDef& graph_def,
    const std::vector<std::string>& dest_nodes);

// tf.compat.v1.graph_util.convert_variables_to_constants:
//  1. ExtractSubGraph(graph_def, output_node_names);
//  2. variables = VariableV2/Variable/VarHandleOp nodes of that subgraph whose
//     name is in `whitelist` (when given) and not in `blacklist` (when given;
//     an empty-but-present whitelist converts nothing, as in TF);
//  3. their values are fetched in one session->Run: "<v>:0" for ref
//     variables, "<v>/Read/ReadVariableOp:0" for VarHandleOps;
//  4. each becomes {name, op: "Const", attr {dtype, value}} with the value
//     encoded as Python's make_tensor_proto does (tensor_content for more
//     than one element), no device, no other attrs. Reads reached from a
//     converted handle (through Identity/Switch/Merge/Enter/Exit/
//     NextIteration, whose T becomes the value dtype) turn into Identity;
//     ResourceGather becomes GatherV2 with a new "<name>/axis" Const 0 just
//     before it. Everything else (including "v/read" Identities and
//     blacklisted variables) is copied verbatim.
//  5. The result has the subgraph's `library` and no `versions`.
// REQUIRES: session != nullptr, and its graph holds graph_def's variables,
// initialized or restored. Errors: those of ExtractSubGraph; the session's
// (e.g. FAILED_PRECONDITION for an uninitialized variable, NOT_FOUND when a
// VarHandleOp has no "<v>/Read/ReadVariableOp"), with context naming the
// variables; INVALID_ARGUMENT for a variable without a dtype attr or a
// ResourceGather with batch_dims != 0.
StatusOr<tensorflow::GraphDef> ConvertVariablesToConstants(
    Session* session, const tensorflow::GraphDef& graph_def,
    const std::vector<std::string>& output_node_names,
    const std::optional<std::vector<std::string>>& variable_names_whitelist =
        std::nullopt,
    const std::optional<std::vector<std::string>>& variable_names_blacklist =
        std::nullopt);

// tf.compat.v1.graph_util.remove_training_nodes: drops CheckNumerics nodes
// not in `protected_nodes` (and every input naming them, as TF does), then
// splices out unprotected Identity nodes that have no control inputs and are
// not control inputs of others (consumers naming "id" exactly take the
// Identity's first input string; "id:0" is left alone, as TF matches the
// bare name). The result has only `node` (no library/versions).
// INVALID_ARGUMENT for a spliceable Identity without inputs.
StatusOr<tensorflow::GraphDef> RemoveTrainingNodes(
    const tensorflow::GraphDef& graph_def,
    const std::vector<std::string>& protected_nodes = {});

// The usual repair of a frozen TF1 training-mode graph (tensorflow issue
// #3628; TF itself has no such pass): with the variables now Const,
//   RefSwitch -> Switch and RefMerge -> Merge (same inputs and attrs),
//   AssignSub -> Sub and AssignAdd -> Add (use_locking dropped)
// for every such node whose input 0 is a frozen variable (a Const, reached
// directly or through Identity nodes); the same ops on anything else are
// left alone. Then RemoveTrainingNodes(protected_nodes); the library and
// versions of `frozen` are kept.
StatusOr<tensorflow::GraphDef> FixTrainingOps(
    const tensorflow::GraphDef& frozen,
    const std::vector<std::string>& protected_nodes);

// strip_unused_lib.strip_unused: every node named in `input_node_names`
// becomes {name, op: "Placeholder", attr {dtype, and the original's shape /
// _output_shapes when present}}, then ExtractSubGraph(output_node_names).
// `placeholder_types` holds one dtype for all inputs or one per input.
// NOT_FOUND listing input nodes absent from the graph; INVALID_ARGUMENT for
// a placeholder_types count that is neither 1 nor the number of inputs.
StatusOr<tensorflow::GraphDef> StripUnused(
    const tensorflow::GraphDef& graph_def,
    const std::vector<std::string>& input_node_names,
    const std::vector<std::string>& output_node_names,
    const std::vector<DataType>& placeholder_types);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_GRAPH_UTIL_H_
