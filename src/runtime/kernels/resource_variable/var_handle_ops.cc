// Resource-variable handle ops: VarHandleOp, VarIsInitializedOp,
// DestroyResourceOp.
//
// VarHandleOp names (container or "localhost", shared_name exactly as
// given; no fallback to the node name), except TF's reserved anonymous
// name, which yields a fresh variable per run. The Var itself is created by
// the first AssignVariableOp.
#include <atomic>

#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// ResourceHandle::ANONYMOUS_NAME in TensorFlow.
constexpr char kAnonymousName[] = "cd2c89b7-88b7-44c8-ad83-06c2a9158347";

class VarHandleOp : public OpKernel {
 public:
  explicit VarHandleOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("container", &container_));
    OP_REQUIRES_OK(c, c->GetAttr("shared_name", &shared_name_));
    if (container_.empty()) container_ = kDefaultContainer;
  }

  void Compute(OpKernelContext* ctx) override {
    std::string name = shared_name_;
    if (name == kAnonymousName) {
      static std::atomic<uint64_t> counter{0};
      name = StrCat(name, "_", counter.fetch_add(1));
    }
    ctx->set_output_handle(0, ResourceHandle{container_, std::move(name)});
  }

 private:
  std::string container_;
  std::string shared_name_;
};

class VarIsInitializedOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    auto var = ctx->resource_manager()->Lookup<Var>(ctx->input_handle(0));
    bool initialized = var.ok() && (*var)->IsInitialized();
    ctx->set_output(0, Tensor::Scalar<bool>(initialized));
  }
};

class DestroyResourceOp : public OpKernel {
 public:
  explicit DestroyResourceOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("ignore_lookup_error", &ignore_lookup_error_));
  }

  void Compute(OpKernelContext* ctx) override {
    const ResourceHandle& h = ctx->input_handle(0);
    Status s = ctx->resource_manager()->Delete(h.container, h.name);
    if (!s.ok() && !(ignore_lookup_error_ && errors::IsNotFound(s))) {
      ctx->SetStatus(s);
    }
  }

 private:
  bool ignore_lookup_error_ = true;
};

}  // namespace

void RegisterVarHandleKernels(KernelRegistry* r) {
  r->Register<VarHandleOp>("VarHandleOp");
  r->Register<VarIsInitializedOp>("VarIsInitializedOp");
  r->Register<DestroyResourceOp>("DestroyResourceOp");
}

}  // namespace tfpersist
