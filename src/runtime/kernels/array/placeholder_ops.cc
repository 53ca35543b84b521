// Placeholder (fails when it runs: it must be fed, and a fed tensor never
// runs its producer) and PlaceholderWithDefault (forwards its input).
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class PlaceholderOp : public OpKernel {
 public:
  explicit PlaceholderOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("shape", &shape_));
  }

  void Compute(OpKernelContext* ctx) override {
    // TF's message; the shape is mentioned only when the rank is >= 1.
    std::string shape_part;
    if (shape_.dims() > 0) shape_part = " and shape " + shape_.DebugString();
    ctx->SetStatus(errors::InvalidArgument(
        "You must feed a value for placeholder tensor '", name(),
        "' with dtype ", DataTypeString(output_type(0)), shape_part));
  }

 private:
  PartialTensorShape shape_;
};

class PlaceholderWithDefaultOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    ctx->set_output_value(0, ctx->input_value(0));
  }
};

}  // namespace

void RegisterPlaceholderKernels(KernelRegistry* r) {
  r->Register<PlaceholderOp>("Placeholder");
  r->Register<PlaceholderOp>("PlaceholderV2");
  r->Register<PlaceholderWithDefaultOp>("PlaceholderWithDefault");
}

}  // namespace tfpersist
