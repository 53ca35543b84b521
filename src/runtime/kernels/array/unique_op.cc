// Unique (1-D x) and UniqueV2 (unique slices along `axis`; an empty axis
// means 1-D x): y holds the distinct elements / slices in order of first
// occurrence, idx maps each input position to its y index (int32/int64).
// Elements compare by value (== on float values, so -0 == 0 and NaNs are
// all distinct, as TF); real number types, bool and string. TF's messages.
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using UniqueTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8, DT_INT16,
              DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64,
              DT_BOOL, DT_STRING>;

// Hash of a slice of compute-type values (std::hash maps -0.0 and 0.0
// alike).
struct SliceHash {
  template <typename C>
  size_t operator()(const std::vector<C>& v) const {
    size_t h = v.size();
    for (const C& e : v) h = h * 1000003u ^ std::hash<C>()(e);
    return h;
  }
};

class UniqueOp : public OpKernel {
 public:
  explicit UniqueOp(OpKernelConstruction* c) : OpKernel(c) {
    RequireDType(c, UniqueTypes{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    int axis = 0;
    if (num_inputs() > 1) {
      OP_REQUIRES_OK(ctx, ReadAxis(ctx->input(1), x, &axis));
    } else {
      OP_REQUIRES(ctx, x.dims() == 1,
                  errors::InvalidArgument("unique expects a 1D vector."));
    }
    const int64_t outer = DimProduct(x.shape(), 0, axis);
    const int64_t n = x.dim_size(axis);
    const int64_t inner = DimProduct(x.shape(), axis + 1, x.dims());
    DispatchDType(UniqueTypes{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Run<T>(ctx, x, axis, outer, n, inner);
    });
  }

 private:
  Status ReadAxis(const Tensor& axis_t, const Tensor& x, int* axis) const {
    if (axis_t.dims() != 1) {
      return errors::InvalidArgument("axis expects a 1D vector.");
    }
    if (axis_t.NumElements() > 1) {
      return errors::InvalidArgument(
          "axis does not support input tensors larger than 1 elements");
    }
    if (axis_t.NumElements() == 0) {
      if (x.dims() != 1) {
        return errors::InvalidArgument("unique expects a 1D vector.");
      }
      return OkStatus();
    }
    TFP_ASSIGN_OR_RETURN(int64_t a, ReadIndexScalar(axis_t, "axis"));
    if (a < 0) a += x.dims();
    if (a < 0 || a >= x.dims()) {
      return errors::InvalidArgument("axis has to be between [0, ", x.dims(),
                                     ")");
    }
    *axis = static_cast<int>(a);
    return OkStatus();
  }

  template <typename T>
  void Run(OpKernelContext* ctx, const Tensor& x, int axis, int64_t outer,
           int64_t n, int64_t inner) {
    using C = reference::ComputeType<T>;
    const T* data = x.data<T>();
    std::unordered_map<std::vector<C>, int64_t, SliceHash> seen;
    std::vector<int64_t> idx(n), firsts;
    for (int64_t j = 0; j < n; ++j) {
      std::vector<C> key;
      key.reserve(outer * inner);
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t r = 0; r < inner; ++r) {
          key.push_back(reference::ToCompute(data[(o * n + j) * inner + r]));
        }
      }
      auto [it, inserted] =
          seen.emplace(std::move(key), static_cast<int64_t>(firsts.size()));
      if (inserted) firsts.push_back(j);
      idx[j] = it->second;
    }
    TensorShape y_shape = x.shape();
    y_shape.set_dim(axis, static_cast<int64_t>(firsts.size()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * y, ctx->allocate_output(0, y_shape));
    T* out = y->data<T>();
    const int64_t u = static_cast<int64_t>(firsts.size());
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t k = 0; k < u; ++k) {
        for (int64_t r = 0; r < inner; ++r) {
          out[(o * u + k) * inner + r] = data[(o * n + firsts[k]) * inner + r];
        }
      }
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor idx_t, MakeIndexVector(output_type(1), idx));
    ctx->set_output(1, std::move(idx_t));
  }
};

}  // namespace

void RegisterUniqueKernels(KernelRegistry* r) {
  r->Register<UniqueOp>("Unique");
  r->Register<UniqueOp>("UniqueV2");
}

}  // namespace tfpersist
