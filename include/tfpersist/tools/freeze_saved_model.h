// FreezeSavedModel: one flat, frozen GraphDef from a (TF2) SavedModel
// signature, as TF's convert_variables_to_constants_v2 does for a concrete
// function and as users of OpenCV dnn / TensorFlowSharp-style clients want
// it (spec freeze-and-import.md, TF2 freezing):
//
//   FreezeSavedModelOptions o;
//   o.saved_model_dir = "model";            // signature "serving_default"
//   TFP_ASSIGN_OR_RETURN(tensorflow::GraphDef frozen, FreezeSavedModel(o));
//
// Steps: LoadSavedModel (restores the variables through the model's saver
// function); the signature's outputs' subgraph; function calls inlined and,
// with lower_control_flow (TF's default), If/While/Case lowered to
// Switch/Merge/Enter/Exit (function.h); resource variables converted to
// Const and ReadVariableOp to Identity (ConvertVariablesToConstants); the
// inlining's IdentityN output nodes bypassed; the signature's inputs become
// Placeholders named after the input keys ("x", not "serving_default_x")
// and each output an Identity named after its output key. The result has
// no library, no function calls and no resource ops (else
// FAILED_PRECONDITION naming what is left).
//
// Errors: LoadSavedModel's; NOT_FOUND for an unknown signature (listing the
// available ones); INVALID_ARGUMENT for a signature with sparse/composite
// tensors; then the conversions' errors with context.
// Thread-safety: reentrant.
#ifndef TFPERSIST_TOOLS_FREEZE_SAVED_MODEL_H_
#define TFPERSIST_TOOLS_FREEZE_SAVED_MODEL_H_

#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

struct FreezeSavedModelOptions {
  std::string saved_model_dir;
  std::vector<std::string> tags = {"serve"};
  std::string signature_def = "serving_default";
  // true (TF's default): If/While/Case become TF1 control flow; false: an
  // If/While/Case node makes freezing fail (FAILED_PRECONDITION), since its
  // function bodies would still read resource variables.
  bool lower_control_flow = true;
  bool clear_devices = true;
  Env* env = nullptr;  // nullptr = Env::Default()
};

StatusOr<tensorflow::GraphDef> FreezeSavedModel(
    const FreezeSavedModelOptions& options);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_FREEZE_SAVED_MODEL_H_
