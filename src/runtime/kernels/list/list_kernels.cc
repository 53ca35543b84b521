// The TensorList family's kernel list.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterTensorListKernels(KernelRegistry* r);  // tensor_list_ops.cc
void RegisterTensorListStackKernels(
    KernelRegistry* r);  // tensor_list_stack_ops.cc

void RegisterListKernels(KernelRegistry* registry) {
  RegisterTensorListKernels(registry);
  RegisterTensorListStackKernels(registry);
}

}  // namespace tfpersist
