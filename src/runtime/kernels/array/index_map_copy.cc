#include "runtime/kernels/array/index_map_copy.h"

#include <algorithm>

#include "runtime/kernels/kernel_util.h"

namespace tfpersist {
namespace {

// Copies one output row (the innermost dim) from source row `src`, or
// fills it with `pad` when the row lies outside the input.
template <typename S>
void CopyRow(const S* src, const std::vector<int64_t>& map, const S& pad,
             S* dst) {
  if (src == nullptr) {
    std::fill(dst, dst + map.size(), pad);
    return;
  }
  for (size_t j = 0; j < map.size(); ++j) {
    dst[j] = map[j] < 0 ? pad : src[map[j]];
  }
}

template <typename S>
void CopyTyped(const Tensor& in, const DimMaps& maps, const S& pad,
               Tensor* out) {
  const int rank = out->dims();
  const S* src = StorageData<S>(in);
  S* dst = StorageData<S>(*out);
  if (rank == 0) {
    dst[0] = src[0];
    return;
  }
  // Element strides of the input.
  std::vector<int64_t> strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) {
    strides[d] = strides[d + 1] * in.dim_size(d + 1);
  }
  const std::vector<int64_t>& inner = maps[rank - 1];
  const int64_t rows = out->NumElements() / out->dim_size(rank - 1);
  std::vector<int64_t> idx(rank - 1, 0);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t offset = 0;
    bool inside = true;
    for (int d = 0; d < rank - 1; ++d) {
      const int64_t m = maps[d][idx[d]];
      inside &= m >= 0;
      offset += m * strides[d];
    }
    CopyRow(inside ? src + offset : nullptr, inner, pad,
            dst + r * static_cast<int64_t>(inner.size()));
    for (int d = rank - 2; d >= 0; --d) {
      if (++idx[d] < out->dim_size(d)) break;
      idx[d] = 0;
    }
  }
}

}  // namespace

void IndexMapCopy(const Tensor& in, const DimMaps& maps, const Tensor* pad,
                  Tensor* out) {
  if (out->NumElements() == 0) return;
  VisitStorageType(in.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    const S pad_value = pad != nullptr ? StorageData<S>(*pad)[0] : S{};
    CopyTyped<S>(in, maps, pad_value, out);
  });
}

}  // namespace tfpersist
