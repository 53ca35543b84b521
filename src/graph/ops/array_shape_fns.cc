// Shape functions: constants, placeholders, reshape, pack/concat family.
// (Slicing, gathering and index generators: slice_shape_fns.cc.)
#include "graph/ops/array_shape_fns.h"

#include <algorithm>

#include "core/tensor_proto.h"
#include "graph/node_def_util.h"

namespace tfpersist {
namespace {

std::vector<int64_t> UnknownDims(int rank) {
  return std::vector<int64_t>(static_cast<size_t>(rank), -1);
}

// Product of the known dims, and the index of the single unknown dim (-1 if
// none; -2 if several).
int64_t KnownProduct(const PartialTensorShape& s, int* unknown_index) {
  int64_t product = 1;
  *unknown_index = -1;
  for (int i = 0; i < s.dims(); ++i) {
    if (s.dim_size(i) < 0) {
      *unknown_index = *unknown_index == -1 ? i : -2;
    } else {
      product *= s.dim_size(i);
    }
  }
  return product;
}

}  // namespace

Status ConstShape(InferenceContext* c) {
  const auto& attrs = c->node_def().attr();
  auto it = attrs.find("value");
  if (it == attrs.end() || !it->second.has_tensor()) {
    return errors::InvalidArgument("Const has no tensor attr 'value'");
  }
  TFP_ASSIGN_OR_RETURN(
      TensorShape shape,
      TensorShapeFromProto(it->second.tensor().tensor_shape()));
  c->set_output(0, shape);
  return OkStatus();
}

Status PlaceholderShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape shape,
                       GetShapeAttr(c->node_def(), "shape"));
  if (c->graph_def_version() <= 21 && shape.dims() <= 0) {
    c->set_output(0, PartialTensorShape());
  } else {
    c->set_output(0, shape);
  }
  return OkStatus();
}

Status PlaceholderWithDefaultShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape shape,
                       GetShapeAttr(c->node_def(), "shape"));
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::Merge(c->input(0), shape, &unused));
  c->set_output(0, shape);
  return OkStatus();
}

Status IdentityNShape(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs() && i < c->num_inputs(); ++i) {
    c->set_output(i, c->input(i));
  }
  return OkStatus();
}

Status ReshapeShape(InferenceContext* c) {
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  const PartialTensorShape& in = c->input(0);
  if (out.unknown_rank() || in.unknown_rank()) {
    c->set_output(0, out);
    return OkStatus();
  }
  int in_unknown, out_unknown;
  const int64_t in_known = KnownProduct(in, &in_unknown);
  const int64_t out_known = KnownProduct(out, &out_unknown);
  if (in_unknown == -1 && out_unknown == -1 && in_known != out_known) {
    return errors::InvalidArgument("Cannot reshape a tensor with ", in_known,
                                   " elements to shape ", out.DebugString(),
                                   " (", out_known, " elements)");
  }
  if (in_unknown == -1 && out_unknown >= 0 && out_known > 0) {
    if (in_known % out_known != 0) {
      return errors::InvalidArgument(
          "Cannot reshape a tensor with ", in_known, " elements to shape ",
          out.DebugString(), ": the known dims do not divide it evenly");
    }
    std::vector<int64_t> dims = out.dim_sizes();
    dims[out_unknown] = in_known / out_known;
    out = PartialTensorShape(dims);
  } else if (in_unknown >= 0 && out_unknown >= 0 && in_known == out_known) {
    std::vector<int64_t> dims = out.dim_sizes();
    dims[out_unknown] = in.dim_size(in_unknown);
    out = PartialTensorShape(dims);
  }
  c->set_output(0, out);
  return OkStatus();
}

Status ShapeShape(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs() && i < c->num_inputs(); ++i) {
    c->set_output(i, PartialTensorShape({c->input(i).dims()}));
  }
  return OkStatus();
}

Status FillShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 1, &unused));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  TFP_ASSIGN_OR_RETURN(auto dims, c->GetIntVectorInput(0));
  if (dims.has_value()) {
    for (int64_t d : *dims) {
      if (d < 0) {
        return errors::InvalidArgument("Fill dimensions must be >= 0");
      }
    }
  }
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
  c->set_output(0, out);
  return OkStatus();
}

