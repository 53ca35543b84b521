// Naive element-by-element definitions of TF's layout ops (the oracles the
// kernels in kernels/array/ are tested against): Pad, MirrorPad, ReverseV2,
// Roll, BroadcastTo, SpaceToBatchND, BatchToSpaceND, DepthToSpace,
// SpaceToDepth (NHWC). Each walks the OUTPUT multi-index and computes the
// source coordinate with TF's documented formula. Shapes are spans of dims,
// outermost first; REQUIRES: arguments already validated (sizes match,
// divisibility holds). Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_LAYOUT_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_LAYOUT_H_

#include <cstdint>
#include <span>
#include <vector>

#include "runtime/kernels/reference/broadcast.h"

namespace tfpersist::reference {

// Row-major flat offset of `index` in `dims`.
inline int64_t FlatOffset(std::span<const int64_t> dims,
                          std::span<const int64_t> index) {
  int64_t flat = 0;
  for (size_t i = 0; i < dims.size(); ++i) flat = flat * dims[i] + index[i];
  return flat;
}

// out[i] = in[i - before] inside the input, `value` elsewhere.
template <typename T>
std::vector<T> PadConstant(const T* in, std::span<const int64_t> dims,
                           std::span<const int64_t> before,
                           std::span<const int64_t> after, const T& value) {
  Dims out_dims(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) {
    out_dims[d] = dims[d] + before[d] + after[d];
  }
  std::vector<T> out;
  std::vector<int64_t> idx(dims.size(), 0), src(dims.size());
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    bool inside = true;
    for (size_t d = 0; d < dims.size(); ++d) {
      src[d] = idx[d] - before[d];
      inside &= src[d] >= 0 && src[d] < dims[d];
    }
    out.push_back(inside ? in[FlatOffset(dims, src)] : value);
    NextIndex(out_dims, idx);
  }
  return out;
}

// REFLECT mirrors without repeating the edge ([1,2,3] pad 2 -> 3 2 1 2 3 2
// 1), SYMMETRIC repeats it (-> 2 1 1 2 3 3 2).
template <typename T>
std::vector<T> MirrorPad(const T* in, std::span<const int64_t> dims,
                         std::span<const int64_t> before,
                         std::span<const int64_t> after, bool symmetric) {
  Dims out_dims(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) {
    out_dims[d] = dims[d] + before[d] + after[d];
  }
  const int64_t shift = symmetric ? 1 : 0;
  std::vector<T> out;
  std::vector<int64_t> idx(dims.size(), 0), src(dims.size());
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    for (size_t d = 0; d < dims.size(); ++d) {
      int64_t j = idx[d] - before[d];
      if (j < 0) j = -j - shift;
      if (j >= dims[d]) j = 2 * dims[d] - 2 + shift - j;
      src[d] = j;
    }
    out.push_back(in[FlatOffset(dims, src)]);
    NextIndex(out_dims, idx);
  }
  return out;
}

// out[i] = in[j] with j_d = n_d - 1 - i_d on reversed dims.
template <typename T>
std::vector<T> Reverse(const T* in, std::span<const int64_t> dims,
                       const std::vector<bool>& reversed) {
  std::vector<T> out;
  std::vector<int64_t> idx(dims.size(), 0), src(dims.size());
  for (int64_t i = 0; i < NumElements(dims); ++i) {
    for (size_t d = 0; d < dims.size(); ++d) {
      src[d] = reversed[d] ? dims[d] - 1 - idx[d] : idx[d];
    }
    out.push_back(in[FlatOffset(dims, src)]);
    NextIndex(dims, idx);
  }
  return out;
}

// out[(i + shift) mod n] = in[i] per dim (shift may be negative or large).
template <typename T>
std::vector<T> Roll(const T* in, std::span<const int64_t> dims,
                    std::span<const int64_t> shift) {
  std::vector<T> out(NumElements(dims));
  std::vector<int64_t> idx(dims.size(), 0), dst(dims.size());
  for (int64_t i = 0; i < NumElements(dims); ++i) {
    for (size_t d = 0; d < dims.size(); ++d) {
      dst[d] = ((idx[d] + shift[d]) % dims[d] + dims[d]) % dims[d];
    }
    out[FlatOffset(dims, dst)] = in[i];
    NextIndex(dims, idx);
  }
  return out;
}

// NumPy broadcasting of `in` to `out_dims`.
template <typename T>
std::vector<T> BroadcastTo(const T* in, std::span<const int64_t> in_dims,
                           std::span<const int64_t> out_dims) {
  std::vector<T> out;
  std::vector<int64_t> idx(out_dims.size(), 0);
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    out.push_back(in[BroadcastIndex(in_dims, out_dims, idx)]);
    NextIndex(out_dims, idx);
  }
  return out;
}

