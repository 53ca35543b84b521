// VariableV2 / Variable (TF1 ref variables) and IsVariableInitialized.
//
// A ref variable lives in the session's ResourceMgr under (container or
// "localhost", shared_name or the node name); the kernel outputs a ref to
// it, so Assign* mutate it and Identity (v/read) snapshots it.
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class VariableOp : public OpKernel {
 public:
  explicit VariableOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("shape", &shape_));
    OP_REQUIRES_OK(c, c->GetAttr("container", &container_));
    OP_REQUIRES_OK(c, c->GetAttr("shared_name", &shared_name_));
    dtype_ = BaseType(c->output_type(0));
    if (container_.empty()) container_ = kDefaultContainer;
    if (shared_name_.empty()) shared_name_ = c->name();
  }

  void Compute(OpKernelContext* ctx) override {
    std::function<StatusOr<std::shared_ptr<Var>>()> creator = [this] {
      std::optional<TensorShape> shape;
      if (shape_.IsFullyDefined()) shape = shape_.AsTensorShape();
      return StatusOr<std::shared_ptr<Var>>(
          std::make_shared<Var>(dtype_, std::move(shape)));
    };
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<Var> var,
                       ctx->resource_manager()->LookupOrCreate<Var>(
                           container_, shared_name_, creator));
    OP_REQUIRES(ctx, var->dtype() == dtype_,
                errors::InvalidArgument(
                    "Variable ", container_, "/", shared_name_,
                    " already exists with dtype ", DataTypeString(var->dtype()),
                    ", not ", DataTypeString(dtype_)));
    ctx->set_output_ref(0, std::move(var));
  }

 private:
  PartialTensorShape shape_;
  DataType dtype_;
  std::string container_;
  std::string shared_name_;
};

class IsVariableInitializedOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    ctx->set_output(0,
                    Tensor::Scalar<bool>(ctx->input_ref(0)->IsInitialized()));
  }
};

}  // namespace

void RegisterVariableKernels(KernelRegistry* r) {
  r->Register<VariableOp>("VariableV2");
  r->Register<VariableOp>("Variable");
  r->Register<IsVariableInitializedOp>("IsVariableInitialized");
}

}  // namespace tfpersist
