#include "runtime/kernels/array/strided_copy.h"

#include "runtime/kernels/kernel_util.h"

namespace tfpersist {

std::vector<int64_t> RowMajorStrides(const TensorShape& shape) {
  std::vector<int64_t> strides(shape.dims(), 1);
  for (int d = shape.dims() - 2; d >= 0; --d) {
    strides[d] = strides[d + 1] * shape.dim_size(d + 1);
  }
  return strides;
}

namespace {

template <typename S>
void CopyTyped(const S* src, int64_t base, const std::vector<int64_t>& strides,
               const TensorShape& shape, S* dst) {
  const int rank = shape.dims();
  if (shape.num_elements() == 0) return;
  if (rank == 0) {
    dst[0] = src[base];
    return;
  }
  // Odometer over all dims but the last; the inner loop walks the last dim.
  std::vector<int64_t> idx(rank, 0);
  const int64_t inner = shape.dim_size(rank - 1);
  const int64_t inner_stride = strides[rank - 1];
  int64_t offset = base;
  while (true) {
    const S* p = src + offset;
    for (int64_t j = 0; j < inner; ++j) *dst++ = p[j * inner_stride];
    int d = rank - 2;
    for (; d >= 0; --d) {
      offset += strides[d];
      if (++idx[d] < shape.dim_size(d)) break;
      offset -= strides[d] * idx[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace

void StridedCopy(const Tensor& in, int64_t base,
                 const std::vector<int64_t>& src_strides, Tensor* out) {
  VisitStorageType(in.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    CopyTyped<S>(StorageData<S>(in), base, src_strides, out->shape(),
                 StorageData<S>(*out));
  });
}

}  // namespace tfpersist
