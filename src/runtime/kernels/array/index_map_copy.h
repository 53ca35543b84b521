// IndexMapCopy: fills `out` from `in` through one coordinate map per
// dimension, the engine of Pad, PadV2, MirrorPad, ReverseV2, Roll and
// BroadcastTo:
//   out[i_0, ..., i_k] = in[maps[0][i_0], ..., maps[k][i_k]]
// where a map entry of -1 means "outside the input": the element becomes
// the padding value. The innermost dimension is copied as contiguous runs
// when its map is a run of consecutive coordinates.
#ifndef TFPERSIST_RUNTIME_KERNELS_ARRAY_INDEX_MAP_COPY_H_
#define TFPERSIST_RUNTIME_KERNELS_ARRAY_INDEX_MAP_COPY_H_

#include <cstdint>
#include <vector>

#include "tfpersist/core/tensor.h"

namespace tfpersist {

using DimMaps = std::vector<std::vector<int64_t>>;

// REQUIRES: in and out have the same dtype (one VisitStorageType supports);
// maps.size() == out->dims() == in.dims(); maps[d].size() ==
// out->dim_size(d); every entry is -1 or in [0, in.dim_size(d)). `pad`, if
// not null, is a one-element tensor of the same dtype; otherwise padding is
// zero (empty for strings).
void IndexMapCopy(const Tensor& in, const DimMaps& maps, const Tensor* pad,
                  Tensor* out);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_ARRAY_INDEX_MAP_COPY_H_
