// N-d indexing and matrix-structure ops: GatherNd, ScatterNd,
// TensorScatterUpdate/Add/Sub, SparseToDense, MatrixBandPart,
// MatrixDiagV3, MatrixDiagPartV3, MatrixSetDiagV3. OpDefs as TF's
// core/ops/array_ops.cc and sparse_ops.cc (newest ops_history_v2 entry).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"
#include "graph/shape_inference.h"

namespace tfpersist {
namespace {

// indices [..., r] into params [p_0..p_{r-1}, rest] -> indices[:-1] + rest.
Status GatherNdShape(InferenceContext* c) {
  const PartialTensorShape& params = c->input(0);
  const PartialTensorShape& indices = c->input(1);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(indices, 1));
  if (params.unknown_rank() || indices.unknown_rank() ||
      indices.dim_size(indices.dims() - 1) < 0) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int64_t r = indices.dim_size(indices.dims() - 1);
  if (r > params.dims()) {
    return errors::InvalidArgument(
        "indices.shape[-1] must be <= params.rank, but saw indices shape: ",
        indices.DebugString(), " and params shape: ", params.DebugString());
  }
  std::vector<int64_t> out(indices.dim_sizes().begin(),
                           indices.dim_sizes().end() - 1);
  out.insert(out.end(), params.dim_sizes().begin() + r,
             params.dim_sizes().end());
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// Checks updates.shape == indices.shape[:-1] + shape[indices.shape[-1]:].
Status CheckScatterShapes(const PartialTensorShape& indices,
                          const PartialTensorShape& updates,
                          const PartialTensorShape& shape) {
  if (indices.unknown_rank() || updates.unknown_rank() ||
      shape.unknown_rank() || indices.dims() == 0) {
    return OkStatus();
  }
  const int64_t r = indices.dim_size(indices.dims() - 1);
  if (r < 0) return OkStatus();
  if (r > shape.dims()) {
    return errors::InvalidArgument("Dimensions [", r, ",", shape.dims(),
                                   ") of input=", shape.DebugString(),
                                   " must match dimensions of updates");
  }
  std::vector<int64_t> expected(indices.dim_sizes().begin(),
                                indices.dim_sizes().end() - 1);
  expected.insert(expected.end(), shape.dim_sizes().begin() + r,
                  shape.dim_sizes().end());
  if (!updates.IsCompatibleWith(PartialTensorShape(expected))) {
    return errors::InvalidArgument(
        "updates has shape ", updates.DebugString(), " but ",
        PartialTensorShape(expected).DebugString(),
        " = indices.shape[:-1] + shape[indices.shape[-1]:] was expected");
  }
  return OkStatus();
}

Status ScatterNdShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(0), 1));
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &out));
  TFP_RETURN_IF_ERROR(CheckScatterShapes(c->input(0), c->input(1), out));
  c->set_output(0, out);
  return OkStatus();
}

Status TensorScatterShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(1), 1));
  TFP_RETURN_IF_ERROR(
      CheckScatterShapes(c->input(1), c->input(2), c->input(0)));
  c->set_output(0, c->input(0));
  return OkStatus();
}

Status SparseToDenseShape(InferenceContext* c) {
  PartialTensorShape out;
  TFP_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  c->set_output(0, out);
  return OkStatus();
}

// MatrixDiagV3: diagonal [..., (num_diags,) max_diag_len] -> [..., rows,
// cols]; exact when k, num_rows and num_cols are constant.
Status MatrixDiagV3Shape(InferenceContext* c) {
  const PartialTensorShape& diag = c->input(0);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(diag, 1));
  TFP_ASSIGN_OR_RETURN(auto k, c->GetIntVectorInput(1));
  TFP_ASSIGN_OR_RETURN(auto rows, c->GetScalarInput(2));
  TFP_ASSIGN_OR_RETURN(auto cols, c->GetScalarInput(3));
  if (diag.unknown_rank() || !k.has_value() || k->empty() || k->size() > 2) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int64_t lower = (*k)[0], upper = k->size() > 1 ? (*k)[1] : lower;
  if (lower > upper) {
    return errors::InvalidArgument(
        "lower_diag_index must not be greater than upper_diag_index");
  }
  const int batch_end = diag.dims() - (lower == upper ? 1 : 2);
  if (batch_end < 0) {
    return errors::InvalidArgument(
        "diagonal must be at least 2-D when lower_diag_index < "
        "upper_diag_index");
  }
  std::vector<int64_t> out(diag.dim_sizes().begin(),
                           diag.dim_sizes().begin() + batch_end);
  const int64_t len = diag.dim_size(diag.dims() - 1);
  const int64_t min_rows = len < 0 ? -1 : len - std::min<int64_t>(upper, 0);
  const int64_t min_cols = len < 0 ? -1 : len + std::max<int64_t>(lower, 0);
  int64_t num_rows = rows.has_value() ? *rows : -2;  // -2: not constant
  int64_t num_cols = cols.has_value() ? *cols : -2;
  if (num_rows == -1 && num_cols == -1) {  // TF: square by default
    num_rows = num_cols = len < 0 ? -1 : std::max(min_rows, min_cols);
  } else if (num_rows == -1) {
    num_rows = min_rows;
  } else if (num_cols == -1) {
    num_cols = min_cols;
  }
  out.push_back(std::max<int64_t>(num_rows, -1));
  out.push_back(std::max<int64_t>(num_cols, -1));
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

