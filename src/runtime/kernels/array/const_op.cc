// Const: emits its "value" attr (decoded once, at construction).
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class ConstOp : public OpKernel {
 public:
  explicit ConstOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("value", &value_));
    DataType dtype;
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype));
    OP_REQUIRES(
        c, value_.dtype() == dtype,
        errors::InvalidArgument("Type mismatch between value (",
                                DataTypeString(value_.dtype()), ") and dtype (",
                                DataTypeString(dtype), ")"));
  }

  void Compute(OpKernelContext* ctx) override { ctx->set_output(0, value_); }

 private:
  Tensor value_;
};

}  // namespace

void RegisterConstKernels(KernelRegistry* r) { r->Register<ConstOp>("Const"); }

}  // namespace tfpersist
