// MatrixBandPart and the V3 diagonal ops (MatrixDiagPartV3, MatrixDiagV3,
// MatrixSetDiagV3) over batches of matrices, for every dtype with element
// storage. Diagonals k = lo..hi are stored hi first, each aligned per the
// `align` attr (semantics: reference/matrix_diag.h). TF's messages.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/reference/matrix_diag.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::DiagLen;
using reference::DiagOffset;

class MatrixOpBase : public OpKernel {
 public:
  explicit MatrixOpBase(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, VisitStorageType(c->output_type(0), [](auto) {}),
                errors::InvalidArgument(c->type_string(), " does not support ",
                                        DataTypeString(c->output_type(0))));
    if (c->HasAttr("align")) OP_REQUIRES_OK(c, c->GetAttr("align", &align_));
  }

 protected:
  // k: a scalar or a vector of one or two elements -> [lo, hi].
  static Status ReadK(const Tensor& k, int64_t* lo, int64_t* hi) {
    if (k.dims() > 1) {
      return errors::InvalidArgument(
          "diag_index must be a scalar or vector, received shape: ",
          k.shape().DebugString());
    }
    if (k.NumElements() < 1 || k.NumElements() > 2) {
      return errors::InvalidArgument(
          "diag_index must have one or two elements, received ",
          k.NumElements());
    }
    TFP_ASSIGN_OR_RETURN(std::vector<int64_t> v, ReadIndexTensor(k, "k"));
    *lo = v[0];
    *hi = v.size() > 1 ? v[1] : v[0];
    if (*lo > *hi) {
      return errors::InvalidArgument(
          "lower_diag_index must not be greater than upper_diag_index, "
          "received lower_diag_index = ",
          *lo, " and upper_diag_index = ", *hi);
    }
    return OkStatus();
  }

  // Both diagonal indices lie inside a rows x cols matrix (or are 0).
  static Status CheckBounds(int64_t lo, int64_t hi, int64_t rows,
                            int64_t cols) {
    for (auto [name, d] : {std::pair{"lower", lo}, std::pair{"upper", hi}}) {
      if (!((-rows < d && d < cols) || d == 0)) {
        return errors::InvalidArgument(name, "_diag_index is out of bound: ", d,
                                       ". It must be between ", -rows, " and ",
                                       cols);
      }
    }
    return OkStatus();
  }

  static Status CheckScalarPad(const Tensor& pad) {
    if (pad.dims() != 0) {
      return errors::InvalidArgument(
          "padding_value must be a scalar, received shape: ",
          pad.shape().DebugString());
    }
    return OkStatus();
  }

  std::string align_ = "RIGHT_LEFT";
};

class MatrixBandPartOp : public MatrixOpBase {
 public:
  using MatrixOpBase::MatrixOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES(ctx, in.dims() >= 2,
                errors::InvalidArgument(
                    "input must be at least 2-dim, received shape: ",
                    in.shape().DebugString()));
    const int64_t rows = in.dim_size(in.dims() - 2);
    const int64_t cols = in.dim_size(in.dims() - 1);
    int64_t bounds[2];
    const char* names[2] = {"num_lower", "num_upper"};
    const int64_t limits[2] = {rows, cols};
    for (int i = 0; i < 2; ++i) {
      const Tensor& t = ctx->input(1 + i);
      OP_REQUIRES(ctx, t.dims() == 0,
                  errors::InvalidArgument(names[i],
                                          " must be scalar, got "
                                          "shape ",
                                          t.shape().DebugString()));
      OP_REQUIRES_ASSIGN(ctx, bounds[i], ReadIndexScalar(t, names[i]));
      OP_REQUIRES(ctx, bounds[i] <= limits[i],
                  errors::InvalidArgument(
                      names[i],
                      " must be negative or less or equal to number "
                      "of ",
                      i == 0 ? "rows (" : "columns (", limits[i],
                      ") got: ", bounds[i]));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    if (in.NumElements() == 0) return;
    const int64_t lower = bounds[0] < 0 ? rows : bounds[0];
    const int64_t upper = bounds[1] < 0 ? cols : bounds[1];
    const int64_t batch = in.NumElements() / (rows * cols);
    VisitStorageType(in.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = StorageData<S>(in);
      S* dst = StorageData<S>(*out);
      std::fill(dst, dst + in.NumElements(), S{});
      for (int64_t b = 0; b < batch; ++b) {
        for (int64_t i = 0; i < rows; ++i) {
          // Row i keeps columns [i - lower, i + upper].
          const int64_t j0 = std::max<int64_t>(0, i - lower);
          const int64_t j1 = std::min<int64_t>(cols, i + upper + 1);
          const int64_t row = (b * rows + i) * cols;
          if (j0 < j1)
            std::copy(src + row + j0, src + row + j1, dst + row + j0);
        }
      }
    });
  }
};