// MatrixDiagPartV3: input [..., M, N] -> [..., (num_diags,) max_diag_len].
Status MatrixDiagPartV3Shape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(in, 2));
  TFP_ASSIGN_OR_RETURN(auto k, c->GetIntVectorInput(1));
  if (in.unknown_rank() || !k.has_value() || k->empty() || k->size() > 2) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  const int64_t lower = (*k)[0], upper = k->size() > 1 ? (*k)[1] : lower;
  if (lower > upper) {
    return errors::InvalidArgument(
        "lower_diag_index must not be greater than upper_diag_index");
  }
  const int64_t rows = in.dim_size(in.dims() - 2);
  const int64_t cols = in.dim_size(in.dims() - 1);
  std::vector<int64_t> out(in.dim_sizes().begin(), in.dim_sizes().end() - 2);
  if (lower != upper) out.push_back(upper - lower + 1);
  if (rows >= 0 && cols >= 0) {
    out.push_back(std::min(rows + std::min<int64_t>(upper, 0),
                           cols - std::max<int64_t>(lower, 0)));
  } else {
    out.push_back(-1);
  }
  c->set_output(0, PartialTensorShape(out));
  return OkStatus();
}

Status MatrixSetDiagV3Shape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(0), 2));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(1), 1));
  c->set_output(0, c->input(0));
  return OkStatus();
}

OpDefBuilder TensorScatter(std::string name, const char* index_types) {
  OpDefBuilder b(std::move(name));
  b.Input("tensor: T")
      .Input("indices: Tindices")
      .Input("updates: T")
      .Output("output: T")
      .Attr("T: type")
      .Attr(index_types)
      .SetShapeFn(TensorScatterShape);
  return b;
}

constexpr const char* kAlign =
    "align: {'LEFT_RIGHT', 'RIGHT_LEFT', 'LEFT_LEFT', 'RIGHT_RIGHT'} = "
    "'RIGHT_LEFT'";

}  // namespace

// One registration statement per op (a table).
void RegisterArrayScatterOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("GatherNd")
                   .Input("params: Tparams")
                   .Input("indices: Tindices")
                   .Output("output: Tparams")
                   .Attr("Tparams: type")
                   .Attr("Tindices: {int16, int32, int64}")
                   .SetShapeFn(GatherNdShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ScatterNd")
                   .Input("indices: Tindices")
                   .Input("updates: T")
                   .Input("shape: Tindices")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tindices: {int16, int32, int64}")
                   .SetShapeFn(ScatterNdShape)
                   .Finalize(r));
  MustRegister(TensorScatter("TensorScatterUpdate",
                             "Tindices: {int16, int32, int64, uint16}")
                   .Finalize(r));
  MustRegister(TensorScatter("TensorScatterAdd", "Tindices: {int32, int64}")
                   .Finalize(r));
  MustRegister(TensorScatter("TensorScatterSub", "Tindices: {int32, int64}")
                   .Finalize(r));
  MustRegister(OpDefBuilder("SparseToDense")
                   .Input("sparse_indices: Tindices")
                   .Input("output_shape: Tindices")
                   .Input("sparse_values: T")
                   .Input("default_value: T")
                   .Attr("validate_indices: bool = true")
                   .Attr("T: type")
                   .Attr("Tindices: {int32, int64}")
                   .Output("dense: T")
                   .SetShapeFn(SparseToDenseShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MatrixBandPart")
                   .Input("input: T")
                   .Input("num_lower: Tindex")
                   .Input("num_upper: Tindex")
                   .Output("band: T")
                   .Attr("T: type")
                   .Attr("Tindex: {int32, int64} = DT_INT64")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MatrixDiagV3")
                   .Input("diagonal: T")
                   .Input("k: int32")
                   .Input("num_rows: int32")
                   .Input("num_cols: int32")
                   .Input("padding_value: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr(kAlign)
                   .SetShapeFn(MatrixDiagV3Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MatrixDiagPartV3")
                   .Input("input: T")
                   .Input("k: int32")
                   .Input("padding_value: T")
                   .Output("diagonal: T")
                   .Attr("T: type")
                   .Attr(kAlign)
                   .SetShapeFn(MatrixDiagPartV3Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MatrixSetDiagV3")
                   .Input("input: T")
                   .Input("diagonal: T")
                   .Input("k: int32")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr(kAlign)
                   .SetShapeFn(MatrixSetDiagV3Shape)
                   .Finalize(r));
}

}  // namespace tfpersist
