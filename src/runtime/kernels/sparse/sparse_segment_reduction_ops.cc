// SparseSegmentSum / SparseSegmentMean / SparseSegmentSqrtN over the
// reference reduction (kernels/reference/sparse_segment.h).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/reference/sparse_segment.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::SegmentReduction;
using SumTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16,
                           DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF,
                           DT_UINT32, DT_UINT64>;
using MeanTypes = DTypeList<DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE>;
using IndexTypes = DTypeList<DT_INT32, DT_INT64>;

template <SegmentReduction kMode>
class SparseSegmentReductionOp : public OpKernel {
 public:
  explicit SparseSegmentReductionOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("T", &t_));
    if (kMode == SegmentReduction::kSum) {
      RequireDType(c, SumTypes{}, "T", t_);
    } else {
      RequireDType(c, MeanTypes{}, "T", t_);
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& data = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    const Tensor& ids = ctx->input(2);
    OP_REQUIRES(ctx, indices.dims() == 1,
                errors::InvalidArgument("indices should be a vector."));
    OP_REQUIRES(ctx, ids.dims() == 1,
                errors::InvalidArgument("segment_ids should be a vector."));
    OP_REQUIRES(ctx, indices.NumElements() == ids.NumElements(),
                errors::InvalidArgument(
                    "segment_ids and indices should have same size."));
    OP_REQUIRES(ctx, data.dims() >= 1,
                errors::InvalidArgument("Shape must be at least rank 1"));
    DispatchDType(IndexTypes{}, ids.dtype(), [&](auto sid) {
      using S = typename decltype(sid)::type;
      DispatchDType(IndexTypes{}, indices.dtype(), [&](auto iid) {
        using I = typename decltype(iid)::type;
        Run<I, S>(ctx, data, indices, ids);
      });
    });
  }

 private:
  template <typename I, typename S>
  void Run(OpKernelContext* ctx, const Tensor& data, const Tensor& indices,
           const Tensor& ids) {
    std::string error;
    const int64_t rows_out =
        reference::SparseSegmentRows<S>(ids.flat<S>(), &error);
    OP_REQUIRES(ctx, rows_out >= 0, errors::InvalidArgument(error));
    std::vector<int64_t> dims = data.shape().dim_sizes();
    dims[0] = rows_out;
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    int64_t inner = 1;
    for (int d = 1; d < data.dims(); ++d) inner *= data.dim_size(d);
    DispatchDType(SumTypes{}, t_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      error = reference::SparseSegmentReduce<T, I, S>(
          kMode, data.flat<T>(), data.dim_size(0), inner, indices.flat<I>(),
          ids.flat<S>(), out->flat<T>());
    });
    OP_REQUIRES(ctx, error.empty(), errors::InvalidArgument(error));
  }

  DataType t_ = DT_FLOAT;
};

}  // namespace

void RegisterSparseSegmentReductionKernels(KernelRegistry* r) {
  r->Register<SparseSegmentReductionOp<SegmentReduction::kSum>>(
      "SparseSegmentSum");
  r->Register<SparseSegmentReductionOp<SegmentReduction::kMean>>(
      "SparseSegmentMean");
  r->Register<SparseSegmentReductionOp<SegmentReduction::kSqrtN>>(
      "SparseSegmentSqrtN");
}

}  // namespace tfpersist
