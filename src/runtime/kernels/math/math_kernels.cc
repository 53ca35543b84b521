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
}

}  // namespace tfpersist
