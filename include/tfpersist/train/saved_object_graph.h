// A TF2 SavedModel's SavedObjectGraph (MetaGraphDef.object_graph_def, spec
// meta-graph.md §5.4) made readable: its objects by path (variables with
// their names, dtypes and shapes; functions with their concrete functions)
// and its concrete functions with their captured objects and Python-style
// input/output signatures.
//
//   for (const auto& o : *ListSavedObjects(mg.object_graph_def()))
//     ... o.path "layer_with_weights-0/kernel", o.kind "variable" ...
//
// Thread-safety: pure functions.
#ifndef TFPERSIST_TRAIN_SAVED_OBJECT_GRAPH_H_
#define TFPERSIST_TRAIN_SAVED_OBJECT_GRAPH_H_

#include <string>
#include <vector>

#include "tensorflow/core/protobuf/saved_object_graph.pb.h"
#include "tensorflow/core/protobuf/struct.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

struct SavedObjectSummary {
  int node_id = 0;
  // Local names from the root joined by '/' (breadth-first, first path
  // wins); "" for the root and unreachable objects.
  std::string path;
  // "user_object", "asset", "function", "variable",
  // "bare_concrete_function", "constant", "resource", "captured_tensor", or
  // "" when unset.
  std::string kind;
  std::string identifier;  // user_object: "_tf_keras_layer", ...
  // variable:
  std::string variable_name;
  DataType dtype = DT_INVALID;
  PartialTensorShape shape;
  // function / bare_concrete_function:
  std::vector<std::string> concrete_functions;
};

// INVALID_ARGUMENT for a child reference out of range.
StatusOr<std::vector<SavedObjectSummary>> ListSavedObjects(
    const tensorflow::SavedObjectGraph& graph);

struct ConcreteFunctionSummary {
  std::string name;
  // Paths of the objects bound after the explicit inputs (captures).
  std::vector<std::string> captured_paths;
  // Python-style: "((TensorSpec(shape=(None, 5), dtype=tf.float32,
  // name='input_1'),), {})".
  std::string input_signature;
  std::string output_signature;
};

// Sorted by name. INVALID_ARGUMENT for a bound input out of range.
StatusOr<std::vector<ConcreteFunctionSummary>> ListConcreteFunctions(
    const tensorflow::SavedObjectGraph& graph);

// Python-style repr of a StructuredValue (None, numbers, 'strings', lists,
// tuples, dicts with sorted keys, TensorSpec(...), tf.float32, shapes).
std::string StructuredValueString(const tensorflow::StructuredValue& value);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_SAVED_OBJECT_GRAPH_H_
