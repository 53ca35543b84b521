#include "runtime/kernels/array/strided_slice_spec.h"

#include <algorithm>

namespace tfpersist {
namespace {

// One dense (input) dim's slice request. `gather` says how the dim shows in
// the final shape.
struct DenseDim {
  int64_t begin = 0, end = 0, stride = 1;
  bool begin_masked = true, end_masked = true, shrink = false;
};

// Kinds of final-shape entries.
constexpr int kNewAxis = -1;
constexpr int kShrink = -2;

// Expands the sparse spec (with its ellipsis; an implicit one at the end if
// none) to one DenseDim per input dim; `gather` lists, in output order, the
// dense dim of each final dim or kNewAxis / kShrink.
Status BuildDense(int rank, const std::vector<int64_t>& begin,
                  const std::vector<int64_t>& end,
                  const std::vector<int64_t>& strides,
                  const StridedSliceMasks& m, std::vector<DenseDim>* dense,
                  std::vector<int>* gather) {
  const int n = static_cast<int>(begin.size());
  dense->assign(rank, DenseDim());
  const bool has_ellipsis = m.ellipsis != 0;
  int full = 0;
  for (int i = 0; i < n + (has_ellipsis ? 0 : 1); ++i) {
    const bool is_ellipsis = i == n || (m.ellipsis >> i) & 1;
    if (is_ellipsis) {
      int new_axes_after = 0;
      for (int j = i + 1; j < n; ++j) new_axes_after += (m.new_axis >> j) & 1;
      const int next = std::min(rank, rank - (n - i) + 1 + new_axes_after);
      for (; full < next; ++full) gather->push_back(full);
      continue;
    }
    if ((m.new_axis >> i) & 1) {
      gather->push_back(kNewAxis);
      continue;
    }
    if (full >= rank) {
      return errors::InvalidArgument("Index out of range using input dim ",
                                     full, "; input has only ", rank, " dims");
    }
    DenseDim& d = (*dense)[full];
    d = {begin[i],
         end[i],
         strides[i],
         ((m.begin >> i) & 1) != 0,
         ((m.end >> i) & 1) != 0,
         ((m.shrink_axis >> i) & 1) != 0};
    gather->push_back(d.shrink ? kShrink : full);
    ++full;
  }
  return OkStatus();
}

// Begin and length of dense dim `i` of size `dim`.
Status ResolveDim(int i, int64_t dim, const DenseDim& d, int64_t* begin,
                  int64_t* size) {
  if (d.stride == 0) {
    return errors::InvalidArgument("strides[", i, "] must be non-zero");
  }
  if (d.shrink) {
    if (d.stride <= 0) {
      return errors::InvalidArgument(
          "only stride 1 allowed on non-range indexing.");
    }
    int64_t x = d.begin < 0 ? dim + d.begin : d.begin;
    if (x < 0 || x >= dim) {
      return errors::InvalidArgument("slice index ", d.begin, " of dimension ",
                                     i, " out of bounds.");
    }
    *begin = x;
    *size = 1;
    return OkStatus();
  }
  const bool pos = d.stride > 0;
  const int64_t lo = pos ? 0 : -1, hi = pos ? dim : dim - 1;
  auto canonical = [&](int64_t x, bool masked, bool is_begin) {
    if (masked) return (pos == is_begin) ? lo : hi;
    int64_t fwd = x < 0 ? dim + x : x;
    return std::clamp(fwd, lo, hi);
  };
  const int64_t b = canonical(d.begin, d.begin_masked, true);
  const int64_t e = canonical(d.end, d.end_masked, false);
  const int64_t len = e - b;
  if (len == 0 || ((len < 0) != (d.stride < 0))) {
    *size = 0;
  } else {
    *size = len / d.stride + (len % d.stride != 0 ? 1 : 0);
  }
  *begin = b;
  return OkStatus();
}

}  // namespace

StatusOr<StridedSlicePlan> PlanStridedSlice(const TensorShape& input,
                                            const std::vector<int64_t>& begin,
                                            const std::vector<int64_t>& end,
                                            const std::vector<int64_t>& strides,
                                            const StridedSliceMasks& masks) {
  if (begin.size() != end.size() || begin.size() != strides.size() ||
      begin.size() > 64) {
    return errors::InvalidArgument(
        "Expected begin, end, and strides to be 1D equal size tensors, but "
        "got sizes ",
        begin.size(), ", ", end.size(), " and ", strides.size());
  }
  if ((masks.ellipsis & (masks.ellipsis - 1)) != 0) {
    return errors::InvalidArgument(
        "Multiple ellipses in slice spec not allowed");
  }
  const int rank = input.dims();
  std::vector<DenseDim> dense;
  std::vector<int> gather;
  TFP_RETURN_IF_ERROR(
      BuildDense(rank, begin, end, strides, masks, &dense, &gather));
  StridedSlicePlan plan;
  plan.begin.resize(rank);
  plan.sizes.resize(rank);
  plan.stride.resize(rank);
  for (int i = 0; i < rank; ++i) {
    TFP_RETURN_IF_ERROR(ResolveDim(i, input.dim_size(i), dense[i],
                                   &plan.begin[i], &plan.sizes[i]));
    plan.stride[i] = dense[i].shrink ? 1 : dense[i].stride;
  }
  for (int g : gather) {
    if (g == kNewAxis) plan.final_shape.AddDim(1);
    if (g >= 0) plan.final_shape.AddDim(plan.sizes[g]);
  }
  return plan;
}

}  // namespace tfpersist
