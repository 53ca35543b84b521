// The one visible list of kernel families (cf. tract's register_all_ops).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterAllKernels(KernelRegistry* registry) {
  RegisterStateKernels(registry);
  RegisterResourceVariableKernels(registry);
  RegisterArrayKernels(registry);
  RegisterControlFlowKernels(registry);
  RegisterStringKernels(registry);
  RegisterMathKernels(registry);
  RegisterNnKernels(registry);
  RegisterIoKernels(registry);
  RegisterDataFlowKernels(registry);
  RegisterAudioKernels(registry);
  RegisterImageKernels(registry);
  RegisterListKernels(registry);
  RegisterLookupKernels(registry);
  RegisterParsingKernels(registry);
  RegisterSparseKernels(registry);
}

}  // namespace tfpersist
