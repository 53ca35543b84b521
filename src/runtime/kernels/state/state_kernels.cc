// Family State: TF1 ref-variable kernels. One line per kernel file; each
// file's Register* function holds one line per op.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterVariableKernels(KernelRegistry* r);     // variable_ops.cc
void RegisterAssignKernels(KernelRegistry* r);       // assign_op.cc
void RegisterDenseUpdateKernels(KernelRegistry* r);  // dense_update_ops.cc

void RegisterStateKernels(KernelRegistry* r) {
  RegisterVariableKernels(r);     // VariableV2, Variable, IsVariableInitialized
  RegisterAssignKernels(r);       // Assign
  RegisterDenseUpdateKernels(r);  // AssignAdd, AssignSub
}

}  // namespace tfpersist
