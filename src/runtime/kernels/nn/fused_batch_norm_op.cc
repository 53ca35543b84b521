// FusedBatchNorm (T = float), FusedBatchNormV2 / V3 (T = float, half,
// bfloat16; U = float) in NHWC / NCHW (and NDHWC / NCDHW for V3). Math and
// outputs as reference/batch_norm.h (ops-core.md): is_training reads batch
// statistics (Bessel-corrected batch_variance, exponential averaging when
// exponential_avg_factor != 1), inference uses the given mean / variance.
// V3's reserve_space_3 is a scalar 0, as TF's CPU kernel.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/reference/batch_norm.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::BatchNormParams;

// y = x * a[c] + b[c] over the [outer, channels, inner] layout.
template <typename T>
void Normalize(const OpKernelContext* ctx, const BatchNormParams& p, const T* x,
               const std::vector<float>& a, const std::vector<float>& b, T* y) {
  const int64_t row = p.channels * p.inner;
  ParallelFor(ctx, p.outer, 2.0 * row, [&](int64_t o0, int64_t o1) {
    for (int64_t o = o0; o < o1; ++o) {
      for (int64_t c = 0; c < p.channels; ++c) {
        const int64_t base = o * row + c * p.inner;
        for (int64_t i = 0; i < p.inner; ++i) {
          const float v = reference::ToCompute(x[base + i]) * a[c] + b[c];
          y[base + i] = reference::FromCompute<T>(v);
        }
      }
    }
  });
}

// Writes `v` into a new float output [channels].
Status SetFloatOutput(OpKernelContext* ctx, int i,
                      const std::vector<float>& v) {
  TFP_ASSIGN_OR_RETURN(
      Tensor * t,
      ctx->allocate_output(i, TensorShape({static_cast<int64_t>(v.size())})));
  std::copy(v.begin(), v.end(), t->data<float>());
  return OkStatus();
}

