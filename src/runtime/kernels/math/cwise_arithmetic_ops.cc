// Add, AddV2, Sub, Mul, Maximum, Minimum, SquaredDifference: broadcasting
// element-wise kernels over the functors of reference/numeric.h. Integer
// arithmetic wraps; Add on strings concatenates. Dtypes are the ones TF
// registers CPU kernels for (no complex types).
#include <string>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/cwise_binary.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/numeric.h"

namespace tfpersist {
namespace {

using reference::AddFn;
using reference::MaximumFn;
using reference::MinimumFn;
using reference::MulFn;
using reference::SquaredDifferenceFn;
using reference::SubFn;

using AddTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8,
                           DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_STRING>;
using SquaredDifferenceTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT32, DT_INT64>;

}  // namespace

void RegisterCwiseArithmeticKernels(KernelRegistry* r) {
  r->Register<BinaryOpKernel<AddFn, AddTypes>>("Add");
  r->Register<BinaryOpKernel<AddFn, FloatAndIntTypes>>("AddV2");
  r->Register<BinaryOpKernel<SubFn, FloatAndIntTypes>>("Sub");
  r->Register<BinaryOpKernel<MulFn, FloatAndIntTypes>>("Mul");
  r->Register<BinaryOpKernel<MaximumFn, FloatAndIntTypes>>("Maximum");
  r->Register<BinaryOpKernel<MinimumFn, FloatAndIntTypes>>("Minimum");
  r->Register<BinaryOpKernel<SquaredDifferenceFn, SquaredDifferenceTypes>>(
      "SquaredDifference");
}

}  // namespace tfpersist
