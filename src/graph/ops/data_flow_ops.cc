// Data-flow ops found in TF1 training graphs (gradients of reductions):
// OpDefs as TF's core/ops/data_flow_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// merged.shape = [max(index) + 1] + data[i].shape[indices[i].rank:]; the
// first dim is unknown unless indices are constant.
Status DynamicStitchShape(InferenceContext* c) {
  const int n = c->num_inputs() / 2;
  PartialTensorShape extra;  // data[i].shape minus indices[i].shape
  bool known = false;
  for (int i = 0; i < n; ++i) {
    const PartialTensorShape& idx = c->input(i);
    const PartialTensorShape& data = c->input(n + i);
    if (idx.unknown_rank() || data.unknown_rank()) continue;
    if (data.dims() < idx.dims()) {
      return errors::InvalidArgument("data[", i, "] has rank ", data.dims(),
                                     " < indices[", i, "] rank ", idx.dims());
    }
    std::vector<int64_t> rest(data.dim_sizes().begin() + idx.dims(),
                              data.dim_sizes().end());
    PartialTensorShape s(rest);
    if (known) TFP_RETURN_IF_ERROR(InferenceContext::Merge(extra, s, &s));
    extra = s;
    known = true;
  }
  if (!known) {
    c->set_output(0, PartialTensorShape());
    return OkStatus();
  }
  std::vector<int64_t> dims = {-1};
  dims.insert(dims.end(), extra.dim_sizes().begin(), extra.dim_sizes().end());
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

void RegisterDataFlowOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("DynamicStitch")
                   .Input("indices: N * int32")
                   .Input("data: N * T")
                   .Output("merged: T")
                   .Attr("N : int >= 1")
                   .Attr("T : type")
                   .SetShapeFn(DynamicStitchShape)
                   .Finalize(r));
}

}  // namespace tfpersist
