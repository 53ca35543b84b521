// The TensorArray V3 family (tf.TensorArray in TF1 graphs: dynamic_rnn,
// map_fn, while_loop accumulators): OpDefs and shape functions as TF's
// core/ops/data_flow_ops.cc. The handle of a V3 TensorArray is a resource
// that TF's shape functions describe as a 2-vector (the legacy string
// handle's shape); the `flow` float scalar orders the ops that use it.
#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// Input i must be a TensorArray handle: rank 1 with 2 elements.
Status CheckHandle(InferenceContext* c, int i) {
  PartialTensorShape h;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(i), 1, &h));
  int64_t unused;
  return InferenceContext::MergeDim(h.dim_size(0), 2, &unused);
}

// Inputs `ranks[k]` (index, rank) must have those ranks.
Status CheckRanks(InferenceContext* c,
                  std::initializer_list<std::pair<int, int>> ranks) {
  PartialTensorShape unused;
  for (auto [input, rank] : ranks) {
    TFP_RETURN_IF_ERROR(
        InferenceContext::WithRank(c->input(input), rank, &unused));
  }
  return OkStatus();
}

Status TensorArrayShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{0, 0}}));
  c->set_output(0, PartialTensorShape({2}));
  c->set_output(1, PartialTensorShape({}));
  return OkStatus();
}

Status GradShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  c->set_output(0, PartialTensorShape({2}));
  c->set_output(1, PartialTensorShape({}));
  return OkStatus();
}

Status WriteShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{1, 0}, {3, 0}}));
  return ScalarShape(c);
}

Status ReadShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{1, 0}, {2, 0}}));
  return UnknownShape(c);
}

// Gather: indices.shape + the element_shape attr.
Status GatherShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{1, 1}, {2, 0}}));
  TFP_ASSIGN_OR_RETURN(PartialTensorShape element,
                       GetShapeAttr(c->node_def(), "element_shape"));
  if (element.unknown_rank()) return UnknownShape(c);
  std::vector<int64_t> dims = {
      c->input(1).unknown_rank() ? int64_t{-1} : c->input(1).dim_size(0)};
  dims.insert(dims.end(), element.dim_sizes().begin(),
              element.dim_sizes().end());
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

Status ScatterShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{1, 1}, {3, 0}}));
  return ScalarShape(c);
}

Status ConcatShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{1, 0}}));
  c->set_output(0, PartialTensorShape());
  c->set_output(1, PartialTensorShape({-1}));
  return OkStatus();
}

Status SplitShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  TFP_RETURN_IF_ERROR(CheckRanks(c, {{2, 1}, {3, 0}}));
  return ScalarShape(c);
}

Status SizeShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(CheckHandle(c, 0));
  return ScalarShape(c);
}

Status CloseShape(InferenceContext* c) { return CheckHandle(c, 0); }

}  // namespace

// A table, one registration statement per op.
void RegisterTensorArrayOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("TensorArrayV3")
                   .Input("size: int32")
                   .Attr("dtype: type")
                   .Attr("element_shape: shape = { unknown_rank: true }")
                   .Attr("dynamic_size: bool = false")
                   .Attr("clear_after_read: bool = true")
                   .Attr("identical_element_shapes: bool = false")
                   .Attr("tensor_array_name: string = ''")
                   .Output("handle: resource")
                   .Output("flow: float")
                   .SetIsStateful()
                   .SetShapeFn(TensorArrayShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArrayGradV3")
                   .Input("handle: resource")
                   .Input("flow_in: float")
                   .Output("grad_handle: resource")
                   .Output("flow_out: float")
                   .Attr("source: string")
                   .SetIsStateful()
                   .SetShapeFn(GradShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArrayWriteV3")
                   .Input("handle: resource")
                   .Input("index: int32")
                   .Input("value: T")
                   .Input("flow_in: float")
                   .Output("flow_out: float")
                   .Attr("T: type")
                   .SetShapeFn(WriteShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArrayReadV3")
                   .Input("handle: resource")
                   .Input("index: int32")
                   .Input("flow_in: float")
                   .Output("value: dtype")
                   .Attr("dtype: type")
                   .SetShapeFn(ReadShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArrayGatherV3")
                   .Input("handle: resource")
                   .Input("indices: int32")
                   .Input("flow_in: float")
                   .Output("value: dtype")
                   .Attr("dtype: type")
                   .Attr("element_shape: shape = { unknown_rank: true }")
                   .SetShapeFn(GatherShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArrayScatterV3")
                   .Input("handle: resource")
                   .Input("indices: int32")
                   .Input("value: T")
                   .Input("flow_in: float")
                   .Output("flow_out: float")
                   .Attr("T: type")
                   .SetShapeFn(ScatterShape)
                   .Finalize(r));
  MustRegister(
      OpDefBuilder("TensorArrayConcatV3")
          .Input("handle: resource")
          .Input("flow_in: float")
          .Output("value: dtype")
          .Output("lengths: int64")
          .Attr("dtype: type")
          .Attr("element_shape_except0: shape = { unknown_rank: true }")
          .SetShapeFn(ConcatShape)
          .Finalize(r));
  MustRegister(OpDefBuilder("TensorArraySplitV3")
                   .Input("handle: resource")
                   .Input("value: T")
                   .Input("lengths: int64")
                   .Input("flow_in: float")
                   .Output("flow_out: float")
                   .Attr("T: type")
                   .SetShapeFn(SplitShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArraySizeV3")
                   .Input("handle: resource")
                   .Input("flow_in: float")
                   .Output("size: int32")
                   .SetShapeFn(SizeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorArrayCloseV3")
                   .Input("handle: resource")
                   .SetShapeFn(CloseShape)
                   .Finalize(r));
}

}  // namespace tfpersist
