// TF1 conditional control flow (tf.cond v1):
//  * Switch(data, pred): forwards data to output 1 if pred, else output 0;
//    the other output is left unset, which the executor treats as dead.
//  * RefSwitch: the same for a ref input.
//  * Merge(inputs): forwards the first live input; value_index = its index.
//    The executor runs Merge once any input is live (or marks it dead when
//    all are dead).
//  * ControlTrigger: runs even when its inputs are dead; no outputs.
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class SwitchOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& pred = ctx->input(1);
    OP_REQUIRES(ctx, pred.dims() == 0,
                errors::InvalidArgument(
                    "The second input must be a scalar, but it has shape ",
                    pred.shape().DebugString()));
    const int port = pred.scalar<bool>() ? 1 : 0;
    ctx->set_output_value(port, ctx->input_value(0));
  }
};

class MergeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      if (!ctx->has_input(i)) continue;
      ctx->set_output_value(0, ctx->input_value(i));
      ctx->set_output(1, Tensor::Scalar<int32_t>(i));
      return;
    }
    ctx->SetStatus(errors::Internal("Merge ran with no live input"));
  }
};

class ControlTriggerOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext*) override {}
};

}  // namespace

void RegisterSwitchMergeKernels(KernelRegistry* r) {
  r->Register<SwitchOp>("Switch");
  r->Register<SwitchOp>("RefSwitch");
  r->Register<MergeOp>("Merge");
  r->Register<MergeOp>("RefMerge");
  r->Register<ControlTriggerOp>("ControlTrigger");
}

}  // namespace tfpersist
