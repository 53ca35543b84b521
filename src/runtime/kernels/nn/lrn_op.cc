// LRN (local response normalization) across the depth of a 4-D NHWC input
// (reference/lrn.h):
//   out = in / (bias + alpha * sum of squares over [d - r, d + r])^beta
// A running window sum over each row; rows in parallel.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using LrnTypes = DTypeList<DT_FLOAT, DT_HALF, DT_BFLOAT16>;

class LrnOp : public OpKernel {
 public:
  explicit LrnOp(OpKernelConstruction* c) : OpKernel(c) {
    int64_t radius = 0;
    OP_REQUIRES_OK(c, c->GetAttr("depth_radius", &radius));
    OP_REQUIRES(c, radius >= 0 && radius <= (int64_t{1} << 30),
                errors::InvalidArgument("depth_radius = ", radius,
                                        " out of range [0, 2^30]"));
    radius_ = radius;
    OP_REQUIRES_OK(c, c->GetAttr("bias", &bias_));
    OP_REQUIRES_OK(c, c->GetAttr("alpha", &alpha_));
    OP_REQUIRES_OK(c, c->GetAttr("beta", &beta_));
    RequireDType(c, LrnTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES(ctx, in.dims() == 4,
                errors::InvalidArgument("in must be 4-dimensional, got ",
                                        in.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    if (in.NumElements() == 0) return;
    const int64_t depth = in.dim_size(3);
    const int64_t rows = in.NumElements() / depth;
    DispatchDType(LrnTypes{}, in.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* x = in.data<T>();
      T* y = out->data<T>();
      ParallelFor(ctx, rows, 20.0 * depth, [&](int64_t r0, int64_t r1) {
        std::vector<double> sq(depth + 1);  // prefix sums of squares
        for (int64_t r = r0; r < r1; ++r)
          Row(x + r * depth, y + r * depth, depth, sq.data());
      });
    });
  }

 private:
  template <typename T>
  void Row(const T* x, T* y, int64_t depth, double* prefix) const {
    prefix[0] = 0;
    for (int64_t d = 0; d < depth; ++d) {
      const double v = reference::ToCompute(x[d]);
      prefix[d + 1] = prefix[d] + v * v;
    }
    for (int64_t d = 0; d < depth; ++d) {
      const int64_t lo = std::max<int64_t>(0, d - radius_);
      const int64_t hi = std::min<int64_t>(depth, d + radius_ + 1);
      const double norm = bias_ + alpha_ * (prefix[hi] - prefix[lo]);
      const double v = reference::ToCompute(x[d]) / std::pow(norm, beta_);
      y[d] = reference::FromCompute<T>(static_cast<float>(v));
    }
  }

  int64_t radius_ = 5;
  float bias_ = 1, alpha_ = 1, beta_ = 0.5f;
};

}  // namespace

void RegisterLrnKernels(KernelRegistry* r) { r->Register<LrnOp>("LRN"); }

}  // namespace tfpersist
