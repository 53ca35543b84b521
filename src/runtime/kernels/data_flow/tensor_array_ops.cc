// TensorArrayV3 (create), TensorArrayWriteV3, TensorArrayReadV3,
// TensorArraySizeV3, TensorArrayCloseV3: single-element access to the
// TensorArray resource (tensor_array.h), for every storable dtype as TF
// registers them (TF_CALL_ALL_TYPES plus quantized and bfloat16).
#include <atomic>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/data_flow/data_flow_kernels.h"
#include "runtime/kernels/data_flow/tensor_array.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// A process-wide counter makes every created TensorArray's key unique (TF's
// TensorArray::tensor_array_counter), so one created in a loop body gets a
// fresh array per iteration.
std::atomic<int64_t> tensor_array_counter{0};

Status CheckScalarInput(const Tensor& t, std::string_view what) {
  if (t.dims() == 0) return OkStatus();
  return errors::InvalidArgument(
      what, " must be scalar, but had shape: ", t.shape().DebugString());
}

class TensorArrayOp : public OpKernel {
 public:
  explicit TensorArrayOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &options_.dtype));
    OP_REQUIRES_OK(c, c->GetAttr("element_shape", &options_.element_shape));
    OP_REQUIRES_OK(c, c->GetAttr("dynamic_size", &options_.dynamic_size));
    OP_REQUIRES_OK(c,
                   c->GetAttr("clear_after_read", &options_.clear_after_read));
    OP_REQUIRES_OK(c, c->GetAttr("identical_element_shapes",
                                 &options_.identical_element_shapes));
    OP_REQUIRES_OK(c, c->GetAttr("tensor_array_name", &name_));
    if (name_.empty()) name_ = c->name();
    OP_REQUIRES(c, DataTypeIsStorable(options_.dtype),
                errors::InvalidArgument("TensorArray dtype ",
                                        DataTypeString(options_.dtype),
                                        " is not supported"));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& size = ctx->input(0);
    OP_REQUIRES_OK(ctx, CheckScalarInput(size, "TensorArray size"));
    OP_REQUIRES(ctx, size.scalar<int32_t>() >= 0,
                errors::InvalidArgument("Size should be >= 0."));
    TensorArray::Options options = options_;
    options.size = size.scalar<int32_t>();
    const std::string key = StrCat(name_, "_", tensor_array_counter++);
    auto ta = std::make_shared<TensorArray>(key, std::move(options));
    OP_REQUIRES_OK(ctx, ctx->step_resource_manager()->Create(
                            kTensorArrayContainer, key, ta));
    ctx->set_output_handle(0, ResourceHandle{kTensorArrayContainer, key});
    ctx->set_output(1, Tensor::Scalar<float>(0.0f));
  }

 private:
  TensorArray::Options options_;
  std::string name_;
};

class TensorArrayWriteOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    const Tensor& index = ctx->input(1);
    OP_REQUIRES_OK(ctx, CheckScalarInput(index, "TensorArray index"));
    OP_REQUIRES(ctx, ctx->input(2).dtype() == ta->dtype(),
                errors::InvalidArgument(
                    "TensorArray dtype is ", DataTypeString(ta->dtype()),
                    " but Op is trying to write dtype ",
                    DataTypeString(ctx->input(2).dtype()), "."));
    OP_REQUIRES_OK(ctx, ta->Write(index.scalar<int32_t>(), ctx->input(2)));
    ctx->set_output(0, ctx->input(3));  // flow_out = flow_in
  }
};

class TensorArrayReadOp : public OpKernel {
 public:
  explicit TensorArrayReadOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    const Tensor& index = ctx->input(1);
    OP_REQUIRES_OK(ctx, CheckScalarInput(index, "TensorArray index"));
    OP_REQUIRES_OK(ctx, CheckRequestedDtype(*ta, dtype_));
    Tensor value;
    OP_REQUIRES_OK(ctx, ta->Read(index.scalar<int32_t>(), &value));
    ctx->set_output(0, std::move(value));
  }

 private:
  DataType dtype_;
};

class TensorArraySizeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    OP_REQUIRES_ASSIGN(ctx, int32_t size, ta->Size());
    ctx->set_output(0, Tensor::Scalar<int32_t>(size));
  }
};

// TF keeps a closed TensorArray in the step container (cleared and marked
// closed) until the Run ends, so later uses fail with "has already been
// closed." rather than "does not exist".
class TensorArrayCloseOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    ta->Close();
  }
};

}  // namespace

void RegisterTensorArrayKernels(KernelRegistry* r) {
  r->Register<TensorArrayOp>("TensorArrayV3");
  r->Register<TensorArrayWriteOp>("TensorArrayWriteV3");
  r->Register<TensorArrayReadOp>("TensorArrayReadV3");
  r->Register<TensorArraySizeOp>("TensorArraySizeV3");
  r->Register<TensorArrayCloseOp>("TensorArrayCloseV3");
}

}  // namespace tfpersist
