// StringJoin: element-wise concatenation with a separator; scalar inputs
// broadcast against the (common) shape of the non-scalar ones.
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class StringJoinOp : public OpKernel {
 public:
  explicit StringJoinOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("separator", &separator_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor* shape_source = nullptr;
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      const Tensor& t = ctx->input(i);
      if (t.dims() == 0) continue;
      if (shape_source == nullptr) shape_source = &t;
      OP_REQUIRES(ctx, t.shape() == shape_source->shape(),
                  errors::InvalidArgument("Input shapes do not match: ",
                                          shape_source->shape().DebugString(),
                                          " vs. ", t.shape().DebugString()));
    }
    TensorShape shape = shape_source ? shape_source->shape() : TensorShape();
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    std::string* dst = out->data<std::string>();
    for (int64_t j = 0; j < shape.num_elements(); ++j) {
      for (int i = 0; i < ctx->num_inputs(); ++i) {
        const Tensor& t = ctx->input(i);
        if (i > 0) dst[j] += separator_;
        dst[j] += t.data<std::string>()[t.dims() == 0 ? 0 : j];
      }
    }
  }

 private:
  std::string separator_;
};

}  // namespace

void RegisterStringJoinKernels(KernelRegistry* r) {
  r->Register<StringJoinOp>("StringJoin");
}

}  // namespace tfpersist
