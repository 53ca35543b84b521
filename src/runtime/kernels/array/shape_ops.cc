// Shape metadata ops: Shape, ShapeN, Size, Rank (out_type int32 or int64).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class ShapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  // Shape and ShapeN: output i is the shape of input i.
  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      const TensorShape& shape = ctx->input(i).shape();
      OP_REQUIRES_ASSIGN(ctx, Tensor out,
                         MakeIndexVector(output_type(i), shape.dim_sizes()));
      ctx->set_output(i, std::move(out));
    }
  }
};

// Emits one integer: the input's element count (Size) or rank (Rank).
template <bool kSize>
class ShapeScalarOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    int64_t v = kSize ? input.NumElements() : input.dims();
    OP_REQUIRES_ASSIGN(ctx, Tensor out, MakeIndexVector(output_type(0), {v}));
    OP_REQUIRES_ASSIGN(ctx, out, out.Reshaped(TensorShape()));
    ctx->set_output(0, std::move(out));
  }
};

}  // namespace

void RegisterShapeKernels(KernelRegistry* r) {
  r->Register<ShapeOp>("Shape");
  r->Register<ShapeOp>("ShapeN");
  r->Register<ShapeScalarOp<true>>("Size");
  r->Register<ShapeScalarOp<false>>("Rank");
}

}  // namespace tfpersist
