// Helpers shared by the function library, instantiation, inlining and
// lowering (src/graph/function_*.cc).
// Thread-safety: pure functions.
#ifndef TFPERSIST_GRAPH_FUNCTION_UTIL_H_
#define TFPERSIST_GRAPH_FUNCTION_UTIL_H_

#include <string>
#include <vector>

#include "tensorflow/core/framework/node_def.pb.h"
#include "tfpersist/graph/function.h"

namespace tfpersist {

// The argument and result dtypes of `signature` with `attrs` filling its
// type attrs. INVALID_ARGUMENT naming the function for a missing attr or a
// list-typed (N * T, list(type)) argument.
Status SignatureTypes(const tensorflow::OpDef& signature, const AttrMap& attrs,
                      std::vector<DataType>* arg_types,
                      std::vector<DataType>* ret_types);

// Checks that a call node (PartitionedCall, Defun call, If, While, Case)
// passes as many arguments, of the dtypes, as its callee(s) take and
// expects as many results as they return. INVALID_ARGUMENT naming the node
// and the function. OK for any other node.
Status CheckCallArity(const tensorflow::NodeDef& node,
                      const FunctionLibraryDefinition& lib);

// Data inputs (not "^x") of a NodeDef, and its control inputs (with '^').
std::vector<std::string> DataInputs(const tensorflow::NodeDef& node);
std::vector<std::string> ControlInputs(const tensorflow::NodeDef& node);

// "f(float, resource) -> (float)" for messages.
std::string SignatureString(const std::string& name,
                            const std::vector<DataType>& args,
                            const std::vector<DataType>& rets);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_FUNCTION_UTIL_H_
