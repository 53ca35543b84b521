// The nn family: one line per kernel file (see nn_kernels.h).
#include "runtime/kernels/nn/nn_kernels.h"

#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterNnKernels(KernelRegistry* r) {
  RegisterBiasAddKernels(r);
  RegisterActivationKernels(r);
  RegisterSoftmaxKernels(r);
  RegisterConv2DKernels(r);
  RegisterDepthwiseConvKernels(r);
  RegisterPoolingKernels(r);
  RegisterFusedBatchNormKernels(r);
  RegisterLrnKernels(r);
  RegisterFusedConvKernels(r);
  RegisterConv2DBackpropInputKernels(r);
}

}  // namespace tfpersist