Status ExpandDimsShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(std::optional<int64_t> dim, c->GetScalarInput(1));
  const PartialTensorShape& in = c->input(0);
  if (!dim.has_value() || in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int rank = in.dims();
  int64_t d = *dim;
  if (d < -rank - 1 || d > rank) {
    return errors::InvalidArgument("dim ", d, " not in the interval [",
                                   -rank - 1, ", ", rank, "].");
  }
  if (d < 0) d += rank + 1;
  std::vector<int64_t> dims = in.dim_sizes();
  dims.insert(dims.begin() + d, 1);
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status SqueezeShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int rank = in.dims();
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> squeeze,
                       GetIntListAttr(c->node_def(), "squeeze_dims"));
  for (size_t i = 0; i < squeeze.size(); ++i) {
    if (squeeze[i] < -rank || squeeze[i] >= rank) {
      return errors::InvalidArgument("squeeze_dims[", i, "] not in [", -rank,
                                     ",", rank, ").");
    }
    if (squeeze[i] < 0) squeeze[i] += rank;
  }
  std::vector<int64_t> out;
  for (int i = 0; i < rank; ++i) {
    const bool listed =
        std::find(squeeze.begin(), squeeze.end(), i) != squeeze.end();
    const int64_t d = in.dim_size(i);
    if (d < 0) {
      if (listed) continue;
      if (squeeze.empty()) {
        c->set_output(0, PartialTensorShape());
        return OkStatus();
      }
    } else if (d == 1) {
      if (listed || squeeze.empty()) continue;
    } else if (listed) {
      return errors::InvalidArgument("Can not squeeze dim[", i,
                                     "], expected a dimension of 1, got ", d);
    }
    out.push_back(d);
  }
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

Status PackShape(InferenceContext* c) {
  PartialTensorShape cur = c->input(c->num_inputs() - 1);
  for (int i = c->num_inputs() - 2; i >= 0; --i) {
    TFP_RETURN_IF_ERROR_CTX(InferenceContext::Merge(c->input(i), cur, &cur),
                            "From merging shape ", i, " with other shapes");
  }
  if (cur.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int rank = cur.dims() + 1;
  TFP_ASSIGN_OR_RETURN(int64_t axis, GetIntAttr(c->node_def(), "axis"));
  if (axis < -rank || axis >= rank) {
    return errors::InvalidArgument("Invalid axis: ", axis, "; must be in [",
                                   -rank, ",", rank, ")");
  }
  if (axis < 0) axis += rank;
  std::vector<int64_t> dims = cur.dim_sizes();
  dims.insert(dims.begin() + axis, c->num_inputs());
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status UnpackShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  PartialTensorShape out;
  if (!in.unknown_rank()) {
    const int rank = in.dims();
    TFP_ASSIGN_OR_RETURN(int64_t axis, GetIntAttr(c->node_def(), "axis"));
    if (axis < -rank || axis >= rank) {
      return errors::InvalidArgument("Invalid axis: ", axis, "; must be in [",
                                     -rank, ",", rank, ")");
    }
    if (axis < 0) axis += rank;
    int64_t unused;
    TFP_RETURN_IF_ERROR(InferenceContext::MergeDim(in.dim_size(axis),
                                                   c->num_outputs(), &unused));
    std::vector<int64_t> dims = in.dim_sizes();
    dims.erase(dims.begin() + axis);
    out = PartialTensorShape(dims);
  }
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, out);
  return OkStatus();
}

namespace {

// Concatenation of inputs [first, first + n) along the axis given by the
// scalar input `axis_input`.
Status ConcatImpl(InferenceContext* c, int first, int n, int axis_input) {
  TFP_ASSIGN_OR_RETURN(std::optional<int64_t> axis,
                       c->GetScalarInput(axis_input));
  int rank = -1;
  for (int i = first; i < first + n; ++i) {
    if (!c->input(i).unknown_rank()) rank = c->input(i).dims();
  }
  if (!axis.has_value() || rank < 0) {
    c->set_output(0, rank < 0 ? PartialTensorShape()
                              : PartialTensorShape(UnknownDims(rank)));
    return OkStatus();
  }
  int64_t a = *axis;
  if (a < -rank || a >= rank) {
    return errors::InvalidArgument(
        "ConcatOp : Expected concatenating "
        "dimensions in the range [",
        -rank, ", ", rank, "), but got ", a);
  }
  if (a < 0) a += rank;
  std::vector<int64_t> dims = UnknownDims(rank);
  int64_t total = 0;
  for (int i = first; i < first + n; ++i) {
    PartialTensorShape s;
    TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(i), rank, &s));
    for (int d = 0; d < rank; ++d) {
      if (d == a) {
        total = (total < 0 || s.dim_size(d) < 0) ? -1 : total + s.dim_size(d);
      } else {
        TFP_RETURN_IF_ERROR(
            InferenceContext::MergeDim(dims[d], s.dim_size(d), &dims[d]));
      }
    }
  }
  dims[a] = total;
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

Status ConcatV2Shape(InferenceContext* c) {
  return ConcatImpl(c, 0, c->num_inputs() - 1, c->num_inputs() - 1);
}

Status ConcatShape(InferenceContext* c) {
  return ConcatImpl(c, 1, c->num_inputs() - 1, 0);
}

}  // namespace tfpersist
