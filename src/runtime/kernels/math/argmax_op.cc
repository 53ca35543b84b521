// ArgMax / ArgMin along a scalar `dimension` (int16/int32/int64, negative
// wraps); output_type int16, uint16, int32 or int64. Ties pick the smallest
// index (reference/reduce.h ArgReduce).
#include <cstdint>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using ArgTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8,
                           DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16,
                           DT_UINT32, DT_UINT64, DT_BOOL>;
using IndexTypes = DTypeList<DT_INT16, DT_UINT16, DT_INT32, DT_INT64>;
using AxisTypes = DTypeList<DT_INT16, DT_INT32, DT_INT64>;

// The value of the scalar `dimension` input.
StatusOr<int64_t> ReadDimension(const Tensor& t) {
  if (t.NumElements() != 1) {
    return errors::InvalidArgument("dimension must be a scalar, got shape ",
                                   t.shape().DebugString());
  }
  int64_t v = 0;
  DispatchDType(AxisTypes{}, t.dtype(), [&](auto tag) {
    using I = typename decltype(tag)::type;
    v = static_cast<int64_t>(t.data<I>()[0]);
  });
  return v;
}

template <bool kIsMax>
class ArgOp : public OpKernel {
 public:
  explicit ArgOp(OpKernelConstruction* c) : OpKernel(c) {
    if (!RequireDType(c, ArgTypes{}, "T", c->input_type(0))) return;
    RequireDType(c, IndexTypes{}, "output_type", c->output_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, int64_t dim, ReadDimension(ctx->input(1)));
    const int rank = x.dims();
    OP_REQUIRES(ctx, dim >= -rank && dim < rank,
                errors::InvalidArgument("Expected dimension in the range [",
                                        -rank, ", ", rank, "), but got ", dim));
    const int axis = static_cast<int>(dim < 0 ? dim + rank : dim);
    OP_REQUIRES(
        ctx, x.dim_size(axis) > 0,
        errors::InvalidArgument("Reduction axis ", dim, " is empty in shape ",
                                x.shape().DebugString()));
    TensorShape out_shape = x.shape();
    out_shape.RemoveDim(axis);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < axis; ++d) outer *= x.dim_size(d);
    for (int d = axis + 1; d < rank; ++d) inner *= x.dim_size(d);
    const int64_t len = x.dim_size(axis);
    DispatchDType(ArgTypes{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      DispatchDType(IndexTypes{}, out->dtype(), [&](auto itag) {
        using I = typename decltype(itag)::type;
        Run(ctx, x.data<T>(), outer, len, inner, out->data<I>());
      });
    });
  }

 private:
  template <typename T, typename I>
  static void Run(const OpKernelContext* ctx, const T* x, int64_t outer,
                  int64_t len, int64_t inner, I* out) {
    ParallelFor(ctx, outer * inner, len, [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        const T* base = x + (r / inner) * len * inner + r % inner;
        auto best = reference::ToCompute(base[0]);
        int64_t best_k = 0;
        for (int64_t k = 1; k < len; ++k) {
          const auto v = reference::ToCompute(base[k * inner]);
          if (kIsMax ? v > best : v < best) {
            best = v;
            best_k = k;
          }
        }
        out[r] = static_cast<I>(best_k);
      }
    });
  }
};

}  // namespace

void RegisterArgMaxKernels(KernelRegistry* r) {
  r->Register<ArgOp<true>>("ArgMax");
  r->Register<ArgOp<false>>("ArgMin");
}

}  // namespace tfpersist
