// Element-wise unary math kernels over the functors of
// reference/unary_math.h. Transcendental ops have float kernels only
// (half and bfloat16 compute in float), as TF's CPU registrations.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/cwise_unary.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/unary_math.h"

namespace tfpersist {
namespace {

using SignedTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16,
                              DT_INT8, DT_INT16, DT_INT32, DT_INT64>;

}  // namespace

void RegisterCwiseUnaryKernels(KernelRegistry* r) {
  using namespace reference;  // NOLINT: the functor names read as the ops
  r->Register<UnaryOpKernel<NegFn, SignedTypes>>("Neg");
  r->Register<UnaryOpKernel<AbsFn, SignedTypes>>("Abs");
  r->Register<UnaryOpKernel<SquareFn, FloatAndIntTypes>>("Square");
  r->Register<UnaryOpKernel<SignFn, SignedTypes>>("Sign");
  r->Register<UnaryOpKernel<RoundFn, SignedTypes>>("Round");
  r->Register<UnaryOpKernel<FloorFn, FloatTypes>>("Floor");
  r->Register<UnaryOpKernel<CeilFn, FloatTypes>>("Ceil");
  r->Register<UnaryOpKernel<ReciprocalFn, FloatTypes, 4>>("Reciprocal");
  r->Register<UnaryOpKernel<SqrtFn, FloatTypes, 8>>("Sqrt");
  r->Register<UnaryOpKernel<RsqrtFn, FloatTypes, 10>>("Rsqrt");
  r->Register<UnaryOpKernel<ExpFn, FloatTypes, 20>>("Exp");
  r->Register<UnaryOpKernel<LogFn, FloatTypes, 20>>("Log");
  r->Register<UnaryOpKernel<TanhFn, FloatTypes, 30>>("Tanh");
  r->Register<UnaryOpKernel<SigmoidFn, FloatTypes, 30>>("Sigmoid");
}

}  // namespace tfpersist
