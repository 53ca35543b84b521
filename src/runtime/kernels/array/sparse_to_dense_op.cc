// SparseToDense: a dense tensor of `default_value` with `sparse_values`
// (one per index row, or one scalar for all) written at `sparse_indices`;
// with validate_indices, indices must be in bounds, sorted
// lexicographically and unique (TF's messages). Every dtype with element
// storage.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

class SparseToDenseOp : public OpKernel {
 public:
  explicit SparseToDenseOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("validate_indices", &validate_));
    OP_REQUIRES(c, VisitStorageType(c->input_type(2), [](auto) {}),
                errors::InvalidArgument("SparseToDense does not support ",
                                        DataTypeString(c->input_type(2))));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices_t = ctx->input(0);
    const Tensor& shape_t = ctx->input(1);
    const Tensor& values = ctx->input(2);
    const Tensor& default_value = ctx->input(3);
    OP_REQUIRES(ctx, indices_t.dims() <= 2,
                errors::InvalidArgument(
                    "sparse_indices should be a scalar, vector, or matrix, "
                    "got shape ",
                    indices_t.shape().DebugString()));
    OP_REQUIRES(ctx, shape_t.dims() <= 1,
                errors::InvalidArgument(
                    "output_shape should be a scalar or vector, got shape ",
                    shape_t.shape().DebugString()));
    const int64_t n = indices_t.dims() > 0 ? indices_t.dim_size(0) : 1;
    const int64_t r = indices_t.dims() > 1 ? indices_t.dim_size(1) : 1;
    OP_REQUIRES(
        ctx,
        values.dims() == 0 || (values.dims() == 1 && values.dim_size(0) == n),
        errors::InvalidArgument("sparse_values has incorrect shape ",
                                values.shape().DebugString(),
                                ", should be [] or [", n, "]"));
    OP_REQUIRES(ctx, r > 0 || n <= std::max<int64_t>(1, values.NumElements()),
                errors::InvalidArgument("sparse_indices has ", n,
                                        " rows of 0 coordinates"));
    OP_REQUIRES(ctx, default_value.dims() == 0,
                errors::InvalidArgument("default_value should be a scalar."));
    OP_REQUIRES(ctx, shape_t.NumElements() == r,
                errors::InvalidArgument(
                    "output_shape has incorrect number of elements: ",
                    shape_t.NumElements(), " should be: ", r));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> dims,
                       ReadIndexTensor(shape_t, "output_shape"));
    for (int64_t d : dims) {
      OP_REQUIRES(ctx, d >= 0,
                  errors::InvalidArgument("Dimension ", d, " must be >= 0"));
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> idx,
                       ReadIndexTensor(indices_t, "sparse_indices"));
    std::vector<int64_t> offsets(n);
    for (int64_t i = 0; i < n; ++i) {
      OP_REQUIRES_OK(ctx, CheckRow(idx, i, r, dims, &offsets[i]));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    VisitStorageType(values.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      S* dst = StorageData<S>(*out);
      std::fill(dst, dst + shape.num_elements(),
                StorageData<S>(default_value)[0]);
      const S* v = StorageData<S>(values);
      const int64_t step = values.dims() == 0 ? 0 : 1;
      for (int64_t i = 0; i < n; ++i) dst[offsets[i]] = v[i * step];
    });
  }

 private:
  // Bounds (always) and order (with validate_indices) of index row i; its
  // flat offset into `dims`.
  Status CheckRow(const std::vector<int64_t>& idx, int64_t i, int64_t r,
                  const std::vector<int64_t>& dims, int64_t* offset) const {
    const auto row_string = [&](int64_t k) {
      std::vector<int64_t> row(idx.begin() + k * r, idx.begin() + (k + 1) * r);
      return StrJoin(row, ",");
    };
    int64_t off = 0;
    for (int64_t d = 0; d < r; ++d) {
      const int64_t v = idx[i * r + d];
      if (v < 0 || v >= dims[d]) {
        return errors::InvalidArgument("indices[", i, "] = [", row_string(i),
                                       "] is out of bounds: need 0 <= index "
                                       "< [",
                                       StrJoin(dims, ","), "]");
      }
      off = off * dims[d] + v;
    }
    *offset = off;
    if (!validate_ || i == 0) return OkStatus();
    const auto prev = idx.begin() + (i - 1) * r, cur = idx.begin() + i * r;
    if (std::equal(prev, prev + r, cur)) {
      return errors::InvalidArgument("indices[", i, "] = [", row_string(i),
                                     "] is repeated");
    }
    if (std::lexicographical_compare(cur, cur + r, prev, prev + r)) {
      return errors::InvalidArgument(
          "indices[", i, "] = [", row_string(i),
          "] is out of order. Many sparse ops require sorted indices.\n"
          "    Use `tf.sparse.reorder` to create a correctly ordered copy."
          "\n\n");
    }
    return OkStatus();
  }

  bool validate_ = true;
};

}  // namespace

void RegisterSparseToDenseKernels(KernelRegistry* r) {
  r->Register<SparseToDenseOp>("SparseToDense");
}

}  // namespace tfpersist