// Output shape of MatrixDiagPartV3 / expected diagonal shape of
// MatrixSetDiagV3: batch dims + [num_diags if > 1] + [max_len].
TensorShape DiagShape(const TensorShape& in, int64_t lo, int64_t hi,
                      int64_t max_len) {
  TensorShape s;
  for (int d = 0; d < in.dims() - 2; ++d) s.AddDim(in.dim_size(d));
  if (lo != hi) s.AddDim(hi - lo + 1);
  s.AddDim(std::max<int64_t>(max_len, 0));
  return s;
}

// Calls fn(b, d, e, i, j) for element e of diagonal d (lo..hi) of matrix b:
// the matrix element (i, j) = (e + max(0, -d), e + max(0, d)).
template <typename Fn>
void ForEachDiagElement(int64_t batch, int64_t rows, int64_t cols, int64_t lo,
                        int64_t hi, Fn fn) {
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t d = lo; d <= hi; ++d) {
      const int64_t len = DiagLen(d, rows, cols);
      for (int64_t e = 0; e < len; ++e) {
        fn(b, d, e, e + std::max<int64_t>(0, -d), e + std::max<int64_t>(0, d));
      }
    }
  }
}

class MatrixDiagPartOp : public MatrixOpBase {
 public:
  using MatrixOpBase::MatrixOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& pad = ctx->input(2);
    OP_REQUIRES(ctx, in.dims() >= 2,
                errors::InvalidArgument(
                    "input must be at least 2-dim, received shape: ",
                    in.shape().DebugString()));
    int64_t lo, hi;
    OP_REQUIRES_OK(ctx, ReadK(ctx->input(1), &lo, &hi));
    OP_REQUIRES_OK(ctx, CheckScalarPad(pad));
    const int64_t rows = in.dim_size(in.dims() - 2);
    const int64_t cols = in.dim_size(in.dims() - 1);
    OP_REQUIRES_OK(ctx, CheckBounds(lo, hi, rows, cols));
    const int64_t max_len = std::min(rows + std::min<int64_t>(hi, 0),
                                     cols - std::max<int64_t>(lo, 0));
    const TensorShape shape = DiagShape(in.shape(), lo, hi, max_len);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (shape.num_elements() == 0) return;
    const int64_t batch = DimProduct(in.shape(), 0, in.dims() - 2);
    const int64_t nd = hi - lo + 1;
    VisitStorageType(in.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = StorageData<S>(in);
      S* dst = StorageData<S>(*out);
      std::fill(dst, dst + shape.num_elements(), StorageData<S>(pad)[0]);
      ForEachDiagElement(
          batch, rows, cols, lo, hi,
          [&](int64_t b, int64_t d, int64_t e, int64_t i, int64_t j) {
            const int64_t off =
                DiagOffset(d, DiagLen(d, rows, cols), max_len, align_);
            dst[(b * nd + hi - d) * max_len + off + e] =
                src[(b * rows + i) * cols + j];
          });
    });
  }
};

// MatrixDiagV3 (kSet = false: a padded matrix from diagonals) and
// MatrixSetDiagV3 (kSet = true: the input with its diagonals replaced).
template <bool kSet>
class MatrixDiagOp : public MatrixOpBase {
 public:
  using MatrixOpBase::MatrixOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& diag = ctx->input(kSet ? 1 : 0);
    int64_t lo, hi;
    OP_REQUIRES_OK(ctx, ReadK(ctx->input(kSet ? 2 : 1), &lo, &hi));
    OP_REQUIRES(ctx, diag.dims() >= 1,
                errors::InvalidArgument(
                    "diagonal must be at least 1-dim, received shape: ",
                    diag.shape().DebugString()));
    TensorShape out_shape;
    int64_t rows, cols;
    if (kSet) {
      const Tensor& in = ctx->input(0);
      OP_REQUIRES(ctx, in.dims() >= 2,
                  errors::InvalidArgument(
                      "input must be at least 2-dim, received shape: ",
                      in.shape().DebugString()));
      out_shape = in.shape();
      rows = in.dim_size(in.dims() - 2);
      cols = in.dim_size(in.dims() - 1);
      OP_REQUIRES_OK(ctx, CheckBounds(lo, hi, rows, cols));
      const int64_t max_len = std::min(rows + std::min<int64_t>(hi, 0),
                                       cols - std::max<int64_t>(lo, 0));
      const TensorShape expected = DiagShape(in.shape(), lo, hi, max_len);
      OP_REQUIRES(ctx, diag.shape() == expected,
                  errors::InvalidArgument(
                      "Either first dimensions of diagonal don't match "
                      "input.shape[:-2], or diagonal.shape[:-1] is not equal "
                      "to the longests diagonal in range "
                      "[lower_diag_index:upper_diag_index].\nInput shape: ",
                      in.shape().DebugString(),
                      "\nDiagonal shape: ", diag.shape().DebugString(),
                      "\nExpected diagonal shape: ", expected.DebugString()));
    } else {
      OP_REQUIRES_OK(ctx, DiagOutputShape(ctx, diag, lo, hi, &out_shape));
      rows = out_shape.dim_size(out_shape.dims() - 2);
      cols = out_shape.dim_size(out_shape.dims() - 1);
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    if (out_shape.num_elements() == 0) return;
    Fill(ctx, diag, lo, hi, rows, cols, out);
  }

