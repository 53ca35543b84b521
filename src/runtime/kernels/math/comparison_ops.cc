// Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual (broadcasting,
// bool output) and LogicalAnd, LogicalOr, LogicalNot.
//
// Equal/NotEqual with incompatible_shape_error = false return a scalar
// false/true for shapes that do not broadcast, as TF does.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/cwise_binary.h"
#include "runtime/kernels/math/cwise_unary.h"
#include "runtime/kernels/math/math_kernels.h"

namespace tfpersist {
namespace {

struct LessFn {
  template <typename T>
  bool operator()(T a, T b) const {
    return a < b;
  }
};
struct LessEqualFn {
  template <typename T>
  bool operator()(T a, T b) const {
    return a <= b;
  }
};
struct GreaterFn {
  template <typename T>
  bool operator()(T a, T b) const {
    return a > b;
  }
};
struct GreaterEqualFn {
  template <typename T>
  bool operator()(T a, T b) const {
    return a >= b;
  }
};
struct EqualFn {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return a == b;
  }
};
struct NotEqualFn {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return a != b;
  }
};
struct LogicalAndFn {
  bool operator()(bool a, bool b) const { return a && b; }
};
struct LogicalOrFn {
  bool operator()(bool a, bool b) const { return a || b; }
};
struct LogicalNotFn {
  bool operator()(bool a) const { return !a; }
};

using EqualityTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8, DT_INT16,
              DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64,
              DT_BOOL, DT_STRING>;
using BoolType = DTypeList<DT_BOOL>;

// Equal / NotEqual: a BinaryOpKernel that honours incompatible_shape_error.
template <typename Fn, bool kResultIfIncompatible>
class EqualityOpKernel : public BinaryOpKernel<Fn, EqualityTypes, true> {
 public:
  explicit EqualityOpKernel(OpKernelConstruction* c)
      : BinaryOpKernel<Fn, EqualityTypes, true>(c) {
    OP_REQUIRES_OK(
        c, c->GetAttr("incompatible_shape_error", &incompatible_shape_error_));
  }

  void Compute(OpKernelContext* ctx) override {
    if (!incompatible_shape_error_) {
      BinaryBroadcast b;
      if (!b.Init(ctx->input(0).shape(), ctx->input(1).shape()).ok()) {
        ctx->set_output(0, Tensor::Scalar<bool>(kResultIfIncompatible));
        return;
      }
    }
    BinaryOpKernel<Fn, EqualityTypes, true>::Compute(ctx);
  }

 private:
  bool incompatible_shape_error_ = true;
};

}  // namespace

void RegisterComparisonKernels(KernelRegistry* r) {
  r->Register<BinaryOpKernel<LessFn, FloatAndIntTypes, true>>("Less");
  r->Register<BinaryOpKernel<LessEqualFn, FloatAndIntTypes, true>>("LessEqual");
  r->Register<BinaryOpKernel<GreaterFn, FloatAndIntTypes, true>>("Greater");
  r->Register<BinaryOpKernel<GreaterEqualFn, FloatAndIntTypes, true>>(
      "GreaterEqual");
  r->Register<EqualityOpKernel<EqualFn, false>>("Equal");
  r->Register<EqualityOpKernel<NotEqualFn, true>>("NotEqual");
  r->Register<BinaryOpKernel<LogicalAndFn, BoolType, true>>("LogicalAnd");
  r->Register<BinaryOpKernel<LogicalOrFn, BoolType, true>>("LogicalOr");
  r->Register<UnaryOpKernel<LogicalNotFn, BoolType>>("LogicalNot");
}

}  // namespace tfpersist
