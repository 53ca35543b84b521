// Family ResourceVariable: kernels over DT_RESOURCE variable handles.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterVarHandleKernels(KernelRegistry* r);  // var_handle_ops.cc
void RegisterReadAssignVariableKernels(
    KernelRegistry* r);  // read_assign_variable_ops.cc
void RegisterVariableShapeGatherKernels(
    KernelRegistry* r);  // variable_shape_gather_ops.cc

void RegisterResourceVariableKernels(KernelRegistry* r) {
  // VarHandleOp, VarIsInitializedOp, DestroyResourceOp
  RegisterVarHandleKernels(r);
  // ReadVariableOp, AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp
  RegisterReadAssignVariableKernels(r);
  // VariableShape, ResourceGather
  RegisterVariableShapeGatherKernels(r);
}

}  // namespace tfpersist
