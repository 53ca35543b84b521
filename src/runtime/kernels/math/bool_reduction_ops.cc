// Any and All: logical OR / AND over the axes in `reduction_indices`
// (scalar or vector, negative axes wrap, duplicates allowed) with
// keep_dims; an empty reduction gives false (Any) / true (All). TF's
// messages.
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

template <bool kAll>
class BoolReductionOp : public OpKernel {
 public:
  explicit BoolReductionOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("keep_dims", &keep_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& axes_t = ctx->input(1);
    OP_REQUIRES(ctx, axes_t.dims() <= 1,
                errors::InvalidArgument(
                    "reduction_indices must be a scalar or a vector, got ",
                    axes_t.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> axes,
                       ReadIndexTensor(axes_t, "reduction_indices"));
    const int rank = in.dims();
    std::vector<bool> reduce(rank, false);
    for (int64_t a : axes) {
      OP_REQUIRES(
          ctx, a >= -rank && a < rank,
          errors::InvalidArgument("Invalid reduction dimension (", a,
                                  " for input with ", rank, " dimension(s)"));
      reduce[a < 0 ? a + rank : a] = true;
    }
    TensorShape out_shape, kept;  // kept: out dims with reduced ones = 1
    for (int d = 0; d < rank; ++d) {
      kept.AddDim(reduce[d] ? 1 : in.dim_size(d));
      if (!reduce[d]) {
        out_shape.AddDim(in.dim_size(d));
      } else if (keep_dims_) {
        out_shape.AddDim(1);
      }
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    bool* y = out->data<bool>();
    for (int64_t i = 0; i < out->NumElements(); ++i) y[i] = kAll;
    // Walk the input; each element folds into the output cell its kept
    // coordinates address.
    const bool* x = in.data<bool>();
    std::vector<int64_t> idx(rank, 0);
    for (int64_t i = 0; i < in.NumElements(); ++i) {
      int64_t o = 0;
      for (int d = 0; d < rank; ++d) {
        o = o * kept.dim_size(d) + (reduce[d] ? 0 : idx[d]);
      }
      y[o] = kAll ? (y[o] && x[i]) : (y[o] || x[i]);
      for (int d = rank - 1; d >= 0 && ++idx[d] == in.dim_size(d); --d) {
        idx[d] = 0;
      }
    }
  }

 private:
  bool keep_dims_ = false;
};

}  // namespace

void RegisterBoolReductionKernels(KernelRegistry* r) {
  r->Register<BoolReductionOp<false>>("Any");
  r->Register<BoolReductionOp<true>>("All");
}

}  // namespace tfpersist
