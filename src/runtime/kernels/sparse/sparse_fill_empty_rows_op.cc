// SparseFillEmptyRows: every row of dense_shape[0] without an entry gets
// one at (row, 0, ..., 0) holding default_value. Output entries are
// grouped by row in ascending order, keeping the input order within a row
// (TF's order, which its gradient relies on); reverse_index_map[i] is the
// output position of input entry i.
#include <algorithm>
#include <cstring>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Copies element `from` of `src` to element `to` of `dst` (same dtype).
void CopyElement(const Tensor& src, int64_t from, Tensor* dst, int64_t to) {
  if (src.dtype() == DT_STRING) {
    dst->data<std::string>()[to] = src.data<std::string>()[from];
    return;
  }
  const size_t n = DataTypeSize(src.dtype());
  std::memcpy(dst->raw_data() + to * n, src.raw_data() + from * n, n);
}

Status CheckInputs(const Tensor& indices, const Tensor& values,
                   const Tensor& shape, const Tensor& default_value) {
  if (indices.dims() != 2) {
    return errors::InvalidArgument(
        "indices must be a matrix, saw shape: ", indices.shape().DebugString());
  }
  if (values.dims() != 1) {
    return errors::InvalidArgument(
        "values must be a vector, saw shape: ", values.shape().DebugString());
  }
  if (shape.dims() != 1) {
    return errors::InvalidArgument("dense_shape must be a vector, saw shape: ",
                                   shape.shape().DebugString());
  }
  if (default_value.dims() != 0) {
    return errors::InvalidArgument("default_value must be a scalar, saw shape: ",
                                   default_value.shape().DebugString());
  }
  if (values.dim_size(0) != indices.dim_size(0)) {
    return errors::InvalidArgument("The length of `values` (",
                                   values.dim_size(0),
                                   ") must match the first dimension of "
                                   "`indices` (",
                                   indices.dim_size(0), ").");
  }
  if (shape.NumElements() != indices.dim_size(1) || shape.NumElements() == 0) {
    return errors::InvalidArgument(
        "The length of `dense_shape` (", shape.NumElements(),
        ") must match the second dimension of `indices` (",
        indices.dim_size(1), ") and be positive.");
  }
  return OkStatus();
}

class SparseFillEmptyRowsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& values = ctx->input(1);
    const Tensor& dense_shape = ctx->input(2);
    const Tensor& default_value = ctx->input(3);
    OP_REQUIRES_OK(ctx,
                   CheckInputs(indices, values, dense_shape, default_value));
    const int64_t n = indices.dim_size(0);
    const int64_t rank = indices.dim_size(1);
    const int64_t rows = dense_shape.data<int64_t>()[0];
    OP_REQUIRES(ctx, rows >= 0 && !(rows == 0 && n > 0),
                errors::InvalidArgument(
                    "Received SparseTensor with dense_shape[0] = ", rows,
                    " but indices.shape[0] = ", n));
    // The per-row bookkeeping is 16 bytes a row: refuse hostile sizes.
    OP_REQUIRES(ctx, rows <= (int64_t{1} << 32),
                errors::ResourceExhausted("SparseFillEmptyRows: dense_shape[0] "
                                          "= ",
                                          rows, " rows is too large"));
    const int64_t* idx = indices.data<int64_t>();
    std::vector<int64_t> per_row;
    OP_REQUIRES_OK(ctx, CountRows(idx, n, rank, rows, &per_row));
    // Output start of each row; empty rows take one slot.
    std::vector<int64_t> start(rows + 1, 0);
    for (int64_t r = 0; r < rows; ++r) {
      start[r + 1] = start[r] + std::max<int64_t>(per_row[r], 1);
    }
    const int64_t total = start[rows];
    OP_REQUIRES_ASSIGN(ctx, Tensor * out_idx,
                       ctx->allocate_output(0, TensorShape({total, rank})));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out_val,
                       ctx->allocate_output(1, TensorShape({total})));
    OP_REQUIRES_ASSIGN(ctx, Tensor * empty,
                       ctx->allocate_output(2, TensorShape({rows})));
    OP_REQUIRES_ASSIGN(ctx, Tensor * reverse,
                       ctx->allocate_output(3, TensorShape({n})));
    std::vector<int64_t> next(start.begin(), start.end() - 1);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t at = next[idx[i * rank]]++;
      std::copy_n(idx + i * rank, rank, out_idx->data<int64_t>() + at * rank);
      CopyElement(values, i, out_val, at);
      reverse->data<int64_t>()[i] = at;
    }
    for (int64_t r = 0; r < rows; ++r) {
      empty->data<bool>()[r] = per_row[r] == 0;
      if (per_row[r] != 0) continue;
      int64_t* row = out_idx->data<int64_t>() + start[r] * rank;
      std::fill_n(row, rank, 0);
      row[0] = r;
      CopyElement(default_value, 0, out_val, start[r]);
    }
  }

 private:
  static Status CountRows(const int64_t* idx, int64_t n, int64_t rank,
                          int64_t rows, std::vector<int64_t>* per_row) {
    per_row->assign(rows, 0);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t row = idx[i * rank];
      if (row < 0) {
        return errors::InvalidArgument("indices(", i, ", 0) is invalid: ",
                                       row, " < 0");
      }
      if (row >= rows) {
        return errors::InvalidArgument("indices(", i, ", 0) is invalid: ",
                                       row, " >= ", rows);
      }
      ++(*per_row)[row];
    }
    return OkStatus();
  }
};

}  // namespace

void RegisterSparseFillEmptyRowsKernels(KernelRegistry* r) {
  r->Register<SparseFillEmptyRowsOp>("SparseFillEmptyRows");
}

}  // namespace tfpersist
