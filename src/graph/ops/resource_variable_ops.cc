// Resource-variable ops (TF2 / use_resource=True): OpDefs as TF's
// core/ops/resource_variable_ops.cc (newest attrs: VarHandleOp debug_name
// and allowed_devices, AssignVariableOp validate_shape).
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterResourceVariableOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("VarHandleOp")
                   .Attr("container: string = ''")
                   .Attr("shared_name: string = ''")
                   .Attr("debug_name: string = ''")
                   .Attr("dtype: type")
                   .Attr("shape: shape")
                   .Attr("allowed_devices: list(string) = []")
                   .Output("resource: resource")
                   .SetIsStateful()
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ReadVariableOp")
                   .Input("resource: resource")
                   .Output("value: dtype")
                   .Attr("dtype: type")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AssignVariableOp")
                   .Input("resource: resource")
                   .Input("value: dtype")
                   .Attr("dtype: type")
                   .Attr("validate_shape: bool = false")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AssignAddVariableOp")
                   .Input("resource: resource")
                   .Input("value: dtype")
                   .Attr("dtype: type")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AssignSubVariableOp")
                   .Input("resource: resource")
                   .Input("value: dtype")
                   .Attr("dtype: type")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("VarIsInitializedOp")
                   .Input("resource: resource")
                   .Output("is_initialized: bool")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DestroyResourceOp")
                   .Input("resource: resource")
                   .Attr("ignore_lookup_error: bool = true")
                   .SetIsStateful()
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("VariableShape")
                   .Input("input: resource")
                   .Output("output: out_type")
                   .Attr("out_type: {int32, int64} = DT_INT32")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ResourceGather")
                   .Input("resource: resource")
                   .Input("indices: Tindices")
                   .Attr("batch_dims: int = 0")
                   .Attr("validate_indices: bool = true")
                   .Output("output: dtype")
                   .Attr("dtype: type")
                   .Attr("Tindices: {int32, int64}")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DisableCopyOnRead")
                   .Input("resource: resource")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
}

}  // namespace tfpersist
