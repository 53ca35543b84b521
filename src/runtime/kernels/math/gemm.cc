#include "runtime/kernels/math/gemm.h"

#include <Eigen/Core>
#include <algorithm>
#include <type_traits>
#include <vector>

#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/onednn/onednn.h"
#include "runtime/kernels/reference/numeric.h"

namespace tfpersist {
namespace {

template <typename T>
using RowMajor =
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using ConstBlock = Eigen::Map<const RowMajor<T>, 0, Eigen::OuterStride<>>;
template <typename T>
using Block = Eigen::Map<RowMajor<T>, 0, Eigen::OuterStride<>>;

// The rows [r0, r1) x cols [c0, c1) block of out = op(a) * op(b).
template <typename T>
void EigenBlock(const T* a, const T* b, T* out, int64_t m, int64_t k, int64_t n,
                bool ta, bool tb, int64_t r0, int64_t r1, int64_t c0,
                int64_t c1) {
  Block<T> o(out + r0 * n + c0, r1 - r0, c1 - c0, Eigen::OuterStride<>(n));
  // op(a) rows [r0, r1): a[r0:r1, :] or (a[:, r0:r1])^T.
  ConstBlock<T> av =
      ta ? ConstBlock<T>(a + r0, k, r1 - r0, Eigen::OuterStride<>(m))
         : ConstBlock<T>(a + r0 * k, r1 - r0, k, Eigen::OuterStride<>(k));
  // op(b) cols [c0, c1): b[:, c0:c1] or (b[c0:c1, :])^T.
  ConstBlock<T> bv =
      tb ? ConstBlock<T>(b + c0 * k, c1 - c0, k, Eigen::OuterStride<>(k))
         : ConstBlock<T>(b + c0, k, c1 - c0, Eigen::OuterStride<>(n));
  if (ta && tb) {
    o.noalias() = av.transpose() * bv.transpose();
  } else if (ta) {
    o.noalias() = av.transpose() * bv;
  } else if (tb) {
    o.noalias() = av * bv.transpose();
  } else {
    o.noalias() = av * bv;
  }
}

// The same block for integers: i-p-j loops (inner loop contiguous in out
// and, without transpose_b, in b), wrapping arithmetic.
template <typename T>
void IntBlock(const T* a, const T* b, T* out, int64_t m, int64_t k, int64_t n,
              bool ta, bool tb, int64_t r0, int64_t r1, int64_t c0,
              int64_t c1) {
  for (int64_t i = r0; i < r1; ++i) {
    T* o = out + i * n;
    for (int64_t j = c0; j < c1; ++j) o[j] = 0;
    for (int64_t p = 0; p < k; ++p) {
      const T av = ta ? a[p * m + i] : a[i * k + p];
      for (int64_t j = c0; j < c1; ++j) {
        const T bv = tb ? b[j * k + p] : b[p * n + j];
        o[j] = reference::WrapAdd(o[j], reference::WrapMul(av, bv));
      }
    }
  }
}

// Splits the product into row blocks (tall outputs) or column blocks
// (short, wide outputs such as a batch-1 dense layer) over the threads.
template <typename T, typename BlockFn>
void Partition(const OpKernelContext* ctx, int64_t m, int64_t k, int64_t n,
               BlockFn block) {
  const double flops = static_cast<double>(k) * 2;
  if (m >= n || m >= 4 * NumThreads(ctx)) {
    ParallelFor(ctx, m, flops * n,
                [&](int64_t r0, int64_t r1) { block(r0, r1, 0, n); });
  } else {
    ParallelFor(ctx, n, flops * m,
                [&](int64_t c0, int64_t c1) { block(0, m, c0, c1); });
  }
}

// half / bfloat16: widen to float, multiply, round back.
template <typename T>
void GemmViaFloat(const OpKernelContext* ctx, const T* a, const T* b, T* out,
                  int64_t m, int64_t k, int64_t n, bool ta, bool tb) {
  std::vector<float> fa(m * k), fb(k * n), fo(m * n);
  for (int64_t i = 0; i < m * k; ++i) fa[i] = reference::ToCompute(a[i]);
  for (int64_t i = 0; i < k * n; ++i) fb[i] = reference::ToCompute(b[i]);
  Gemm<float>(ctx, fa.data(), fb.data(), fo.data(), m, k, n, ta, tb);
  for (int64_t i = 0; i < m * n; ++i) {
    out[i] = reference::FromCompute<T>(fo[i]);
  }
}

}  // namespace

template <typename T>
void Gemm(const OpKernelContext* ctx, const T* a, const T* b, T* out, int64_t m,
          int64_t k, int64_t n, bool ta, bool tb) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::fill(out, out + m * n, T(reference::FromCompute<T>(0)));
    return;
  }
  if constexpr (std::is_same_v<T, float>) {
    onednn::Sgemm(ctx, a, b, out, m, k, n, ta, tb);
  } else if constexpr (std::is_same_v<T, half> || std::is_same_v<T, bfloat16>) {
    GemmViaFloat(ctx, a, b, out, m, k, n, ta, tb);
  } else {
    Partition<T>(ctx, m, k, n,
                 [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
                   if constexpr (std::is_floating_point_v<T>) {
                     EigenBlock(a, b, out, m, k, n, ta, tb, r0, r1, c0, c1);
                   } else {
                     IntBlock(a, b, out, m, k, n, ta, tb, r0, r1, c0, c1);
                   }
                 });
  }
}

template void Gemm<float>(const OpKernelContext*, const float*, const float*,
                          float*, int64_t, int64_t, int64_t, bool, bool);
template void Gemm<double>(const OpKernelContext*, const double*, const double*,
                           double*, int64_t, int64_t, int64_t, bool, bool);
template void Gemm<half>(const OpKernelContext*, const half*, const half*,
                         half*, int64_t, int64_t, int64_t, bool, bool);
template void Gemm<bfloat16>(const OpKernelContext*, const bfloat16*,
                             const bfloat16*, bfloat16*, int64_t, int64_t,
                             int64_t, bool, bool);
template void Gemm<int32_t>(const OpKernelContext*, const int32_t*,
                            const int32_t*, int32_t*, int64_t, int64_t, int64_t,
                            bool, bool);
template void Gemm<int64_t>(const OpKernelContext*, const int64_t*,
                            const int64_t*, int64_t*, int64_t, int64_t, int64_t,
                            bool, bool);

}  // namespace tfpersist
