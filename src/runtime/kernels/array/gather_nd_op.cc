// GatherNd: slices of params addressed by the last dim of indices
// (int16/int32/int64), for every dtype with element storage. Out-of-range
// indices fail with TF's message. Semantics: reference/scatter_gather.h.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

// "[1,0]": the multi-index of flat position i in dims.
std::string MultiIndex(const std::vector<int64_t>& dims, int64_t i) {
  std::vector<int64_t> idx(dims.size());
  for (size_t d = dims.size(); d-- > 0;) {
    idx[d] = dims[d] == 0 ? 0 : i % dims[d];
    i = dims[d] == 0 ? 0 : i / dims[d];
  }
  return StrCat("[", StrJoin(idx, ","), "]");
}

class GatherNdOp : public OpKernel {
 public:
  explicit GatherNdOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, VisitStorageType(c->input_type(0), [](auto) {}),
                errors::InvalidArgument("GatherNd does not support ",
                                        DataTypeString(c->input_type(0))));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices_t = ctx->input(1);
    OP_REQUIRES(ctx, params.dims() >= 1,
                errors::InvalidArgument("params must be at least a vector"));
    OP_REQUIRES(ctx, indices_t.dims() >= 1,
                errors::InvalidArgument("indices must be at least a vector"));
    const int64_t r = indices_t.dim_size(indices_t.dims() - 1);
    OP_REQUIRES(ctx, r <= params.dims(),
                errors::InvalidArgument(
                    "index innermost dimension length must be <= params rank; "
                    "saw: ",
                    r, " vs. ", params.dims()));
    const std::vector<int64_t> outer(indices_t.shape().dim_sizes().begin(),
                                     indices_t.shape().dim_sizes().end() - 1);
    TensorShape shape(outer);
    int64_t slice = 1;
    for (int d = static_cast<int>(r); d < params.dims(); ++d) {
      shape.AddDim(params.dim_size(d));
      slice *= params.dim_size(d);
    }
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> idx,
                       ReadIndexTensor(indices_t, "indices"));
    // Index rows; with r == 0 every row selects all of params (the count
    // is then bounded by the output, allocated first).
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    const int64_t n = r > 0 ? static_cast<int64_t>(idx.size()) / r
                            : (slice == 0 ? 0 : shape.num_elements() / slice);
    OP_REQUIRES(ctx, params.NumElements() > 0 || n == 0 || slice == 0,
                errors::InvalidArgument(
                    "Requested more than 0 entries, but params is empty.  "
                    "Params shape: ",
                    params.shape().DebugString()));
    std::vector<int64_t> offsets(n);
    for (int64_t i = 0; i < n; ++i) {
      int64_t off = 0;
      for (int64_t d = 0; d < r; ++d) {
        const int64_t v = idx[i * r + d];
        if (v < 0 || v >= params.dim_size(d)) {
          std::vector<int64_t> row(idx.begin() + i * r,
                                   idx.begin() + (i + 1) * r);
          ctx->SetStatus(errors::InvalidArgument(
              "indices", MultiIndex(outer, i), " = [", StrJoin(row, ", "),
              "] does not index into param shape ",
              params.shape().DebugString(), ", node name: ", name()));
          return;
        }
        off = off * params.dim_size(d) + v;
      }
      offsets[i] = off * slice;
    }
    if (shape.num_elements() == 0) return;
    VisitStorageType(params.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = StorageData<S>(params);
      S* dst = StorageData<S>(*out);
      for (int64_t i = 0; i < n; ++i) {
        std::copy(src + offsets[i], src + offsets[i] + slice, dst + i * slice);
      }
    });
  }
};

}  // namespace

void RegisterGatherNdKernels(KernelRegistry* r) {
  r->Register<GatherNdOp>("GatherNd");
}

}  // namespace tfpersist