// The block-position index g (row-major over `block`) and batch b of an
// output batch index of SpaceToBatchND: ob = g * batch + b.
inline void SplitBatch(int64_t ob, int64_t batch,
                       std::span<const int64_t> block, std::vector<int64_t>* g,
                       int64_t* b) {
  *b = ob % batch;
  int64_t rest = ob / batch;
  g->assign(block.size(), 0);
  for (size_t i = block.size(); i-- > 0;) {
    (*g)[i] = rest % block[i];
    rest /= block[i];
  }
}

// SpaceToBatchND: in [batch] + spatial[M] + rest, zero-padded by `pads`
// (M x 2, flattened), out [batch * prod(block)] + padded/block + rest.
template <typename T>
std::vector<T> SpaceToBatch(const T* in, std::span<const int64_t> dims,
                            std::span<const int64_t> block,
                            std::span<const int64_t> pads) {
  const size_t m = block.size();
  Dims out_dims(dims.begin(), dims.end());
  for (size_t i = 0; i < m; ++i) {
    out_dims[0] *= block[i];
    out_dims[i + 1] = (dims[i + 1] + pads[2 * i] + pads[2 * i + 1]) / block[i];
  }
  std::vector<T> out;
  std::vector<int64_t> idx(dims.size(), 0), src(dims.size()), g;
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    SplitBatch(idx[0], dims[0], block, &g, &src[0]);
    bool inside = true;
    for (size_t d = 1; d < dims.size(); ++d) {
      src[d] = idx[d];
      if (d <= m) src[d] = idx[d] * block[d - 1] + g[d - 1] - pads[2 * (d - 1)];
      inside &= src[d] >= 0 && src[d] < dims[d];
    }
    out.push_back(inside ? in[FlatOffset(dims, src)] : T{});
    NextIndex(out_dims, idx);
  }
  return out;
}

// BatchToSpaceND: the inverse, cropping `crops` (M x 2) from the result.
template <typename T>
std::vector<T> BatchToSpace(const T* in, std::span<const int64_t> dims,
                            std::span<const int64_t> block,
                            std::span<const int64_t> crops) {
  const size_t m = block.size();
  Dims out_dims(dims.begin(), dims.end());
  for (size_t i = 0; i < m; ++i) {
    out_dims[0] /= block[i];
    out_dims[i + 1] = dims[i + 1] * block[i] - crops[2 * i] - crops[2 * i + 1];
  }
  std::vector<T> out;
  std::vector<int64_t> idx(dims.size(), 0), src(dims.size());
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    int64_t g = 0;  // row-major block position
    for (size_t d = 1; d < dims.size(); ++d) {
      src[d] = idx[d];
      if (d <= m) {
        const int64_t p = idx[d] + crops[2 * (d - 1)];
        src[d] = p / block[d - 1];
        g = g * block[d - 1] + p % block[d - 1];
      }
    }
    src[0] = g * out_dims[0] + idx[0];
    out.push_back(in[FlatOffset(dims, src)]);
    NextIndex(out_dims, idx);
  }
  return out;
}

// DepthToSpace NHWC: out[n, h, w, c] = in[n, h / bs, w / bs,
// ((h % bs) * bs + w % bs) * C_out + c].
template <typename T>
std::vector<T> DepthToSpace(const T* in, std::span<const int64_t> dims,
                            int64_t bs) {
  const Dims out_dims = {dims[0], dims[1] * bs, dims[2] * bs,
                         dims[3] / (bs * bs)};
  std::vector<T> out;
  std::vector<int64_t> o(4, 0);
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    const int64_t src[4] = {
        o[0], o[1] / bs, o[2] / bs,
        ((o[1] % bs) * bs + o[2] % bs) * out_dims[3] + o[3]};
    out.push_back(in[FlatOffset(dims, src)]);
    NextIndex(out_dims, o);
  }
  return out;
}

// SpaceToDepth NHWC: out[n, h, w, (bh * bs + bw) * C + c] =
// in[n, h * bs + bh, w * bs + bw, c].
template <typename T>
std::vector<T> SpaceToDepth(const T* in, std::span<const int64_t> dims,
                            int64_t bs) {
  const Dims out_dims = {dims[0], dims[1] / bs, dims[2] / bs,
                         dims[3] * bs * bs};
  std::vector<T> out;
  std::vector<int64_t> o(4, 0);
  for (int64_t i = 0; i < NumElements(out_dims); ++i) {
    const int64_t blk = o[3] / dims[3], c = o[3] % dims[3];
    const int64_t src[4] = {o[0], o[1] * bs + blk / bs, o[2] * bs + blk % bs,
                            c};
    out.push_back(in[FlatOffset(dims, src)]);
    NextIndex(out_dims, o);
  }
  return out;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_LAYOUT_H_
