// Pass-through ops: Identity (a snapshot when fed a ref variable: v/read),
// IdentityN, Snapshot, StopGradient, PreventGradient, RefIdentity, NoOp.
// Tensors are never written in place, so forwarding shares the buffer.
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Forwards every input to the output of the same index.
class ForwardOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      ctx->set_output_value(i, ctx->input_value(i));
    }
  }
};

class NoOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext*) override {}
};

}  // namespace

void RegisterIdentityKernels(KernelRegistry* r) {
  r->Register<ForwardOp>("Identity");
  r->Register<ForwardOp>("IdentityN");
  r->Register<ForwardOp>("Snapshot");
  r->Register<ForwardOp>("StopGradient");
  r->Register<ForwardOp>("PreventGradient");
  r->Register<ForwardOp>("RefIdentity");
  r->Register<NoOp>("NoOp");
}

}  // namespace tfpersist
