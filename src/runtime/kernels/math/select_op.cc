// Select (TF1: condition scalar, same shape as `t`, or a vector over dim 0)
// and SelectV2 (NumPy broadcasting of condition, t and e). Elements are
// moved as storage (any dtype, strings included).
#include <cstdint>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/broadcast.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Strides of `in` (right-aligned to `out`) with 0 for broadcast dims.
std::vector<int64_t> BroadcastStrides(const std::vector<int64_t>& in,
                                      const std::vector<int64_t>& out) {
  std::vector<int64_t> strides(out.size(), 0);
  int64_t acc = 1;
  for (size_t i = in.size(); i-- > 0;) {
    const size_t o = i + out.size() - in.size();
    strides[o] = in[i] == 1 ? 0 : acc;
    acc *= in[i];
  }
  return strides;
}

// out[i] = cond[ci] ? t[ti] : e[ei] over `dims`, operand offsets advancing
// by their strides.
template <typename S>
void SelectStrided(const std::vector<int64_t>& dims, const bool* cond,
                   const std::vector<int64_t>& cs, const S* t,
                   const std::vector<int64_t>& ts, const S* e,
                   const std::vector<int64_t>& es, S* out) {
  const int64_t n = reference::NumElements(dims);
  std::vector<int64_t> index(dims.size(), 0);
  int64_t ci = 0, ti = 0, ei = 0;
  for (int64_t i = 0; i < n; ++i) {
    out[i] = cond[ci] ? t[ti] : e[ei];
    for (size_t d = dims.size(); d-- > 0;) {
      ci += cs[d];
      ti += ts[d];
      ei += es[d];
      if (++index[d] < dims[d]) break;
      ci -= cs[d] * dims[d];
      ti -= ts[d] * dims[d];
      ei -= es[d] * dims[d];
      index[d] = 0;
    }
  }
}

// Runs the select over `out_dims` with operands broadcast into it.
void RunSelect(OpKernelContext* ctx, const Tensor& cond, const Tensor& t,
               const Tensor& e, const std::vector<int64_t>& cond_dims,
               const std::vector<int64_t>& out_dims) {
  OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(out_dims));
  OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
  if (out->NumElements() == 0) return;
  const auto cs = BroadcastStrides(cond_dims, out_dims);
  const auto ts = BroadcastStrides(t.shape().dim_sizes(), out_dims);
  const auto es = BroadcastStrides(e.shape().dim_sizes(), out_dims);
  VisitStorageType(t.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    SelectStrided(out_dims, cond.data<bool>(), cs, StorageData<S>(t), ts,
                  StorageData<S>(e), es, StorageData<S>(*out));
  });
}

class SelectOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    const Tensor& t = ctx->input(1);
    const Tensor& e = ctx->input(2);
    OP_REQUIRES(ctx, t.shape() == e.shape(),
                errors::InvalidArgument(
                    "'then' and 'else' must have the same size.  but "
                    "received: ",
                    t.shape().DebugString(), " vs. ", e.shape().DebugString()));
    std::vector<int64_t> cond_dims = cond.shape().dim_sizes();
    if (cond.dims() == 1 && t.dims() > 1) {
      OP_REQUIRES(ctx, cond.dim_size(0) == t.dim_size(0),
                  errors::InvalidArgument(
                      "Number of batches of 'then' must match size of "
                      "'cond', but saw: ",
                      t.dim_size(0), " vs. ", cond.NumElements()));
      cond_dims.resize(t.dims(), 1);  // [n] -> [n, 1, ..., 1]
    } else {
      OP_REQUIRES(
          ctx, cond.dims() == 0 || cond.shape() == t.shape(),
          errors::InvalidArgument(
              "'cond' and 'then' must have the same shape (or 'cond' "
              "a scalar or a vector over dim 0), but saw: ",
              cond.shape().DebugString(), " vs. ", t.shape().DebugString()));
    }
    RunSelect(ctx, cond, t, e, cond_dims, t.shape().dim_sizes());
  }
};

class SelectV2Op : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    const Tensor& t = ctx->input(1);
    const Tensor& e = ctx->input(2);
    OP_REQUIRES_ASSIGN(ctx, reference::Dims te,
                       reference::BroadcastShape(t.shape().dim_sizes(),
                                                 e.shape().dim_sizes()));
    OP_REQUIRES_ASSIGN(ctx, reference::Dims out,
                       reference::BroadcastShape(cond.shape().dim_sizes(), te));
    RunSelect(ctx, cond, t, e, cond.shape().dim_sizes(), out);
  }
};

}  // namespace

void RegisterSelectKernels(KernelRegistry* r) {
  r->Register<SelectOp>("Select");
  r->Register<SelectV2Op>("SelectV2");
}

}  // namespace tfpersist
