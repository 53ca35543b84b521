// The data_flow kernel family (kernels/data_flow/): one registration
// function per kernel file, listed in data_flow_kernels.cc.
#ifndef TFPERSIST_RUNTIME_KERNELS_DATA_FLOW_DATA_FLOW_KERNELS_H_
#define TFPERSIST_RUNTIME_KERNELS_DATA_FLOW_DATA_FLOW_KERNELS_H_

namespace tfpersist {

class KernelRegistry;

void RegisterTensorArrayKernels(KernelRegistry* r);  // tensor_array_ops.cc
void RegisterTensorArrayBulkKernels(
    KernelRegistry* r);  // tensor_array_bulk_ops.cc

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_DATA_FLOW_DATA_FLOW_KERNELS_H_
