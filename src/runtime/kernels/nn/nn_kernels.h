// The kernel files of the nn family, one registration function per file
// (each holds one line per op); RegisterNnKernels (nn_kernels.cc) calls
// them all. See kernels/kernels.h.
#ifndef TFPERSIST_RUNTIME_KERNELS_NN_NN_KERNELS_H_
#define TFPERSIST_RUNTIME_KERNELS_NN_NN_KERNELS_H_

namespace tfpersist {

class KernelRegistry;

void RegisterBiasAddKernels(KernelRegistry* r);        // bias_add_op.cc
void RegisterActivationKernels(KernelRegistry* r);     // activation_ops.cc
void RegisterSoftmaxKernels(KernelRegistry* r);        // softmax_op.cc
void RegisterConv2DKernels(KernelRegistry* r);         // conv_2d_op.cc
void RegisterDepthwiseConvKernels(KernelRegistry* r);  // depthwise_conv_op.cc
void RegisterPoolingKernels(KernelRegistry* r);        // pooling_ops.cc
void RegisterFusedBatchNormKernels(
    KernelRegistry* r);                      // fused_batch_norm_op.cc
void RegisterLrnKernels(KernelRegistry* r);  // lrn_op.cc
void RegisterConv2DBackpropInputKernels(
    KernelRegistry* r);  // conv_2d_backprop_input_op.cc
void RegisterFusedConvKernels(KernelRegistry* r);  // fused_conv_op.cc

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_NN_NN_KERNELS_H_
