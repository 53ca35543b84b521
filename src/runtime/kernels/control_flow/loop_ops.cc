// While-loop plumbing (tf.while_loop v1): Enter, Exit, NextIteration (and
// their Ref variants) and LoopCond. The kernels forward their input; the
// executor moves the value between frames and iterations.
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class ForwardInputOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output_value(0, ctx->input_value(0));
  }
};

class LoopCondOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& pred = ctx->input(0);
    OP_REQUIRES(ctx, pred.dims() == 0,
                errors::InvalidArgument("LoopCond input must be a scalar bool, "
                                        "got shape ",
                                        pred.shape().DebugString()));
    ctx->set_output(0, pred);
  }
};

}  // namespace

void RegisterLoopKernels(KernelRegistry* r) {
  r->Register<ForwardInputOp>("Enter");
  r->Register<ForwardInputOp>("RefEnter");
  r->Register<ForwardInputOp>("Exit");
  r->Register<ForwardInputOp>("RefExit");
  r->Register<ForwardInputOp>("NextIteration");
  r->Register<ForwardInputOp>("RefNextIteration");
  r->Register<LoopCondOp>("LoopCond");
}

}  // namespace tfpersist
