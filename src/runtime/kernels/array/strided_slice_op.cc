// StridedSlice with TF's mask semantics (strided_slice_spec.h).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/array/strided_slice_spec.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class StridedSliceOp : public OpKernel {
 public:
  explicit StridedSliceOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("begin_mask", &masks_.begin));
    OP_REQUIRES_OK(c, c->GetAttr("end_mask", &masks_.end));
    OP_REQUIRES_OK(c, c->GetAttr("ellipsis_mask", &masks_.ellipsis));
    OP_REQUIRES_OK(c, c->GetAttr("new_axis_mask", &masks_.new_axis));
    OP_REQUIRES_OK(c, c->GetAttr("shrink_axis_mask", &masks_.shrink_axis));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    for (int i = 1; i <= 3; ++i) {
      OP_REQUIRES(ctx, ctx->input(i).dims() == 1,
                  errors::InvalidArgument(
                      "Expected begin, end, and strides to be 1D equal size "
                      "tensors, but got shapes ",
                      ctx->input(1).shape().DebugString(), ", ",
                      ctx->input(2).shape().DebugString(), ", and ",
                      ctx->input(3).shape().DebugString(), " instead."));
    }
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> begin,
                       ReadIndexTensor(ctx->input(1), "StridedSlice begin"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> end,
                       ReadIndexTensor(ctx->input(2), "StridedSlice end"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> strides,
                       ReadIndexTensor(ctx->input(3), "StridedSlice strides"));
    OP_REQUIRES_ASSIGN(
        ctx, StridedSlicePlan plan,
        PlanStridedSlice(input.shape(), begin, end, strides, masks_));
    std::vector<int64_t> in_strides = RowMajorStrides(input.shape());
    std::vector<int64_t> src_strides(input.dims());
    int64_t base = 0;
    for (int d = 0; d < input.dims(); ++d) {
      base += plan.begin[d] * in_strides[d];
      src_strides[d] = plan.stride[d] * in_strides[d];
    }
    Tensor out(input.dtype(), TensorShape(plan.sizes));
    StridedCopy(input, base, src_strides, &out);
    OP_REQUIRES_ASSIGN(ctx, Tensor shaped, out.Reshaped(plan.final_shape));
    ctx->set_output(0, std::move(shaped));
  }

 private:
  StridedSliceMasks masks_;
};

}  // namespace

void RegisterStridedSliceKernels(KernelRegistry* r) {
  r->Register<StridedSliceOp>("StridedSlice");
}

}  // namespace tfpersist
