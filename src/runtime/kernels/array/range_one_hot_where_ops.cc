// Range (start, limit, delta), OneHot (indices, depth, on, off; axis) and
// Where (coordinates of true / non-zero elements). TF's messages.
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Range's types: float, double, int32, int64.
template <typename F>
bool VisitRangeType(DataType dt, F&& f) {
  switch (dt) {
    case DT_FLOAT:
      f(TypeTag<float>{});
      return true;
    case DT_DOUBLE:
      f(TypeTag<double>{});
      return true;
    case DT_INT32:
      f(TypeTag<int32_t>{});
      return true;
    case DT_INT64:
      f(TypeTag<int64_t>{});
      return true;
    default:
      return false;
  }
}

// ceil(|limit - start| / |delta|) for integers, computed in uint64 (the
// difference of two int64 values always fits), so Range(INT_MIN, INT_MAX)
// neither overflows nor wraps to a wrong size.
template <typename T>
uint64_t IntegerRangeSize(T start, T limit, T delta) {
  const auto u = [](T v) { return static_cast<uint64_t>(v); };
  const uint64_t span =
      limit >= start ? u(limit) - u(start) : u(start) - u(limit);
  const uint64_t step = delta > 0 ? u(delta) : uint64_t{0} - u(delta);
  return span / step + (span % step != 0);
}

// Number of Range elements; INVALID_ARGUMENT per TF for bad arguments and
// for a count above the int64 maximum.
template <typename T>
StatusOr<int64_t> RangeSize(T start, T limit, T delta) {
  if (delta == T(0))
    return errors::InvalidArgument("Requires delta != 0: ", delta);
  if (delta > T(0) && start > limit) {
    return errors::InvalidArgument(
        "Requires start <= limit when delta > 0: ", start, "/", limit);
  }
  if (delta < T(0) && start < limit) {
    return errors::InvalidArgument(
        "Requires start >= limit when delta < 0: ", start, "/", limit);
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if constexpr (std::is_integral_v<T>) {
    const uint64_t size = IntegerRangeSize(start, limit, delta);
    if (size > static_cast<uint64_t>(kMax)) {
      return errors::InvalidArgument("Requires ((limit - start) / delta) <= ",
                                     kMax);
    }
    return static_cast<int64_t>(size);
  } else {
    const double size =
        std::ceil(std::abs((static_cast<double>(limit) - start) / delta));
    // NaN fails too; 2^63 is the first double above the int64 range.
    if (!(size < 9223372036854775808.0)) {
      return errors::InvalidArgument("Requires ((limit - start) / delta) <= ",
                                     kMax);
    }
    return static_cast<int64_t>(size);
  }
}

// start + i * delta; for integers modulo 2^64, which is exact because every
// element lies in [start, limit).
template <typename T>
T RangeElement(T start, T delta, int64_t i) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(
        static_cast<uint64_t>(start) +
        static_cast<uint64_t>(i) *
            static_cast<uint64_t>(static_cast<int64_t>(delta)));
  } else {
    return static_cast<T>(start + i * delta);
  }
}

class RangeOp : public OpKernel {
 public:
  explicit RangeOp(OpKernelConstruction* c) : OpKernel(c) {
    DataType dt = c->output_type(0);
    OP_REQUIRES(
        c, VisitRangeType(dt, [](auto) {}),
        errors::Unimplemented("Range does not support ", DataTypeString(dt)));
  }

  void Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < 3; ++i) {
      OP_REQUIRES(ctx, ctx->input(i).NumElements() == 1,
                  errors::InvalidArgument(i == 0   ? "start"
                                          : i == 1 ? "limit"
                                                   : "delta",
                                          " must be a scalar, not shape ",
                                          ctx->input(i).shape().DebugString()));
    }
    VisitRangeType(output_type(0), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T start = ctx->input(0).scalar<T>(), limit = ctx->input(1).scalar<T>(),
        delta = ctx->input(2).scalar<T>();
      OP_REQUIRES_ASSIGN(ctx, int64_t n, RangeSize(start, limit, delta));
      OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                         ctx->allocate_output(0, TensorShape({n})));
      T* data = out->data<T>();
      for (int64_t i = 0; i < n; ++i) data[i] = RangeElement(start, delta, i);
    });
  }
};

