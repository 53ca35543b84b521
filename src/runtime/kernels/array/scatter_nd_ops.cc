// ScatterNd (zeros plus the updates, duplicates add), TensorScatterUpdate
// (assign; every dtype with element storage), TensorScatterAdd / Sub (real
// number dtypes) and SparseToDense. Indices are int16/int32/int64/uint16 as
// the OpDefs allow. Semantics: reference/scatter_gather.h. TF's messages.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

enum class Mode { kUpdate, kAdd, kSub };

// Element offsets (in units of `slice`) of each index row into `shape`;
// TF's message for a row out of bounds.
StatusOr<std::vector<int64_t>> SliceOffsets(const std::vector<int64_t>& idx,
                                            int64_t r,
                                            const TensorShape& shape) {
  std::vector<int64_t> offsets;
  const size_t n = r == 0 ? 0 : idx.size() / r;
  for (size_t i = 0; i < n; ++i) {
    int64_t off = 0;
    for (int64_t d = 0; d < r; ++d) {
      const int64_t v = idx[i * r + d];
      if (v < 0 || v >= shape.dim_size(d)) {
        std::vector<int64_t> row(idx.begin() + i * r,
                                 idx.begin() + (i + 1) * r);
        return errors::InvalidArgument(
            "indices[", i, "] = [", StrJoin(row, ", "),
            "] does not index into shape ", shape.DebugString());
      }
      off = off * shape.dim_size(d) + v;
    }
    offsets.push_back(off);
  }
  return offsets;
}

// updates.shape == indices.shape[:-1] + shape[r:].
Status CheckUpdateShape(const Tensor& indices, const Tensor& updates,
                        const TensorShape& shape) {
  if (indices.dims() < 1) {
    return errors::InvalidArgument(
        "Indices shape must have rank at least "
        "one. Found:",
        indices.shape().DebugString());
  }
  const int64_t r = indices.dim_size(indices.dims() - 1);
  if (r > shape.dims()) {
    return errors::InvalidArgument(
        "Dimensions [0,", indices.dims() - 1,
        ") of indices[shape=", indices.shape().DebugString(),
        "] must be at most the rank of shape ", shape.DebugString());
  }
  std::vector<int64_t> expected(indices.shape().dim_sizes().begin(),
                                indices.shape().dim_sizes().end() - 1);
  expected.insert(expected.end(), shape.dim_sizes().begin() + r,
                  shape.dim_sizes().end());
  if (updates.shape().dim_sizes() != expected) {
    return errors::InvalidArgument(
        "Dimensions of updates[shape=", updates.shape().DebugString(),
        "] must equal indices.shape[:-1] + shape[indices.shape[-1]:] = ",
        TensorShape(expected).DebugString(),
        " (indices[shape=", indices.shape().DebugString(), "], shape ",
        shape.DebugString(), ")");
  }
  return OkStatus();
}

// out = base (already copied into *out) combined with updates at indices.
Status Scatter(Mode mode, const Tensor& indices, const Tensor& updates,
               Tensor* out) {
  TFP_RETURN_IF_ERROR(CheckUpdateShape(indices, updates, out->shape()));
  const int64_t r = indices.dim_size(indices.dims() - 1);
  if (out->NumElements() == 0 && updates.NumElements() > 0) {
    return errors::InvalidArgument(
        "Indices and updates specified for empty output shape");
  }
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> idx,
                       ReadIndexTensor(indices, "indices"));
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> offsets,
                       SliceOffsets(idx, r, out->shape()));
  const int64_t slice =
      DimProduct(out->shape(), static_cast<int>(r), out->dims());
  if (r == 0) {  // every row addresses the whole output
    offsets.assign(slice == 0 ? 0 : updates.NumElements() / slice, 0);
  }
  if (mode == Mode::kUpdate) {
    VisitStorageType(out->dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* u = StorageData<S>(updates);
      S* dst = StorageData<S>(*out);
      for (size_t i = 0; i < offsets.size(); ++i) {
        std::copy(u + i * slice, u + (i + 1) * slice, dst + offsets[i] * slice);
      }
    });
    return OkStatus();
  }
  DispatchDType(FloatAndIntTypes{}, out->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using reference::FromCompute;
    using reference::ToCompute;
    const T* u = updates.data<T>();
    T* dst = out->data<T>();
    for (size_t i = 0; i < offsets.size(); ++i) {
      for (int64_t e = 0; e < slice; ++e) {
        T& d = dst[offsets[i] * slice + e];
        const auto a = ToCompute(d), b = ToCompute(u[i * slice + e]);
        d = FromCompute<T>(mode == Mode::kAdd ? reference::WrapAdd(a, b)
                                              : reference::WrapSub(a, b));
      }
    }
  });
  return OkStatus();
}

class ScatterNdOp : public OpKernel {
 public:
  explicit ScatterNdOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(1));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& shape_t = ctx->input(2);
    OP_REQUIRES(ctx, shape_t.dims() == 1,
                errors::InvalidArgument("Shape must be a vector"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> dims,
                       ReadIndexTensor(shape_t, "shape"));
    for (int64_t d : dims) {
      OP_REQUIRES(ctx, d >= 0,
                  errors::InvalidArgument("Dimension ", d, " must be >= 0"));
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    DispatchDType(FloatAndIntTypes{}, out->dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      std::fill(out->data<T>(), out->data<T>() + out->NumElements(),
                reference::FromCompute<T>(0));
    });
    OP_REQUIRES_OK(ctx, Scatter(Mode::kAdd, ctx->input(0), ctx->input(1), out));
  }
};

template <Mode kMode>
class TensorScatterOp : public OpKernel {
 public:
  explicit TensorScatterOp(OpKernelConstruction* c) : OpKernel(c) {
    if (kMode == Mode::kUpdate) {
      OP_REQUIRES(c, VisitStorageType(c->input_type(0), [](auto) {}),
                  errors::InvalidArgument("TensorScatterUpdate does not "
                                          "support ",
                                          DataTypeString(c->input_type(0))));
    } else {
      RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(0));
    }
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& tensor = ctx->input(0);
    OP_REQUIRES(ctx, tensor.dims() >= 1,
                errors::InvalidArgument("Output must be at least 1-D, got "
                                        "shape: ",
                                        tensor.shape().DebugString()));
    Tensor out = tensor.DeepCopy();
    OP_REQUIRES_OK(ctx, Scatter(kMode, ctx->input(1), ctx->input(2), &out));
    ctx->set_output(0, std::move(out));
  }
};

}  // namespace

void RegisterScatterNdKernels(KernelRegistry* r) {
  r->Register<ScatterNdOp>("ScatterNd");
  r->Register<TensorScatterOp<Mode::kUpdate>>("TensorScatterUpdate");
  r->Register<TensorScatterOp<Mode::kAdd>>("TensorScatterAdd");
  r->Register<TensorScatterOp<Mode::kSub>>("TensorScatterSub");
}

}  // namespace tfpersist
