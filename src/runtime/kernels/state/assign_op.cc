// Assign: stores `value` in the variable behind `ref` and outputs the ref.
// With validate_shape the shapes must match (an uninitialized VariableV2
// reports its "shape" attr); otherwise the variable takes the new shape.
// The value is copied, so later changes to a fed tensor do not leak in,
// unless the executor marks it forwardable (a fresh output nothing else
// sees): then the variable adopts its buffer.
#include "runtime/buffer_forwarding.h"
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class AssignOp : public OpKernel {
 public:
  explicit AssignOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("validate_shape", &validate_shape_));
  }

  void Compute(OpKernelContext* ctx) override {
    const std::shared_ptr<Var>& var = ctx->input_ref(0);
    const Tensor& rhs = ctx->input(1);
    // An uninitialized variable feeding `value` arrives as an empty tensor
    // (Assign allows uninitialized inputs for its ref only).
    OP_REQUIRES(
        ctx, rhs.dtype() == var->dtype(),
        errors::FailedPrecondition("Attempting to use uninitialized value ",
                                   requested_input(1)));
    // A fresh value (Fill, RestoreV2) is adopted; others are copied.
    Tensor copy;
    if (!ForwardInput(ctx, 1, &copy)) copy = rhs.DeepCopy();
    {
      std::lock_guard<std::mutex> lock(var->mu());
      std::optional<TensorShape> lhs = var->shape_locked();
      OP_REQUIRES(
          ctx, !validate_shape_ || !lhs.has_value() || *lhs == copy.shape(),
          errors::InvalidArgument(
              "Assign requires shapes of both tensors to match. "
              "lhs shape= ",
              lhs->DebugString(), " rhs shape= ", copy.shape().DebugString()));
      var->set_tensor_locked(std::move(copy));
    }
    ctx->set_output_ref(0, var);
  }

 private:
  bool validate_shape_ = true;
};

}  // namespace

void RegisterAssignKernels(KernelRegistry* r) {
  r->Register<AssignOp>("Assign");
}

}  // namespace tfpersist
