// Compile-time dtype lists for the math and nn kernels: a kernel names the
// dtypes TF registers CPU kernels for, and only those are instantiated.
//
//   using kTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_INT32>;
//   if (!DispatchDType(kTypes{}, dt, [&](auto tag) {
//         using T = typename decltype(tag)::type;  ...
//       })) { /* dt not in the list */ }
//
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_
#define TFPERSIST_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"
#include "tfpersist/base/status.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

template <DataType... Ds>
struct DTypeList {};

// Calls f(TypeTag<T>) for the C++ type of dt if dt is in the list.
template <DataType... Ds, typename F>
bool DispatchDType(DTypeList<Ds...>, DataType dt, F&& f) {
  return (
      (dt == Ds && (f(TypeTag<typename EnumToDataType<Ds>::Type>{}), true)) ||
      ...);
}

template <DataType... Ds>
bool InDTypeList(DTypeList<Ds...>, DataType dt) {
  return ((dt == Ds) || ...);
}

template <DataType... Ds>
std::vector<DataType> DTypesOf(DTypeList<Ds...>) {
  return {Ds...};
}

// TF's message for a dtype the op has no CPU kernel for:
// INVALID_ARGUMENT "No OpKernel was registered to support Op 'RealDiv' used
// by {{node d}} with these attrs: [T=DT_INT32]" followed by the registered
// dtypes.
Status NoKernelForDType(const OpKernelConstruction* c, std::string_view attr,
                        DataType dt, const std::vector<DataType>& supported);

// Sets the construction status to NoKernelForDType unless dt is in `list`;
// returns whether it is.
template <typename List>
bool RequireDType(OpKernelConstruction* c, List list, std::string_view attr,
                  DataType dt) {
  if (InDTypeList(list, dt)) return true;
  c->SetStatus(NoKernelForDType(c, attr, dt, DTypesOf(list)));
  return false;
}

// Common lists.
using FloatTypes = DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16>;
using FloatAndIntTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8, DT_INT16,
              DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64>;

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_
