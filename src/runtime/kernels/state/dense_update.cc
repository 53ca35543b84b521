#include "runtime/kernels/state/dense_update.h"

#include "runtime/kernels/kernel_util.h"

namespace tfpersist {

bool DenseUpdateSupports(DataType dt) {
  return VisitNumberType(dt, [](auto) {});
}

Tensor DenseUpdate(const Tensor& params, const Tensor& update,
                   DenseUpdateType op) {
  Tensor out(params.dtype(), params.shape());
  VisitNumberType(params.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* p = params.data<T>();
    const T* u = update.data<T>();
    T* o = out.data<T>();
    const int64_t n = params.NumElements();
    if (op == DenseUpdateType::kAdd) {
      for (int64_t i = 0; i < n; ++i) o[i] = static_cast<T>(p[i] + u[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) o[i] = static_cast<T>(p[i] - u[i]);
    }
  });
  return out;
}

}  // namespace tfpersist
