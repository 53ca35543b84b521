// Functions of a GraphDef's library (TF2 tf.function bodies, TF1 Defun):
// lookup, validation, instantiation per attr values, and the graph rewrites
// that turn calls into one flat graph (TF's function inlining and
// LowerFunctionalOpsPass).
//
//   FunctionLibraryDefinition lib(graph_def.library(), &extra_ops);
//   TFP_RETURN_IF_ERROR(lib.Validate());
//   TFP_RETURN_IF_ERROR(LowerFunctionalOps(lib, &graph_def));   // If/While
//   TFP_RETURN_IF_ERROR(InlineFunctionCalls(lib, &graph_def));  // calls
//
// A call is a node whose op is PartitionedCall / StatefulPartitionedCall
// (attr `f`) or whose op is a function name (TF1 Defun). Inlining replaces
// call node `c` by the body's nodes renamed "c/<node>", one Identity
// "c/<arg>" per argument fed by the caller's input, and a node named `c`
// (IdentityN over the returned tensors, NoOp when there are none) carrying
// the function's control outputs, so "c:k" and "^c" keep meaning what they
// meant. Calls inside bodies are inlined too.
//
// Lowering (TF's lower_if_op / lower_while_op / lower_case_op) rewrites If,
// StatelessIf, While, StatelessWhile, Case and StatelessCase into TF1
// control flow (Switch/Merge, Enter/Exit/NextIteration/LoopCond) around
// calls of the branch/cond/body functions; a non-bool predicate is compared
// with zero (TF's ToBool for scalars).
//
// Errors are INVALID_ARGUMENT naming the function: a call of an unknown
// function, a cycle of calls, a call whose argument count or dtypes differ
// from the signature, a body input naming an unknown node or output.
// Thread-safety: FunctionLibraryDefinition is immutable after construction;
// const methods may be called concurrently.
#ifndef TFPERSIST_GRAPH_FUNCTION_H_
#define TFPERSIST_GRAPH_FUNCTION_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/attr_value.pb.h"
#include "tensorflow/core/framework/function.pb.h"
#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

using AttrMap = std::map<std::string, tensorflow::AttrValue>;

class FunctionLibraryDefinition {
 public:
  // Copies `library` and `extra_ops` (OpDefs the registry lacks, e.g. a meta
  // graph's stripped_op_list; nullable). Duplicate names keep the first.
  explicit FunctionLibraryDefinition(
      const tensorflow::FunctionDefLibrary& library,
      const tensorflow::OpList* extra_ops = nullptr);

  // nullptr when absent.
  const tensorflow::FunctionDef* Find(std::string_view name) const;
  bool Contains(std::string_view name) const { return Find(name) != nullptr; }
  // Sorted function names.
  std::vector<std::string> ListFunctionNames() const;
  int num_functions() const { return static_cast<int>(functions_.size()); }
  // The OpDef of op_type: the op registry, the extra ops, then a function's
  // signature. NOT_FOUND "Op type not registered 'Foo'" otherwise.
  StatusOr<const tensorflow::OpDef*> LookUpOpDef(
      std::string_view op_type) const;

  // Checks the whole library: every function referenced (as a node op or a
  // func attr) exists, no function calls itself directly or indirectly,
  // and every body instantiates with its own attrs (when it has none to
  // fill). INVALID_ARGUMENT naming the function.
  Status Validate() const;

  // The functions `node` calls, in attr order: `f` of a call op, then/else
  // branches, cond/body, Case branches, or the op itself (Defun).
  static std::vector<std::string> CalledFunctions(
      const tensorflow::NodeDef& node, const FunctionLibraryDefinition& lib);

  const tensorflow::FunctionDefLibrary& ToProto() const { return library_; }

 private:
  Status CheckCallees(const std::string& fname,
                      const tensorflow::FunctionDef& fdef) const;
  tensorflow::FunctionDefLibrary library_;
  std::map<std::string, int, std::less<>> functions_;  // name -> index
  std::map<std::string, tensorflow::OpDef, std::less<>> extra_ops_;
};

// A function body made ready to run with given attr values (TF's
// InstantiationResult): placeholders substituted, default attrs filled,
// inputs rewritten from "node:out_arg:i" to flat "node:k".
struct InstantiationResult {
  std::vector<std::string> arg_names;  // signature input_arg names
  std::vector<DataType> arg_types;
  std::vector<DataType> ret_types;
  // Body nodes (names as in the FunctionDef). Inputs are "node", "node:k",
  // "^node", or an arg name (the arg's value).
  std::vector<tensorflow::NodeDef> nodes;
  // Per output arg: "node:k" or an arg name.
  std::vector<std::string> rets;
  // Nodes that must run for the call to complete (control_ret).
  std::vector<std::string> control_rets;
};

// Instantiates `fdef` with `attrs` (the call's attr values; used for
// type_attr args and `placeholder` attrs in the body). INVALID_ARGUMENT
// naming the function for a missing attr, a list-typed arg, a dangling
// input or an unknown output arg.
StatusOr<InstantiationResult> InstantiateFunction(
    const tensorflow::FunctionDef& fdef, const AttrMap& attrs,
    const FunctionLibraryDefinition& lib);

// The function a call node calls and its attr values; empty name when
// `node` is not a call (PartitionedCall/StatefulPartitionedCall/Defun).
struct CallTarget {
  std::string name;
  AttrMap attrs;
};
CallTarget GetCallTarget(const tensorflow::NodeDef& node,
                         const FunctionLibraryDefinition& lib);

struct InlineOptions {
  // Refuse (RESOURCE_EXHAUSTED) once the graph would exceed this many nodes
  // (a DAG of calls can grow exponentially).
  int max_nodes = 1 << 20;
};

// Inlines every call of `graph` (recursively), in place. The library stays
// in graph->library(). Errors as above; NOT_FOUND for an unknown op.
Status InlineFunctionCalls(const FunctionLibraryDefinition& lib,
                           tensorflow::GraphDef* graph,
                           const InlineOptions& options = {});

// Lowers every If/StatelessIf/While/StatelessWhile/Case/StatelessCase of
// `graph` into TF1 control flow around call nodes (to be inlined by
// InlineFunctionCalls). Nodes inside function bodies are lowered when the
// bodies are inlined: call this again after inlining, until it reports
// nothing left (LowerAndInline does both).
Status LowerFunctionalOps(const FunctionLibraryDefinition& lib,
                          tensorflow::GraphDef* graph, bool* changed = nullptr);

// Alternates LowerFunctionalOps and InlineFunctionCalls until the graph has
// neither calls nor functional control flow.
Status LowerAndInline(const FunctionLibraryDefinition& lib,
                      tensorflow::GraphDef* graph,
                      const InlineOptions& options = {});

// True for If/StatelessIf/While/StatelessWhile/Case/StatelessCase.
bool IsFunctionalControlFlow(std::string_view op);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_FUNCTION_H_