 private:
  // MatrixDiagV3's output shape from num_rows / num_cols (-1: inferred).
  Status DiagOutputShape(OpKernelContext* ctx, const Tensor& diag, int64_t lo,
                         int64_t hi, TensorShape* shape) {
    TFP_RETURN_IF_ERROR(CheckScalarPad(ctx->input(4)));
    const int64_t nd = hi - lo + 1;
    if (lo != hi && (diag.dims() < 2 || diag.dim_size(diag.dims() - 2) != nd)) {
      return errors::InvalidArgument(
          "The number of diagonals provided in the input does not match the "
          "lower_diag_index and upper_diag_index range.");
    }
    const int64_t max_len = diag.dim_size(diag.dims() - 1);
    const int64_t min_rows = max_len - std::min<int64_t>(hi, 0);
    const int64_t min_cols = max_len + std::max<int64_t>(lo, 0);
    TFP_ASSIGN_OR_RETURN(int64_t rows,
                         ReadIndexScalar(ctx->input(2), "num_rows"));
    TFP_ASSIGN_OR_RETURN(int64_t cols,
                         ReadIndexScalar(ctx->input(3), "num_cols"));
    if (rows == -1 && cols == -1) {
      rows = cols = std::max(min_rows, min_cols);
    } else if (rows == -1) {
      rows = min_rows;
    } else if (cols == -1) {
      cols = min_cols;
    }
    if (rows < min_rows || cols < min_cols ||
        (rows != min_rows && cols != min_cols)) {
      return errors::InvalidArgument(
          "The number of rows or columns is not consistent with the "
          "specified d_lower, d_upper, and diagonal.");
    }
    TFP_RETURN_IF_ERROR(CheckBounds(lo, hi, rows, cols));
    std::vector<int64_t> dims(
        diag.shape().dim_sizes().begin(),
        diag.shape().dim_sizes().end() - (lo == hi ? 1 : 2));
    dims.push_back(rows);
    dims.push_back(cols);
    TFP_ASSIGN_OR_RETURN(*shape, TensorShape::Build(dims));
    return OkStatus();
  }

  // Base (input or padding), then every diagonal element from `diag`.
  void Fill(OpKernelContext* ctx, const Tensor& diag, int64_t lo, int64_t hi,
            int64_t rows, int64_t cols, Tensor* out) const {
    const int64_t max_len = diag.dim_size(diag.dims() - 1);
    const int64_t nd = hi - lo + 1;
    const int64_t batch = out->NumElements() / (rows * cols);
    VisitStorageType(out->dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      S* dst = StorageData<S>(*out);
      if (kSet) {
        const S* in = StorageData<S>(ctx->input(0));
        std::copy(in, in + out->NumElements(), dst);
      } else {
        std::fill(dst, dst + out->NumElements(),
                  StorageData<S>(ctx->input(4))[0]);
      }
      const S* src = StorageData<S>(diag);
      ForEachDiagElement(
          batch, rows, cols, lo, hi,
          [&](int64_t b, int64_t d, int64_t e, int64_t i, int64_t j) {
            const int64_t off =
                DiagOffset(d, DiagLen(d, rows, cols), max_len, align_);
            dst[(b * rows + i) * cols + j] =
                src[(b * nd + hi - d) * max_len + off + e];
          });
    });
  }
};

}  // namespace

void RegisterMatrixDiagKernels(KernelRegistry* r) {
  r->Register<MatrixBandPartOp>("MatrixBandPart");
  r->Register<MatrixDiagPartOp>("MatrixDiagPartV3");
  r->Register<MatrixDiagOp<false>>("MatrixDiagV3");
  r->Register<MatrixDiagOp<true>>("MatrixSetDiagV3");
}

}  // namespace tfpersist
