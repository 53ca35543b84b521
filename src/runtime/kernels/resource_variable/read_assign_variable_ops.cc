// Resource-variable value ops: ReadVariableOp, AssignVariableOp,
// AssignAddVariableOp, AssignSubVariableOp (TF's messages).
#include "runtime/buffer_forwarding.h"
#include "runtime/kernel_registry.h"
#include "runtime/kernels/state/dense_update.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// FAILED_PRECONDITION as TF words it when a handle names no usable variable.
Status ReadError(const ResourceHandle& h, const Status& cause) {
  return errors::FailedPrecondition(
      "Error while reading resource variable ", h.name,
      " from Container: ", h.container,
      ". This could mean that the variable was uninitialized. ",
      cause.ToString());
}

// The variable behind input 0, or the read error.
StatusOr<std::shared_ptr<Var>> LookupVar(OpKernelContext* ctx) {
  const ResourceHandle& h = ctx->input_handle(0);
  auto var = ctx->resource_manager()->Lookup<Var>(h);
  if (!var.ok()) return ReadError(h, var.status());
  return var;
}

class ReadVariableOp : public OpKernel {
 public:
  explicit ReadVariableOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<Var> var, LookupVar(ctx));
    OP_REQUIRES(
        ctx, var->dtype() == dtype_,
        errors::InvalidArgument(
            "Trying to read variable with wrong dtype. Expected ",
            DataTypeString(dtype_), " got ", DataTypeString(var->dtype())));
    Tensor value;
    OP_REQUIRES(
        ctx, var->Snapshot(&value),
        ReadError(ctx->input_handle(0),
                  errors::FailedPrecondition("the variable has no value")));
    ctx->set_output(0, std::move(value));
  }

 private:
  DataType dtype_;
};

class AssignVariableOp : public OpKernel {
 public:
  explicit AssignVariableOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    if (c->HasAttr("validate_shape")) {
      OP_REQUIRES_OK(c, c->GetAttr("validate_shape", &validate_shape_));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const ResourceHandle& h = ctx->input_handle(0);
    const Tensor& value = ctx->input(1);
    std::function<StatusOr<std::shared_ptr<Var>>()> creator = [this] {
      return StatusOr<std::shared_ptr<Var>>(std::make_shared<Var>(dtype_));
    };
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<Var> var,
                       ctx->resource_manager()->LookupOrCreate<Var>(
                           h.container, h.name, creator));
    OP_REQUIRES(
        ctx, var->dtype() == dtype_,
        errors::InvalidArgument(
            "Trying to assign variable with wrong dtype. Expected ",
            DataTypeString(var->dtype()), " got ", DataTypeString(dtype_)));
    // Adopt a fresh value's buffer; copy anything else (a fed tensor).
    Tensor copy;
    if (!ForwardInput(ctx, 1, &copy)) copy = value.DeepCopy();
    std::lock_guard<std::mutex> lock(var->mu());
    if (validate_shape_ && var->is_initialized_locked()) {
      const TensorShape& old = var->tensor_locked().shape();
      OP_REQUIRES(ctx, old == copy.shape(),
                  errors::InvalidArgument(
                      "Trying to assign to variable with tensor with wrong "
                      "shape. Expected ",
                      old.DebugString(), " got ", copy.shape().DebugString()));
    }
    var->set_tensor_locked(std::move(copy));
  }

 private:
  DataType dtype_;
  bool validate_shape_ = false;
};

template <DenseUpdateType kOp>
class AssignUpdateVariableOp : public OpKernel {
 public:
  explicit AssignUpdateVariableOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    OP_REQUIRES(c, DenseUpdateSupports(dtype_),
                errors::Unimplemented(c->type_string(), " does not support ",
                                      DataTypeString(dtype_)));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<Var> var, LookupVar(ctx));
    const Tensor& update = ctx->input(1);
    OP_REQUIRES(
        ctx, var->dtype() == dtype_,
        errors::InvalidArgument(
            "Trying to update variable with wrong dtype. Expected ",
            DataTypeString(var->dtype()), " got ", DataTypeString(dtype_)));
    std::lock_guard<std::mutex> lock(var->mu());
    OP_REQUIRES(
        ctx, var->is_initialized_locked(),
        ReadError(ctx->input_handle(0),
                  errors::FailedPrecondition("the variable has no value")));
    const Tensor& params = var->tensor_locked();
    OP_REQUIRES(ctx, params.shape() == update.shape(),
                errors::InvalidArgument(
                    "Cannot update variable with shape ",
                    params.shape().DebugString(), " using a Tensor with shape ",
                    update.shape().DebugString(), ", shapes must be equal."));
    var->set_tensor_locked(DenseUpdate(params, update, kOp));
  }

 private:
  DataType dtype_;
};

}  // namespace

void RegisterReadAssignVariableKernels(KernelRegistry* r) {
  r->Register<ReadVariableOp>("ReadVariableOp");
  r->Register<AssignVariableOp>("AssignVariableOp");
  r->Register<AssignUpdateVariableOp<DenseUpdateType::kAdd>>(
      "AssignAddVariableOp");
  r->Register<AssignUpdateVariableOp<DenseUpdateType::kSub>>(
      "AssignSubVariableOp");
}

}  // namespace tfpersist
