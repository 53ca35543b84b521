// Naive reductions (Sum, Prod, Max, Min, Mean) over any set of axes and
// ArgMax/ArgMin along one axis: the oracles of the reduction kernels.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_REDUCE_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_REDUCE_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <vector>

#include "runtime/kernels/reference/broadcast.h"
#include "runtime/kernels/reference/numeric.h"

namespace tfpersist::reference {

enum class ReduceOp { kSum, kProd, kMax, kMin, kMean };

// The value a reduction over zero elements yields: 0 (Sum, Mean of ints),
// 1 (Prod), lowest (Max; -inf for floats), highest (Min; +inf), NaN (Mean
// of floats).
template <typename C>
C ReduceIdentity(ReduceOp op) {
  constexpr bool kFloat = std::is_floating_point_v<C>;
  switch (op) {
    case ReduceOp::kProd:
      return C(1);
    case ReduceOp::kMax:
      return kFloat ? -std::numeric_limits<C>::infinity()
                    : std::numeric_limits<C>::lowest();
    case ReduceOp::kMin:
      return kFloat ? std::numeric_limits<C>::infinity()
                    : std::numeric_limits<C>::max();
    default:
      return C(0);
  }
}

// Combines an accumulator with one value; Max/Min propagate NaN.
template <typename A>
A ReduceStep(ReduceOp op, A acc, A v) {
  switch (op) {
    case ReduceOp::kProd:
      return WrapMul(acc, v);
    case ReduceOp::kMax:
      return (v > acc || v != v) && acc == acc ? v : acc;
    case ReduceOp::kMin:
      return (v < acc || v != v) && acc == acc ? v : acc;
    default:
      return WrapAdd(acc, v);
  }
}

// out has one element per combination of the kept axes (row-major, kept
// axes in order). `reduce` has one flag per axis of `dims`. Mean divides
// the sum by the reduced element count (integer division for integers; a
// zero count gives 0 for integers).
template <typename T>
void Reduce(const T* in, std::span<const int64_t> dims,
            const std::vector<bool>& reduce, ReduceOp op, T* out) {
  using C = ComputeType<T>;
  using A = std::conditional_t<std::is_floating_point_v<C>, double, C>;
  Dims out_dims;
  int64_t count = 1;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (reduce[i]) {
      count *= dims[i];
    } else {
      out_dims.push_back(dims[i]);
    }
  }
  std::vector<A> acc(NumElements(out_dims), A(ReduceIdentity<C>(op)));
  std::vector<int64_t> index(dims.size(), 0);
  const int64_t n = NumElements(dims);
  for (int64_t i = 0; i < n; ++i) {
    int64_t o = 0;
    for (size_t d = 0; d < dims.size(); ++d) {
      if (!reduce[d]) o = o * dims[d] + index[d];
    }
    acc[o] = ReduceStep<A>(op, acc[o], A(ToCompute(in[i])));
    NextIndex(dims, index);
  }
  for (size_t o = 0; o < acc.size(); ++o) {
    A v = acc[o];
    if (op == ReduceOp::kMean) {
      if constexpr (std::is_floating_point_v<A>) {
        v = v / static_cast<A>(count);
      } else {
        v = count == 0 ? A(0) : static_cast<A>(v / static_cast<A>(count));
      }
    }
    out[o] = FromCompute<T>(static_cast<C>(v));
  }
}

// Index of the first maximum (is_max) or minimum along `axis`, for every
// combination of the other axes. REQUIRES: dims[axis] > 0.
template <typename T, typename Index>
void ArgReduce(const T* in, std::span<const int64_t> dims, int axis,
               bool is_max, Index* out) {
  int64_t outer = 1, inner = 1;
  for (int i = 0; i < axis; ++i) outer *= dims[i];
  for (size_t i = axis + 1; i < dims.size(); ++i) inner *= dims[i];
  const int64_t len = dims[axis];
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < inner; ++j) {
      const T* base = in + o * len * inner + j;
      int64_t best = 0;
      for (int64_t k = 1; k < len; ++k) {
        const auto v = ToCompute(base[k * inner]);
        const auto b = ToCompute(base[best * inner]);
        if (is_max ? v > b : v < b) best = k;
      }
      out[o * inner + j] = static_cast<Index>(best);
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_REDUCE_H_
