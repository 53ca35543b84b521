// BiasAdd: adds a 1-D bias along the channel dim, the last one (NHWC) or
// dim 1 (NCHW); value rank >= 2. Integer addition wraps.
#include <cstdint>
#include <string>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class BiasAddOp : public OpKernel {
 public:
  explicit BiasAddOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string format;
    OP_REQUIRES_OK(c, c->GetAttr("data_format", &format));
    OP_REQUIRES(c, format == "NHWC" || format == "NCHW",
                errors::InvalidArgument("Invalid data format: ", format));
    nchw_ = format == "NCHW";
    RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& value = ctx->input(0);
    const Tensor& bias = ctx->input(1);
    OP_REQUIRES(ctx, value.dims() >= 2,
                errors::InvalidArgument("Input tensor must be at least 2D: ",
                                        value.shape().DebugString()));
    OP_REQUIRES(ctx, bias.dims() == 1,
                errors::InvalidArgument("Biases must be 1D: ",
                                        bias.shape().DebugString()));
    const int channel_dim = nchw_ ? 1 : value.dims() - 1;
    const int64_t channels = value.dim_size(channel_dim);
    OP_REQUIRES(
        ctx, bias.dim_size(0) == channels,
        errors::InvalidArgument(
            "Must provide as many biases as the channel dimension of "
            "the input tensor: ",
            bias.shape().DebugString(), " vs. ", value.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, value.shape()));
    if (value.NumElements() == 0) return;
    // Layout [outer, channels, inner]: inner = 1 for NHWC.
    int64_t inner = 1;
    for (int d = channel_dim + 1; d < value.dims(); ++d) {
      inner *= value.dim_size(d);
    }
    const int64_t outer = value.NumElements() / (channels * inner);
    DispatchDType(FloatAndIntTypes{}, value.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Run(ctx, value.data<T>(), bias.data<T>(), out->data<T>(), outer, channels,
          inner);
    });
  }

 private:
  template <typename T>
  static void Run(const OpKernelContext* ctx, const T* x, const T* b, T* y,
                  int64_t outer, int64_t channels, int64_t inner) {
    using reference::FromCompute;
    using reference::ToCompute;
    ParallelFor(ctx, outer, channels * inner, [&](int64_t o0, int64_t o1) {
      for (int64_t o = o0; o < o1; ++o) {
        for (int64_t c = 0; c < channels; ++c) {
          const auto bv = ToCompute(b[c]);
          const int64_t base = (o * channels + c) * inner;
          for (int64_t i = 0; i < inner; ++i) {
            y[base + i] =
                FromCompute<T>(reference::WrapAdd(ToCompute(x[base + i]), bv));
          }
        }
      }
    });
  }

  bool nchw_ = false;
};

}  // namespace

void RegisterBiasAddKernels(KernelRegistry* r) {
  r->Register<BiasAddOp>("BiasAdd");
}

}  // namespace tfpersist
