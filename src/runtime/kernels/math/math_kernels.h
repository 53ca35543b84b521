// The kernel files of the math family, one registration function per file
// (each holds one line per op); RegisterMathKernels (math_kernels.cc) calls
// them all. See kernels/kernels.h.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_MATH_KERNELS_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_MATH_KERNELS_H_

namespace tfpersist {

class KernelRegistry;

void RegisterCwiseArithmeticKernels(
    KernelRegistry* r);  // cwise_arithmetic_ops.cc
void RegisterCwiseDivisionKernels(KernelRegistry* r);  // cwise_division_ops.cc
void RegisterCwiseUnaryKernels(KernelRegistry* r);     // cwise_unary_ops.cc
void RegisterComparisonKernels(KernelRegistry* r);     // comparison_ops.cc
void RegisterSelectKernels(KernelRegistry* r);         // select_op.cc
void RegisterCastKernels(KernelRegistry* r);           // cast_op.cc
void RegisterMatMulKernels(KernelRegistry* r);         // matmul_op.cc
void RegisterReductionKernels(KernelRegistry* r);      // reduction_ops.cc
void RegisterArgMaxKernels(KernelRegistry* r);         // argmax_op.cc
void RegisterAddNKernels(KernelRegistry* r);           // add_n_op.cc
void RegisterRandomKernels(KernelRegistry* r);         // random_ops.cc
void RegisterFusedMatMulKernels(KernelRegistry* r);    // fused_matmul_op.cc
void RegisterSpecialCwiseKernels(KernelRegistry* r);   // special_cwise_ops.cc
void RegisterCumulativeKernels(KernelRegistry* r);     // cumulative_ops.cc
void RegisterClipL2LossKernels(KernelRegistry* r);     // clip_l2loss_ops.cc
void RegisterBoolReductionKernels(KernelRegistry* r);  // bool_reduction_ops.cc
void RegisterBincountKernels(KernelRegistry* r);       // bincount_op.cc
void RegisterTopKKernels(KernelRegistry* r);           // topk_ops.cc
void RegisterEinsumKernels(KernelRegistry* r);         // einsum_op.cc

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_MATH_KERNELS_H_
