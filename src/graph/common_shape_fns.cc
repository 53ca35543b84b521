#include "graph/common_shape_fns.h"

#include <algorithm>

#include "graph/node_def_util.h"

namespace tfpersist {

Status UnchangedShape(InferenceContext* c) {
  if (c->num_outputs() > 0 && c->num_inputs() > 0) {
    c->set_output(0, c->input(0));
  }
  return OkStatus();
}

Status ScalarShape(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs(); ++i) {
    c->set_output(i, PartialTensorShape({}));
  }
  return OkStatus();
}

Status UnknownShape(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs(); ++i) {
    c->set_output(i, PartialTensorShape());
  }
  return OkStatus();
}

Status NoOutputs(InferenceContext* c) { return OkStatus(); }

Status BroadcastShapes(const PartialTensorShape& a, const PartialTensorShape& b,
                       PartialTensorShape* out) {
  if (a.unknown_rank() || b.unknown_rank()) {
    *out = PartialTensorShape();
    return OkStatus();
  }
  const int rank = std::max(a.dims(), b.dims());
  std::vector<int64_t> dims(static_cast<size_t>(rank));
  for (int i = 0; i < rank; ++i) {
    // Align from the right; a missing dim is 1.
    const int ia = a.dims() - rank + i, ib = b.dims() - rank + i;
    const int64_t da = ia >= 0 ? a.dim_size(ia) : 1;
    const int64_t db = ib >= 0 ? b.dim_size(ib) : 1;
    if (da == 1) {
      dims[i] = db;
    } else if (db == 1) {
      dims[i] = da;
    } else if (da == -1 || db == -1) {
      // One is unknown: the result is the known one if > 1, else unknown.
      dims[i] = std::max(da, db) > 1 ? std::max(da, db) : -1;
    } else if (da == db) {
      dims[i] = da;
    } else {
      return errors::InvalidArgument("Incompatible shapes: ", a.DebugString(),
                                     " vs. ", b.DebugString());
    }
  }
  *out = PartialTensorShape(dims);
  return OkStatus();
}

Status BroadcastBinaryOpShape(InferenceContext* c) {
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(BroadcastShapes(c->input(0), c->input(1), &out));
  c->set_output(0, out);
  return OkStatus();
}

Status MatMulShape(InferenceContext* c) {
  PartialTensorShape a, b;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &a));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 2, &b));
  bool ta = false, tb = false;
  if (HasAttr(c->node_def(), "transpose_a")) {
    TFP_ASSIGN_OR_RETURN(ta, GetBoolAttr(c->node_def(), "transpose_a"));
  }
  if (HasAttr(c->node_def(), "transpose_b")) {
    TFP_ASSIGN_OR_RETURN(tb, GetBoolAttr(c->node_def(), "transpose_b"));
  }
  const int64_t rows = a.dim_size(ta ? 1 : 0), inner_a = a.dim_size(ta ? 0 : 1);
  const int64_t cols = b.dim_size(tb ? 0 : 1), inner_b = b.dim_size(tb ? 1 : 0);
  int64_t merged;
  Status s = InferenceContext::MergeDim(inner_a, inner_b, &merged);
  if (!s.ok()) {
    return errors::InvalidArgument(
        "Matrix size-incompatible: In[0]: ", a.DebugString(),
        ", In[1]: ", b.DebugString());
  }
  c->set_output(0, PartialTensorShape({rows, cols}));
  return OkStatus();
}

Status ExplicitShape(InferenceContext* c) {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape shape,
                       GetShapeAttr(c->node_def(), "shape"));
  c->set_output(0, shape);
  return OkStatus();
}

Status MergeBothInputsShape(InferenceContext* c) {
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(InferenceContext::Merge(c->input(0), c->input(1), &out));
  c->set_output(0, out);
  return OkStatus();
}

}  // namespace tfpersist
