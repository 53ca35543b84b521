// The math family: one line per kernel file (see math_kernels.h).
#include "runtime/kernels/math/math_kernels.h"

#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterMathKernels(KernelRegistry* r) {
  RegisterCwiseArithmeticKernels(r);
  RegisterCwiseDivisionKernels(r);
  RegisterCwiseUnaryKernels(r);
  RegisterComparisonKernels(r);
  RegisterSelectKernels(r);
  RegisterCastKernels(r);
  RegisterMatMulKernels(r);
  RegisterReductionKernels(r);
  RegisterArgMaxKernels(r);
  RegisterAddNKernels(r);
  RegisterRandomKernels(r);
  RegisterFusedMatMulKernels(r);
  RegisterSpecialCwiseKernels(r);   // Erf, Erfc, IsNan, Selu, Atan2, Xlogy...
  RegisterCumulativeKernels(r);     // Cumsum, Cumprod
  RegisterClipL2LossKernels(r);     // ClipByValue, L2Loss
  RegisterBoolReductionKernels(r);  // Any, All
  RegisterBincountKernels(r);       // Bincount
  RegisterTopKKernels(r);           // TopKV2, InTopKV2
  RegisterEinsumKernels(r);         // Einsum
}

}  // namespace tfpersist