template <typename Types>
class FusedBatchNormOp : public OpKernel {
 public:
  explicit FusedBatchNormOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("epsilon", &epsilon_));
    OP_REQUIRES_OK(c, c->GetAttr("is_training", &is_training_));
    if (c->HasAttr("exponential_avg_factor")) {
      OP_REQUIRES_OK(c, c->GetAttr("exponential_avg_factor", &avg_factor_));
    }
    OP_REQUIRES_OK(c, c->GetAttr("data_format", &format_));
    OP_REQUIRES(c,
                format_ == "NHWC" || format_ == "NCHW" || format_ == "NDHWC" ||
                    format_ == "NCDHW",
                errors::InvalidArgument("Invalid data format: ", format_));
    if (!RequireDType(c, Types{}, "T", c->input_type(0))) return;
    RequireDType(c, DTypeList<DT_FLOAT>{}, "U", c->input_type(1));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const int rank = format_.size() == 5 ? 5 : 4;
    OP_REQUIRES(ctx, x.dims() == rank,
                errors::InvalidArgument("input must be ", rank, "-dimensional",
                                        x.shape().DebugString()));
    BatchNormParams p = Layout(x.shape());
    const bool use_stats = !is_training_ || avg_factor_ != 1.0f;
    OP_REQUIRES_OK(ctx, CheckVector(ctx->input(1), "scale", p.channels));
    OP_REQUIRES_OK(ctx, CheckVector(ctx->input(2), "offset", p.channels));
    if (use_stats) {
      OP_REQUIRES_OK(ctx, CheckVector(ctx->input(3), "mean", p.channels));
      OP_REQUIRES_OK(ctx, CheckVector(ctx->input(4), "variance", p.channels));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * y, ctx->allocate_output(0, x.shape()));
    reference::BatchNormStats s;
    DispatchDType(Types{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      s = Run(ctx, p, x.data<T>(), use_stats, y->data<T>());
    });
    OP_REQUIRES_OK(ctx, SetFloatOutput(ctx, 1, s.batch_mean));
    OP_REQUIRES_OK(ctx, SetFloatOutput(ctx, 2, s.batch_variance));
    OP_REQUIRES_OK(ctx, SetFloatOutput(ctx, 3, s.reserve_1));
    OP_REQUIRES_OK(ctx, SetFloatOutput(ctx, 4, s.reserve_2));
    if (ctx->num_outputs() > 5) {
      ctx->set_output(5, Tensor::Scalar<float>(0.0f));
    }
  }

 private:
  BatchNormParams Layout(const TensorShape& shape) const {
    BatchNormParams p;
    const bool channels_first = format_[1] == 'C';
    const int cdim = channels_first ? 1 : shape.dims() - 1;
    p.channels = shape.dim_size(cdim);
    p.outer = p.inner = 1;
    for (int d = 0; d < cdim; ++d) p.outer *= shape.dim_size(d);
    for (int d = cdim + 1; d < shape.dims(); ++d) p.inner *= shape.dim_size(d);
    p.epsilon = epsilon_;
    p.exponential_avg_factor = avg_factor_;
    p.is_training = is_training_;
    return p;
  }

  Status CheckVector(const Tensor& t, const char* what, int64_t n) const {
    if (t.dims() != 1) {
      return errors::InvalidArgument(what, " must be 1-dimensional",
                                     t.shape().DebugString());
    }
    if (t.NumElements() != n) {
      return errors::InvalidArgument(
          what,
          " must have the same number of elements as the channels of "
          "x, got ",
          t.NumElements(), " and ", n);
    }
    return OkStatus();
  }

  // Statistics (reference::FusedBatchNorm's rules), then y = x * a + b.
  template <typename T>
  reference::BatchNormStats Run(OpKernelContext* ctx, const BatchNormParams& p,
                                const T* x, bool use_stats, T* y) const {
    const float* scale = ctx->input(1).data<float>();
    const float* offset = ctx->input(2).data<float>();
    const float* mean = use_stats ? ctx->input(3).data<float>() : nullptr;
    const float* var = use_stats ? ctx->input(4).data<float>() : nullptr;
    const int64_t n = p.outer * p.inner;
    const double bessel = n > 1 ? static_cast<double>(n) / (n - 1) : 1.0;
    const double f = p.exponential_avg_factor;
    reference::BatchNormStats s;
    std::vector<float> a(p.channels), b(p.channels);
    for (int64_t c = 0; c < p.channels; ++c) {
      double m, v;
      if (p.is_training) {
        reference::BatchMoments(p, x, c, &m, &v);
      } else {
        m = mean[c];
        v = var[c];
      }
      const double inv = 1.0 / std::sqrt(v + p.epsilon);
      a[c] = static_cast<float>(scale[c] * inv);
      b[c] = static_cast<float>(offset[c] - m * scale[c] * inv);
      double bm = m, bv = p.is_training ? v * bessel : v;
      if (p.is_training && f != 1.0) {
        bm = (1 - f) * mean[c] + f * bm;
        bv = (1 - f) * var[c] + f * bv;
      }
      s.batch_mean.push_back(static_cast<float>(bm));
      s.batch_variance.push_back(static_cast<float>(bv));
      s.reserve_1.push_back(static_cast<float>(m));
      s.reserve_2.push_back(static_cast<float>(v));
    }
    Normalize(ctx, p, x, a, b, y);
    return s;
  }

  float epsilon_ = 0.0001f, avg_factor_ = 1.0f;
  bool is_training_ = true;
  std::string format_;
};

using V1Types = DTypeList<DT_FLOAT>;
using V2Types = DTypeList<DT_FLOAT, DT_HALF, DT_BFLOAT16>;

}  // namespace

void RegisterFusedBatchNormKernels(KernelRegistry* r) {
  r->Register<FusedBatchNormOp<V1Types>>("FusedBatchNorm");
  r->Register<FusedBatchNormOp<V2Types>>("FusedBatchNormV2");
  r->Register<FusedBatchNormOp<V2Types>>("FusedBatchNormV3");
}

}  // namespace tfpersist
