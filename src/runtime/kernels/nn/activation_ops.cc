// Relu, Relu6, Elu, LeakyRelu (attr alpha), Softplus: element-wise kernels
// over the functors of reference/unary_math.h.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/cwise_unary.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/reference/unary_math.h"

namespace tfpersist {
namespace {

using RealTypes = FloatAndIntTypes;

class LeakyReluOp : public UnaryOpKernel<reference::LeakyReluFn, FloatTypes> {
 public:
  explicit LeakyReluOp(OpKernelConstruction* c) : UnaryOpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("alpha", &fn_.alpha));
  }
};

}  // namespace

void RegisterActivationKernels(KernelRegistry* r) {
  using namespace reference;  // NOLINT: the functor names read as the ops
  r->Register<UnaryOpKernel<ReluFn, RealTypes>>("Relu");
  r->Register<UnaryOpKernel<Relu6Fn, RealTypes>>("Relu6");
  r->Register<UnaryOpKernel<EluFn, FloatTypes, 20>>("Elu");
  r->Register<LeakyReluOp>("LeakyRelu");
  r->Register<UnaryOpKernel<SoftplusFn, FloatTypes, 30>>("Softplus");
}

}  // namespace tfpersist