class OneHotOp : public OpKernel {
 public:
  explicit OneHotOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices_t = ctx->input(0);
    const int rank = indices_t.dims();
    OP_REQUIRES(
        ctx, axis_ == -1 || (axis_ >= 0 && axis_ <= rank),
        errors::InvalidArgument("Expected axis to be -1 or between [0, ",
                                rank + 1, ").  But received: ", axis_));
    OP_REQUIRES_ASSIGN(ctx, int64_t depth,
                       ReadIndexScalar(ctx->input(1), "OneHot depth"));
    OP_REQUIRES(
        ctx, depth >= 0,
        errors::InvalidArgument("depth must be non-negative, got: ", depth));
    const Tensor& on = ctx->input(2);
    const Tensor& off = ctx->input(3);
    OP_REQUIRES(
        ctx, on.NumElements() == 1 && off.NumElements() == 1,
        errors::InvalidArgument("on_value and off_value must be scalars"));
    std::vector<int64_t> indices;
    if (indices_t.dtype() == DT_UINT8) {
      for (uint8_t v : indices_t.flat<uint8_t>()) indices.push_back(v);
    } else {
      OP_REQUIRES_ASSIGN(ctx, indices,
                         ReadIndexTensor(indices_t, "OneHot indices"));
    }
    const int axis = axis_ == -1 ? rank : static_cast<int>(axis_);
    TensorShape shape = indices_t.shape();
    shape.InsertDim(axis, depth);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    const int64_t outer = DimProduct(indices_t.shape(), 0, axis);
    const int64_t inner = DimProduct(indices_t.shape(), axis, rank);
    VisitStorageType(on.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      S* dst = StorageData<S>(*out);
      const S& on_v = StorageData<S>(on)[0];
      const S& off_v = StorageData<S>(off)[0];
      for (int64_t o = 0; o < outer; ++o)
        for (int64_t d = 0; d < depth; ++d)
          for (int64_t j = 0; j < inner; ++j)
            *dst++ = indices[o * inner + j] == d ? on_v : off_v;
    });
  }

 private:
  int64_t axis_ = -1;
};

// Truth of every element of t (x != 0, or the bool); false if unsupported.
bool TruthValues(const Tensor& t, std::vector<bool>* out) {
  out->resize(t.NumElements());
  if (t.dtype() == DT_BOOL) {
    for (int64_t i = 0; i < t.NumElements(); ++i) (*out)[i] = t.data<bool>()[i];
    return true;
  }
  return VisitNumberType(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* p = t.data<T>();
    for (int64_t i = 0; i < t.NumElements(); ++i) (*out)[i] = p[i] != T(0);
  });
}

class WhereOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    std::vector<bool> truth;
    OP_REQUIRES(ctx, TruthValues(input, &truth),
                errors::Unimplemented("Where does not support ",
                                      DataTypeString(input.dtype())));
    int64_t count = 0;
    for (bool b : truth) count += b;
    const int rank = input.dims();
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, TensorShape({count, rank})));
    int64_t* dst = out->data<int64_t>();
    for (int64_t i = 0; i < input.NumElements(); ++i) {
      if (!truth[i]) continue;
      int64_t rem = i;
      for (int d = rank - 1; d >= 0; --d) {
        dst[d] = rem % input.dim_size(d);
        rem /= input.dim_size(d);
      }
      dst += rank;
    }
  }
};

}  // namespace

void RegisterRangeOneHotWhereKernels(KernelRegistry* r) {
  r->Register<RangeOp>("Range");
  r->Register<OneHotOp>("OneHot");
  r->Register<WhereOp>("Where");
}

}  // namespace tfpersist
