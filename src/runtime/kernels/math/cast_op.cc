// Cast between bool, the integer types, float, double, half and bfloat16
// (reference/cast.h semantics, including Truncate). A cast to the same type
// forwards the input unchanged (strings included).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/cast.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using CastTypes = DTypeList<DT_BOOL, DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16,
                            DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8,
                            DT_UINT16, DT_UINT32, DT_UINT64>;

class CastOp : public OpKernel {
 public:
  explicit CastOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("SrcT", &src_));
    OP_REQUIRES_OK(c, c->GetAttr("DstT", &dst_));
    OP_REQUIRES_OK(c, c->GetAttr("Truncate", &truncate_));
    if (src_ == dst_) return;
    OP_REQUIRES(
        c, InDTypeList(CastTypes{}, src_) && InDTypeList(CastTypes{}, dst_),
        errors::Unimplemented("Cast ", DataTypeString(src_), " to ",
                              DataTypeString(dst_), " is not supported"));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    if (src_ == dst_) {
      ctx->set_output(0, x);
      return;
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * y, ctx->allocate_output(0, x.shape()));
    const bool truncate = truncate_;
    DispatchDType(CastTypes{}, src_, [&](auto src_tag) {
      using Src = typename decltype(src_tag)::type;
      DispatchDType(CastTypes{}, dst_, [&](auto dst_tag) {
        using Dst = typename decltype(dst_tag)::type;
        const Src* in = x.data<Src>();
        Dst* out = y->data<Dst>();
        ParallelFor(ctx, x.NumElements(), 2, [&](int64_t begin, int64_t end) {
          for (int64_t i = begin; i < end; ++i) {
            out[i] = reference::CastValue<Src, Dst>(in[i], truncate);
          }
        });
      });
    });
  }

 private:
  DataType src_ = DT_INVALID, dst_ = DT_INVALID;
  bool truncate_ = false;
};

}  // namespace

void RegisterCastKernels(KernelRegistry* r) { r->Register<CastOp>("Cast"); }

}  // namespace tfpersist
