// AddN: the element-wise sum of N same-shaped inputs (no broadcasting),
// summed left to right with the wrapping Add semantics.
#include <cstdint>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class AddNOp : public OpKernel {
 public:
  explicit AddNOp(OpKernelConstruction* c) : OpKernel(c) {
    if (c->num_inputs() > 0) {
      RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(0));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    const Tensor& first = ctx->input(0);
    for (int i = 1; i < n; ++i) {
      OP_REQUIRES(
          ctx, ctx->input(i).shape() == first.shape(),
          errors::InvalidArgument(
              "Inputs to operation ", name(), " of type ", type_string(),
              " must have the same size and shape.  Input 0: ",
              first.shape().DebugString(), " != input ", i, ": ",
              ctx->input(i).shape().DebugString()));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, first.shape()));
    DispatchDType(FloatAndIntTypes{}, first.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      std::vector<const T*> ins;
      for (int i = 0; i < n; ++i) ins.push_back(ctx->input(i).data<T>());
      T* o = out->data<T>();
      ParallelFor(ctx, first.NumElements(), n, [&](int64_t b, int64_t e) {
        for (int64_t j = b; j < e; ++j) {
          auto sum = reference::ToCompute(ins[0][j]);
          for (int i = 1; i < n; ++i) {
            sum = reference::WrapAdd(sum, reference::ToCompute(ins[i][j]));
          }
          o[j] = reference::FromCompute<T>(sum);
        }
      });
    });
  }
};

}  // namespace

void RegisterAddNKernels(KernelRegistry* r) { r->Register<AddNOp>("AddN"); }

}  // namespace tfpersist
