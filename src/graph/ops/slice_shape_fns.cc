// Shape functions: slicing, transposing, tiling, gathering, index
// generators (declared in array_shape_fns.h).
#include <algorithm>
#include <cmath>

#include "graph/node_def_util.h"
#include "graph/ops/array_shape_fns.h"

namespace tfpersist {
namespace {

PartialTensorShape UnknownOfRank(int rank) {
  return PartialTensorShape(
      std::vector<int64_t>(static_cast<size_t>(rank), -1));
}

// Length of one strided-slice dimension of size `dim` (known, >= 0).
int64_t StridedLength(int64_t dim, int64_t begin, int64_t end, int64_t stride,
                      bool begin_masked, bool end_masked) {
  const bool pos = stride > 0;
  auto canon = [&](int64_t x, bool masked, bool is_begin) -> int64_t {
    if (masked) {
      if (is_begin) return pos ? 0 : dim - 1;
      return pos ? dim : -1;
    }
    if (x < 0) x += dim;
    return pos ? std::clamp<int64_t>(x, 0, dim)
               : std::clamp<int64_t>(x, -1, dim - 1);
  };
  const int64_t b = canon(begin, begin_masked, true);
  const int64_t e = canon(end, end_masked, false);
  const int64_t len =
      pos ? (e - b + stride - 1) / stride : (b - e + (-stride) - 1) / (-stride);
  return std::max<int64_t>(0, len);
}

struct SliceMasks {
  int64_t begin = 0, end = 0, ellipsis = 0, new_axis = 0, shrink = 0;
};

StatusOr<SliceMasks> ReadMasks(const tensorflow::NodeDef& node) {
  SliceMasks m;
  TFP_ASSIGN_OR_RETURN(m.begin, GetIntAttr(node, "begin_mask"));
  TFP_ASSIGN_OR_RETURN(m.end, GetIntAttr(node, "end_mask"));
  TFP_ASSIGN_OR_RETURN(m.ellipsis, GetIntAttr(node, "ellipsis_mask"));
  TFP_ASSIGN_OR_RETURN(m.new_axis, GetIntAttr(node, "new_axis_mask"));
  TFP_ASSIGN_OR_RETURN(m.shrink, GetIntAttr(node, "shrink_axis_mask"));
  return m;
}

}  // namespace

Status SliceShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  TFP_ASSIGN_OR_RETURN(auto begin, c->GetIntVectorInput(1));
  TFP_ASSIGN_OR_RETURN(auto size, c->GetIntVectorInput(2));
  if (!size.has_value()) {
    c->set_output(
        0, in.unknown_rank() ? PartialTensorShape() : UnknownOfRank(in.dims()));
    return OkStatus();
  }
  PartialTensorShape checked;
  const int rank = static_cast<int>(size->size());
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(in, rank, &checked));
  std::vector<int64_t> dims(static_cast<size_t>(rank));
  for (int i = 0; i < rank; ++i) {
    const int64_t s = (*size)[i];
    if (s >= 0) {
      dims[i] = s;
    } else if (s == -1 && begin.has_value() && checked.dim_size(i) >= 0) {
      dims[i] = checked.dim_size(i) - (*begin)[i];
    } else if (s == -1) {
      dims[i] = -1;
    } else {
      return errors::InvalidArgument("Slice size ", s, " at dim ", i,
                                     " must be >= -1");
    }
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

namespace {

struct SliceSpec {
  const std::vector<int64_t>& begin;
  const std::vector<int64_t>& end;
  const std::vector<int64_t>& strides;
  SliceMasks m;
};

// Appends the output dim of spec entry i (a non-ellipsis, non-new-axis
// entry over input dim `dim` = index d).
Status SliceEntry(const SliceSpec& s, int i, int d, int64_t dim,
                  std::vector<int64_t>* out) {
  const int64_t stride = s.strides[i];
  if (stride == 0) {
    return errors::InvalidArgument("strides[", i, "] must be non-zero");
  }
  if ((s.m.shrink >> i) & 1) {
    const int64_t b = s.begin[i];
    const int64_t x = b < 0 && dim >= 0 ? b + dim : b;
    if (dim >= 0 && (x < 0 || x >= dim)) {
      return errors::InvalidArgument("slice index ", b, " of dimension ", d,
                                     " out of bounds.");
    }
    return OkStatus();  // the dim is dropped
  }
  out->push_back(dim < 0
                     ? -1
                     : StridedLength(dim, s.begin[i], s.end[i], stride,
                                     (s.m.begin >> i) & 1, (s.m.end >> i) & 1));
  return OkStatus();
}

// The output dims of a strided slice of `in` (spec ops-core.md §5).
Status StridedSliceDims(const PartialTensorShape& in, const SliceSpec& s,
                        std::vector<int64_t>* out) {
  const int n = static_cast<int>(s.strides.size());
  int covered = 0;  // input dims named by non-ellipsis, non-new-axis entries
  bool has_ellipsis = false;
  for (int i = 0; i < n; ++i) {
    if ((s.m.ellipsis >> i) & 1) {
      has_ellipsis = true;
    } else if (!((s.m.new_axis >> i) & 1)) {
      ++covered;
    }
  }
  int d = 0;  // next input dim
  for (int i = 0; i < n; ++i) {
    if ((s.m.ellipsis >> i) & 1) {
      for (int k = 0; k < in.dims() - covered && d < in.dims(); ++k) {
        out->push_back(in.dim_size(d++));
      }
    } else if ((s.m.new_axis >> i) & 1) {
      out->push_back(1);
    } else if (d >= in.dims()) {
      return errors::InvalidArgument("Index out of range using input dim ", d,
                                     "; input has only ", in.dims(), " dims");
    } else {
      TFP_RETURN_IF_ERROR(SliceEntry(s, i, d, in.dim_size(d), out));
      ++d;
    }
  }
  while (!has_ellipsis && d < in.dims()) out->push_back(in.dim_size(d++));
  return OkStatus();
}

}  // namespace

Status StridedSliceShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  TFP_ASSIGN_OR_RETURN(auto begin, c->GetIntVectorInput(1));
  TFP_ASSIGN_OR_RETURN(auto end, c->GetIntVectorInput(2));
  TFP_ASSIGN_OR_RETURN(auto strides, c->GetIntVectorInput(3));
  if (in.unknown_rank() || !begin || !end || !strides ||
      begin->size() != strides->size() || end->size() != strides->size()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(SliceMasks m, ReadMasks(c->node_def()));
  std::vector<int64_t> out;
  TFP_RETURN_IF_ERROR(
      StridedSliceDims(in, SliceSpec{*begin, *end, *strides, m}, &out));
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

Status TransposeShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  TFP_ASSIGN_OR_RETURN(auto perm, c->GetIntVectorInput(1));
  if (!perm.has_value()) {
    c->set_output(
        0, in.unknown_rank() ? PartialTensorShape() : UnknownOfRank(in.dims()));
    return OkStatus();
  }
  const int rank = static_cast<int>(perm->size());
  PartialTensorShape checked;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(in, rank, &checked));
  std::vector<int64_t> dims(static_cast<size_t>(rank));
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  for (int i = 0; i < rank; ++i) {
    const int64_t p = (*perm)[i];
    if (p < 0 || p >= rank || seen[p]) {
      return errors::InvalidArgument("perm dim ", p,
                                     " is out of range or repeated for input "
                                     "rank ",
                                     rank);
    }
    seen[p] = true;
    dims[i] = checked.dim_size(static_cast<int>(p));
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status TileShape(InferenceContext* c) {
  PartialTensorShape multiples;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &multiples));
  if (multiples.unknown_rank()) {
    c->set_output(0, c->input(0).unknown_rank()
                         ? PartialTensorShape()
                         : UnknownOfRank(c->input(0).dims()));
    return OkStatus();
  }
  PartialTensorShape in;
  TFP_RETURN_IF_ERROR(
      InferenceContext::WithRank(c->input(0), multiples.dims(), &in));
  std::vector<int64_t> dims(static_cast<size_t>(in.dims()));
  for (int i = 0; i < in.dims(); ++i) {
    const int64_t a = in.dim_size(i), b = multiples.dim_size(i);
    dims[i] = (a == 0 || b == 0) ? 0 : (a < 0 || b < 0 ? -1 : a * b);
  }
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status GatherShape(InferenceContext* c) {
  const PartialTensorShape& params = c->input(0);
  const PartialTensorShape& indices = c->input(1);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(params, 1));
  if (params.unknown_rank() || indices.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  std::vector<int64_t> dims = indices.dim_sizes();
  dims.insert(dims.end(), params.dim_sizes().begin() + 1,
              params.dim_sizes().end());
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status GatherV2Shape(InferenceContext* c) {
  const PartialTensorShape& params = c->input(0);
  const PartialTensorShape& indices = c->input(1);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(params, 1));
  TFP_ASSIGN_OR_RETURN(std::optional<int64_t> axis, c->GetScalarInput(2));
  TFP_ASSIGN_OR_RETURN(int64_t batch_dims,
                       GetIntAttr(c->node_def(), "batch_dims"));
  if (params.unknown_rank() || indices.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  if (batch_dims < 0) batch_dims += indices.dims();
  if (!axis.has_value()) {
    c->set_output(0, UnknownOfRank(params.dims() + indices.dims() - 1 -
                                   static_cast<int>(batch_dims)));
    return OkStatus();
  }
  int64_t a = *axis < 0 ? *axis + params.dims() : *axis;
  if (a < 0 || a >= params.dims() || batch_dims < 0 ||
      batch_dims > indices.dims()) {
    return errors::InvalidArgument("Expected axis in the range [",
                                   -params.dims(), ", ", params.dims(),
                                   "), but got ", *axis);
  }
  const auto& p = params.dim_sizes();
  std::vector<int64_t> dims(p.begin(), p.begin() + a);
  dims.insert(dims.end(), indices.dim_sizes().begin() + batch_dims,
              indices.dim_sizes().end());
  dims.insert(dims.end(), p.begin() + a + 1, p.end());
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status WhereShape(InferenceContext* c) {
  c->set_output(0, PartialTensorShape({-1, c->input(0).dims()}));
  return OkStatus();
}

Status OneHotShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(int64_t axis, GetIntAttr(c->node_def(), "axis"));
  if (axis < -1) return errors::InvalidArgument("axis must be >= -1");
  TFP_ASSIGN_OR_RETURN(std::optional<int64_t> depth, c->GetScalarInput(1));
  const PartialTensorShape& indices = c->input(0);
  if (indices.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int new_rank = indices.dims() + 1;
  const int64_t at = (axis + new_rank) % new_rank;
  std::vector<int64_t> dims = indices.dim_sizes();
  dims.insert(dims.begin() + at, depth.value_or(-1));
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status RangeShape(InferenceContext* c) {
  for (int i = 0; i < 3; ++i) {
    PartialTensorShape unused;
    TFP_RETURN_IF_ERROR_CTX(InferenceContext::WithRank(c->input(i), 0, &unused),
                            "Range input ", i, " must be a scalar");
  }
  const Tensor* t[3] = {c->input_tensor(0), c->input_tensor(1),
                        c->input_tensor(2)};
  if (!t[0] || !t[1] || !t[2] || t[0]->NumElements() != 1 ||
      t[1]->NumElements() != 1 || t[2]->NumElements() != 1) {
    c->set_output(0, PartialTensorShape({-1}));
    return OkStatus();
  }
  const double start = t[0]->ElementAsDouble(0);
  const double limit = t[1]->ElementAsDouble(0);
  const double delta = t[2]->ElementAsDouble(0);
  if (delta == 0) return errors::InvalidArgument("Requires delta != 0");
  if ((delta > 0 && start > limit) || (delta < 0 && start < limit)) {
    return errors::InvalidArgument(
        "Requires start <= limit when delta > 0 (or >= when delta < 0)");
  }
  const double n = std::ceil(std::abs((limit - start) / delta));
  c->set_output(0, PartialTensorShape({static_cast<int64_t>(n)}));
  return OkStatus();
}

Status BroadcastGradientArgsShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 1, &unused));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &unused));
  c->set_output(0, PartialTensorShape({-1}));
  c->set_output(1, PartialTensorShape({-1}));
  return OkStatus();
}

}  // namespace tfpersist
