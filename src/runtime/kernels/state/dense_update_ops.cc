// AssignAdd / AssignSub on ref variables: ref (+|-)= value, atomically under
// the variable's lock; outputs the ref.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/state/dense_update.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

template <DenseUpdateType kOp>
class DenseUpdateOp : public OpKernel {
 public:
  explicit DenseUpdateOp(OpKernelConstruction* c) : OpKernel(c) {
    DataType dt = BaseType(c->input_type(0));
    OP_REQUIRES(c, DenseUpdateSupports(dt),
                errors::Unimplemented(c->type_string(), " does not support ",
                                      DataTypeString(dt)));
  }

  void Compute(OpKernelContext* ctx) override {
    const std::shared_ptr<Var>& var = ctx->input_ref(0);
    const Tensor& update = ctx->input(1);
    {
      std::lock_guard<std::mutex> lock(var->mu());
      OP_REQUIRES(ctx, var->is_initialized_locked(),
                  errors::FailedPrecondition(
                      "Attempting to use uninitialized parameters: ",
                      requested_input(0)));
      const Tensor& params = var->tensor_locked();
      OP_REQUIRES(ctx, params.shape() == update.shape(),
                  errors::InvalidArgument(
                      "Parameters and update must be the same size: ",
                      params.shape().DebugString(), " vs ",
                      update.shape().DebugString()));
      var->set_tensor_locked(DenseUpdate(params, update, kOp));
    }
    ctx->set_output_ref(0, var);
  }
};

}  // namespace

void RegisterDenseUpdateKernels(KernelRegistry* r) {
  r->Register<DenseUpdateOp<DenseUpdateType::kAdd>>("AssignAdd");
  r->Register<DenseUpdateOp<DenseUpdateType::kSub>>("AssignSub");
}

}  // namespace tfpersist
