// Fill (dims, value), ZerosLike, OnesLike.
#include <algorithm>

#include "runtime/buffer_forwarding.h"
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class FillOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& dims = ctx->input(0);
    const Tensor& value = ctx->input(1);
    OP_REQUIRES(ctx, dims.dims() == 1,
                errors::InvalidArgument("dims must be a vector, got shape ",
                                        dims.shape().DebugString()));
    OP_REQUIRES(ctx, value.dims() == 0,
                errors::InvalidArgument("value must be a scalar, got shape ",
                                        value.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> sizes,
                       ReadIndexTensor(dims, "Fill dims"));
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(sizes));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    VisitStorageType(value.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      S* dst = StorageData<S>(*out);
      std::fill(dst, dst + out->NumElements(), StorageData<S>(value)[0]);
    });
    MarkOutputFresh(ctx, 0, *out);  // an initializer's Assign may adopt it
  }
};

class ZerosLikeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    ctx->set_output(0, Tensor::Zeros(x.dtype(), x.shape()));
  }
};

// The value 1 of dtype, as a scalar; false for types without a one.
bool MakeOne(DataType dt, Tensor* one) {
  if (dt == DT_BOOL) {
    *one = Tensor::Scalar<bool>(true);
  } else if (dt == DT_HALF) {
    *one = Tensor::Scalar<half>(FloatToHalf(1.0f));
  } else if (dt == DT_BFLOAT16) {
    *one = Tensor::Scalar<bfloat16>(FloatToBFloat16(1.0f));
  } else {
    return VisitNumberType(dt, [&](auto tag) {
      using T = typename decltype(tag)::type;
      *one = Tensor::Scalar<T>(T(1));
    });
  }
  return true;
}

class OnesLikeOp : public OpKernel {
 public:
  explicit OnesLikeOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, MakeOne(c->output_type(0), &one_),
                errors::Unimplemented("OnesLike does not support ",
                                      DataTypeString(c->output_type(0))));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, x.shape()));
    VisitStorageType(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      S* dst = StorageData<S>(*out);
      std::fill(dst, dst + out->NumElements(), StorageData<S>(one_)[0]);
    });
  }

 private:
  Tensor one_;
};

}  // namespace

void RegisterFillKernels(KernelRegistry* r) {
  r->Register<FillOp>("Fill");
  r->Register<ZerosLikeOp>("ZerosLike");
  r->Register<OnesLikeOp>("OnesLike");
}

}  // namespace tfpersist
