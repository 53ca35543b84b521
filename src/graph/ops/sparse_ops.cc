// Sparse-tensor ops of feature-column graphs (embedding lookups over
// SparseTensors): OpDefs as TF's core/ops/sparse_ops.cc and math_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

Status SparseFillEmptyRowsShape(InferenceContext* c) {
  PartialTensorShape indices, values, shape, unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &indices));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &values));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 1, &shape));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(3), 0, &unused));
  const int64_t rank = indices.unknown_rank() ? -1 : indices.dim_size(1);
  c->set_output(0, PartialTensorShape({-1, rank}));
  c->set_output(1, PartialTensorShape({-1}));
  c->set_output(2, PartialTensorShape({-1}));
  c->set_output(3, PartialTensorShape(
                       {indices.unknown_rank() ? -1 : indices.dim_size(0)}));
  return OkStatus();
}

Status SparseReshapeShape(InferenceContext* c) {
  PartialTensorShape indices, in_shape, new_shape;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &indices));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &in_shape));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 1, &new_shape));
  c->set_output(
      0, PartialTensorShape({indices.dim_size(0), new_shape.dim_size(0)}));
  c->set_output(1, new_shape);
  return OkStatus();
}

// [?] + data.shape[1:].
Status SparseSegmentReductionShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &unused));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 1, &unused));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(c->input(0), 1));
  const PartialTensorShape& data = c->input(0);
  if (data.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  std::vector<int64_t> dims = data.dim_sizes();
  dims[0] = -1;
  c->set_output(0, PartialTensorShape(std::span<const int64_t>(dims)));
  return OkStatus();
}

void RegisterSegmentReduction(const char* name, const char* types,
                              OpRegistry* r) {
  MustRegister(OpDefBuilder(name)
                   .Input("data: T")
                   .Input("indices: Tidx")
                   .Input("segment_ids: Tsegmentids")
                   .Output("output: T")
                   .Attr(types)
                   .Attr("Tidx: {int32, int64} = DT_INT32")
                   .Attr("Tsegmentids: {int32, int64} = DT_INT32")
                   .Attr("sparse_gradient: bool = false")
                   .SetShapeFn(SparseSegmentReductionShape)
                   .Finalize(r));
}

}  // namespace

void RegisterSparseOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("SparseFillEmptyRows")
                   .Input("indices: int64")
                   .Input("values: T")
                   .Input("dense_shape: int64")
                   .Input("default_value: T")
                   .Output("output_indices: int64")
                   .Output("output_values: T")
                   .Output("empty_row_indicator: bool")
                   .Output("reverse_index_map: int64")
                   .Attr("T: type")
                   .SetShapeFn(SparseFillEmptyRowsShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("SparseReshape")
                   .Input("input_indices: int64")
                   .Input("input_shape: int64")
                   .Input("new_shape: int64")
                   .Output("output_indices: int64")
                   .Output("output_shape: int64")
                   .SetShapeFn(SparseReshapeShape)
                   .Finalize(r));
  RegisterSegmentReduction("SparseSegmentSum", "T: realnumbertype", r);
  RegisterSegmentReduction("SparseSegmentMean",
                           "T: {bfloat16, half, float, double}", r);
  RegisterSegmentReduction("SparseSegmentSqrtN",
                           "T: {bfloat16, half, float, double}", r);
}

}  // namespace tfpersist
