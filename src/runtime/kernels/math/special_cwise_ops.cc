// Element-wise special functions and predicates: Erf, Erfc, Rint, Sin, Cos,
// Tan, Atan, Sinh, Cosh, Asinh, Acosh, Atanh, Log1p, Expm1, Softsign, Selu
// (float types; half and bfloat16 compute in float), IsNan / IsInf /
// IsFinite (-> bool), and the broadcasting Atan2, Xlogy, Xdivy, DivNoNan.
// Functors: reference/special_math.h. Complex dtypes are not supported.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/cwise_binary.h"
#include "runtime/kernels/math/cwise_unary.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/special_math.h"

namespace tfpersist {
namespace {

// y[i] = fn(x[i]) as bool.
template <typename Fn>
class PredicateOp : public OpKernel {
 public:
  explicit PredicateOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, FloatTypes{}, "T", c->input_type(0));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * y, ctx->allocate_output(0, x.shape()));
    DispatchDType(FloatTypes{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* in = x.data<T>();
      bool* out = y->data<bool>();
      for (int64_t i = 0; i < x.NumElements(); ++i) {
        out[i] = Fn()(reference::ToCompute(in[i]));
      }
    });
  }
};

}  // namespace

void RegisterSpecialCwiseKernels(KernelRegistry* r) {
  using namespace reference;  // NOLINT: the functor names read as the ops
  r->Register<UnaryOpKernel<ErfFn, FloatTypes, 20>>("Erf");
  r->Register<UnaryOpKernel<ErfcFn, FloatTypes, 20>>("Erfc");
  r->Register<UnaryOpKernel<RintFn, FloatTypes>>("Rint");
  r->Register<UnaryOpKernel<SinFn, FloatTypes, 20>>("Sin");
  r->Register<UnaryOpKernel<CosFn, FloatTypes, 20>>("Cos");
  r->Register<UnaryOpKernel<TanFn, FloatTypes, 20>>("Tan");
  r->Register<UnaryOpKernel<AtanFn, FloatTypes, 20>>("Atan");
  r->Register<UnaryOpKernel<SinhFn, FloatTypes, 20>>("Sinh");
  r->Register<UnaryOpKernel<CoshFn, FloatTypes, 20>>("Cosh");
  r->Register<UnaryOpKernel<AsinhFn, FloatTypes, 20>>("Asinh");
  r->Register<UnaryOpKernel<AcoshFn, FloatTypes, 20>>("Acosh");
  r->Register<UnaryOpKernel<AtanhFn, FloatTypes, 20>>("Atanh");
  r->Register<UnaryOpKernel<Log1pFn, FloatTypes, 20>>("Log1p");
  r->Register<UnaryOpKernel<Expm1Fn, FloatTypes, 20>>("Expm1");
  r->Register<UnaryOpKernel<SoftsignFn, FloatTypes, 4>>("Softsign");
  r->Register<UnaryOpKernel<SeluFn, FloatTypes, 20>>("Selu");
  r->Register<PredicateOp<IsNanFn>>("IsNan");
  r->Register<PredicateOp<IsInfFn>>("IsInf");
  r->Register<PredicateOp<IsFiniteFn>>("IsFinite");
  r->Register<BinaryOpKernel<Atan2Fn, FloatTypes, false, AcceptAll, 20>>(
      "Atan2");
  r->Register<BinaryOpKernel<XlogyFn, FloatTypes, false, AcceptAll, 20>>(
      "Xlogy");
  r->Register<BinaryOpKernel<XdivyFn, FloatTypes, false, AcceptAll, 4>>(
      "Xdivy");
  r->Register<BinaryOpKernel<DivNoNanFn, FloatTypes, false, AcceptAll, 4>>(
      "DivNoNan");
}

}  // namespace tfpersist
