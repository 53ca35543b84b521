// Div, RealDiv, FloorDiv, FloorMod, Pow. Integer division by zero and
// integer negative powers are rejected before computing (TF's messages,
// INVALID_ARGUMENT) instead of trapping. RealDiv has no integer kernels, as
// in TF (Python casts integers to float before `/`).
#include <cstdint>
#include <type_traits>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/cwise_binary.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/numeric.h"

namespace tfpersist {
namespace {

using reference::DivFn;
using reference::FloorDivFn;
using reference::FloorModFn;
using reference::PowFn;

// Rejects a zero integer divisor anywhere in y.
struct NonZeroIntegerDivisor {
  template <typename T>
  static Status Check(const T* y, int64_t n) {
    if constexpr (std::is_integral_v<T>) {
      for (int64_t i = 0; i < n; ++i) {
        if (y[i] == 0)
          return errors::InvalidArgument("Integer division by zero");
      }
    }
    return OkStatus();
  }
};

// Rejects a negative integer exponent anywhere in y.
struct NonNegativeIntegerExponent {
  template <typename T>
  static Status Check(const T* y, int64_t n) {
    if constexpr (reference::kIsSignedInt<T>) {
      for (int64_t i = 0; i < n; ++i) {
        if (y[i] < 0) {
          return errors::InvalidArgument(
              "Integers to negative integer powers are not allowed");
        }
      }
    }
    return OkStatus();
  }
};

using PowTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8,
                           DT_INT16, DT_INT32, DT_INT64>;

}  // namespace

void RegisterCwiseDivisionKernels(KernelRegistry* r) {
  r->Register<
      BinaryOpKernel<DivFn, FloatAndIntTypes, false, NonZeroIntegerDivisor, 4>>(
      "Div");
  r->Register<BinaryOpKernel<DivFn, FloatTypes, false, AcceptAll, 4>>(
      "RealDiv");
  r->Register<BinaryOpKernel<FloorDivFn, FloatAndIntTypes, false,
                             NonZeroIntegerDivisor, 8>>("FloorDiv");
  r->Register<BinaryOpKernel<FloorModFn, FloatAndIntTypes, false,
                             NonZeroIntegerDivisor, 8>>("FloorMod");
  r->Register<
      BinaryOpKernel<PowFn, PowTypes, false, NonNegativeIntegerExponent, 20>>(
      "Pow");
}

}  // namespace tfpersist
