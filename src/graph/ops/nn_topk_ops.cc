// tf.nn ops beyond nn_ops.cc: the Softsign and Selu activations, L2Loss,
// TopKV2 and InTopKV2. OpDefs as TF's core/ops/nn_ops.cc (newest
// ops_history_v2 entry).
#include <vector>

#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"
#include "graph/shape_inference.h"

namespace tfpersist {
namespace {

// values and indices: input's shape with the last dim replaced by k.
Status TopKShape(InferenceContext* c) {
  const PartialTensorShape& in = c->input(0);
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtLeast(in, 1));
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  TFP_ASSIGN_OR_RETURN(auto k, c->GetScalarInput(1));
  if (k.has_value() && *k < 0) {
    return errors::InvalidArgument("input must have at least k columns");
  }
  if (in.unknown_rank()) {
    c->set_output(0, PartialTensorShape());
    c->set_output(1, PartialTensorShape());
    return OkStatus();
  }
  std::vector<int64_t> dims = in.dim_sizes();
  const int64_t last = dims.back();
  if (k.has_value() && last >= 0 && last < *k) {
    return errors::InvalidArgument("input must have last dimension >= k = ", *k,
                                   " but is ", last);
  }
  dims.back() = k.has_value() ? *k : -1;
  c->set_output(0, PartialTensorShape(dims));
  c->set_output(1, PartialTensorShape(dims));
  return OkStatus();
}

// predictions [batch, classes], targets [batch], k scalar -> [batch].
Status InTopKShape(InferenceContext* c) {
  PartialTensorShape predictions, targets, unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &predictions));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &targets));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(2), 0, &unused));
  int64_t batch;
  TFP_RETURN_IF_ERROR(InferenceContext::MergeDim(predictions.dim_size(0),
                                                 targets.dim_size(0), &batch));
  c->set_output(0, PartialTensorShape({batch}));
  return OkStatus();
}

OpDefBuilder Activation(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("features: T")
      .Output("activations: T")
      .Attr("T: {half, bfloat16, float, double}")
      .SetShapeFn(UnchangedShape);
  return b;
}

}  // namespace

void RegisterNnTopKOps(OpRegistry* r) {
  MustRegister(Activation("Softsign").Finalize(r));
  MustRegister(Activation("Selu").Finalize(r));
  MustRegister(OpDefBuilder("L2Loss")
                   .Input("t: T")
                   .Output("output: T")
                   .Attr("T: {half, bfloat16, float, double}")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TopKV2")
                   .Input("input: T")
                   .Input("k: Tk")
                   .Output("values: T")
                   .Output("indices: index_type")
                   .Attr("sorted: bool = true")
                   .Attr("T: realnumbertype")
                   .Attr("Tk: {int16, int32, int64} = DT_INT32")
                   .Attr("index_type: {int16, int32, int64} = DT_INT32")
                   .SetShapeFn(TopKShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("InTopKV2")
                   .Input("predictions: float")
                   .Input("targets: T")
                   .Input("k: T")
                   .Output("precision: bool")
                   .Attr("T: {int32, int64} = DT_INT32")
                   .SetShapeFn(InTopKShape)
                   .Finalize(r));
}

}  // namespace tfpersist
