// Reference-variable ops (TF1 tf.Variable): OpDefs as TF's
// core/ops/state_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// Legacy Variable: a rank-0 shape attr means "unknown".
Status LegacyVariableShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape shape,
                       GetShapeAttr(c->node_def(), "shape"));
  c->set_output(0, shape.dims() <= 0 ? PartialTensorShape() : shape);
  return OkStatus();
}

// With validate_shape the value must match the variable; else the variable
// takes the value's shape.
Status AssignShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(bool validate,
                       GetBoolAttr(c->node_def(), "validate_shape"));
  if (validate) return MergeBothInputsShape(c);
  c->set_output(0, c->input(1));
  return OkStatus();
}

}  // namespace

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterStateOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("VariableV2")
                   .Output("ref: Ref(dtype)")
                   .Attr("shape: shape")
                   .Attr("dtype: type")
                   .Attr("container: string = ''")
                   .Attr("shared_name: string = ''")
                   .SetIsStateful()
                   .SetShapeFn(ExplicitShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Variable")
                   .Output("ref: Ref(dtype)")
                   .Attr("shape: shape")
                   .Attr("dtype: type")
                   .Attr("container: string = ''")
                   .Attr("shared_name: string = ''")
                   .SetIsStateful()
                   .SetShapeFn(LegacyVariableShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("IsVariableInitialized")
                   .Input("ref: Ref(dtype)")
                   .Output("is_initialized: bool")
                   .Attr("dtype: type")
                   .SetAllowsUninitializedInput()
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Assign")
                   .Input("ref: Ref(T)")
                   .Input("value: T")
                   .Output("output_ref: Ref(T)")
                   .Attr("T: type")
                   .Attr("validate_shape: bool = true")
                   .Attr("use_locking: bool = true")
                   .SetAllowsUninitializedInput()
                   .SetShapeFn(AssignShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AssignAdd")
                   .Input("ref: Ref(T)")
                   .Input("value: T")
                   .Output("output_ref: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("use_locking: bool = false")
                   .SetShapeFn(MergeBothInputsShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AssignSub")
                   .Input("ref: Ref(T)")
                   .Input("value: T")
                   .Output("output_ref: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("use_locking: bool = false")
                   .SetShapeFn(MergeBothInputsShape)
                   .Finalize(r));
}

}  // namespace tfpersist
