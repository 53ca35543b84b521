#include "runtime/kernels/math/vector_ops.h"

#include <Eigen/Core>

namespace tfpersist {
namespace {

template <typename T>
using ConstVec = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using Vec = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;

}  // namespace

template <typename T>
void VecMulAdd(const T* x, const T* y, T* acc, int64_t n) {
  Vec<T>(acc, n) += ConstVec<T>(x, n) * ConstVec<T>(y, n);
}

template <typename T>
void VecAdd(const T* x, T* acc, int64_t n) {
  Vec<T>(acc, n) += ConstVec<T>(x, n);
}

template <typename T>
void VecMax(const T* x, T* acc, int64_t n) {
  // Eigen's max(a, b) is std::max(a, b) == (a < b ? b : a).
  Vec<T> a(acc, n);
  a = a.max(ConstVec<T>(x, n));
}

template void VecMulAdd<float>(const float*, const float*, float*, int64_t);
template void VecMulAdd<double>(const double*, const double*, double*, int64_t);
template void VecAdd<float>(const float*, float*, int64_t);
template void VecAdd<double>(const double*, double*, int64_t);
template void VecMax<float>(const float*, float*, int64_t);
template void VecMax<double>(const double*, double*, int64_t);

}  // namespace tfpersist
