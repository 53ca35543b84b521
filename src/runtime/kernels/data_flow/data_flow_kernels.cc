// The data_flow family: one line per kernel file (see data_flow_kernels.h).
#include "runtime/kernels/data_flow/data_flow_kernels.h"

#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterDataFlowKernels(KernelRegistry* r) {
  RegisterTensorArrayKernels(r);
  RegisterTensorArrayBulkKernels(r);
}

}  // namespace tfpersist
