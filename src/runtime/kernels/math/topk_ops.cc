// TopKV2 (the k largest entries of each last-dim row, largest first, ties
// by lower index; NaN ranks above every number; real number dtypes,
// indices int16/int32/int64) and InTopKV2 (is the target among the top k
// predictions; false when a prediction of the row is not finite or the
// target is out of range). Semantics: reference/scan.h. TF's messages.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <type_traits>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// a ranks before b: larger value, NaN first, then lower index.
template <typename C>
bool RanksBefore(C va, int64_t a, C vb, int64_t b) {
  if constexpr (std::is_floating_point_v<C>) {
    const bool na = std::isnan(va), nb = std::isnan(vb);
    if (na || nb) return na != nb ? na : a < b;
  }
  if (va != vb) return va > vb;
  return a < b;
}

template <typename T, typename I>
void TopKRows(const T* x, int64_t rows, int64_t n, int64_t k, T* values,
              I* indices) {
  using reference::ToCompute;
  std::vector<int64_t> order(n);
  for (int64_t r = 0; r < rows; ++r) {
    const T* row = x + r * n;
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int64_t a, int64_t b) {
                        return RanksBefore(ToCompute(row[a]), a,
                                           ToCompute(row[b]), b);
                      });
    for (int64_t i = 0; i < k; ++i) {
      values[r * k + i] = row[order[i]];
      indices[r * k + i] = static_cast<I>(order[i]);
    }
  }
}

using IndexTypes = DTypeList<DT_INT16, DT_INT32, DT_INT64>;

class TopKV2Op : public OpKernel {
 public:
  explicit TopKV2Op(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, FloatAndIntTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& k_t = ctx->input(1);
    OP_REQUIRES(ctx, k_t.dims() == 0,
                errors::InvalidArgument("k must be 0-D, got shape ",
                                        k_t.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, int64_t k, ReadIndexScalar(k_t, "k"));
    OP_REQUIRES(ctx, k >= 0, errors::InvalidArgument("Need k >= 0, got ", k));
    OP_REQUIRES(ctx, in.dims() >= 1,
                errors::InvalidArgument("input must be >= 1-D, got shape ",
                                        in.shape().DebugString()));
    const int64_t n = in.dim_size(in.dims() - 1);
    OP_REQUIRES(ctx, n >= k,
                errors::InvalidArgument("input must have at least k columns. "
                                        "Had ",
                                        n, ", needed ", k));
    const DataType index_type = output_type(1);
    OP_REQUIRES(ctx, index_type != DT_INT16 || n <= 32768,
                errors::InvalidArgument("index_type int16 cannot index ", n,
                                        " columns"));
    TensorShape shape = in.shape();
    shape.set_dim(in.dims() - 1, k);
    OP_REQUIRES_ASSIGN(ctx, Tensor * values, ctx->allocate_output(0, shape));
    OP_REQUIRES_ASSIGN(ctx, Tensor * indices, ctx->allocate_output(1, shape));
    if (shape.num_elements() == 0) return;
    const int64_t rows = in.NumElements() / n;
    DispatchDType(FloatAndIntTypes{}, in.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      DispatchDType(IndexTypes{}, index_type, [&](auto itag) {
        using I = typename decltype(itag)::type;
        TopKRows(in.data<T>(), rows, n, k, values->data<T>(),
                 indices->data<I>());
      });
    });
  }
};

class InTopKV2Op : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& pred = ctx->input(0);
    const Tensor& targets_t = ctx->input(1);
    const Tensor& k_t = ctx->input(2);
    OP_REQUIRES(ctx, pred.dims() == 2,
                errors::InvalidArgument("predictions must be 2-dimensional"));
    OP_REQUIRES(ctx, targets_t.dims() == 1,
                errors::InvalidArgument("targets must be 1-dimensional"));
    OP_REQUIRES(ctx, pred.dim_size(0) == targets_t.dim_size(0),
                errors::InvalidArgument(
                    "First dimension of predictions ", pred.dim_size(0),
                    " must match length of targets ", targets_t.dim_size(0)));
    OP_REQUIRES(ctx, k_t.dims() == 0,
                errors::InvalidArgument("k must be 0-D, got shape ",
                                        k_t.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> targets,
                       ReadIndexTensor(targets_t, "targets"));
    OP_REQUIRES_ASSIGN(ctx, int64_t k, ReadIndexScalar(k_t, "k"));
    const int64_t classes = pred.dim_size(1);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, {pred.dim_size(0)}));
    bool* y = out->data<bool>();
    for (int64_t b = 0; b < pred.dim_size(0); ++b) {
      const float* row = pred.data<float>() + b * classes;
      const int64_t t = targets[b];
      if (t < 0 || t >= classes || !std::isfinite(row[t])) {
        y[b] = false;
        continue;
      }
      int64_t more = 0;
      bool finite = true;  // any non-finite prediction: cannot say
      for (int64_t c = 0; c < classes && finite; ++c) {
        finite = std::isfinite(row[c]);
        more += row[c] > row[t];
      }
      y[b] = finite && more < k;
    }
  }
};

}  // namespace

void RegisterTopKKernels(KernelRegistry* r) {
  r->Register<TopKV2Op>("TopKV2");
  r->Register<InTopKV2Op>("InTopKV2");
}

}  // namespace tfpersist
