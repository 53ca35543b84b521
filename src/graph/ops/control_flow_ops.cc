// TF1 control flow (cond v1 Switch/Merge, while-loop frames): OpDefs as TF's
// core/ops/control_flow_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

Status SwitchShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  c->set_output(0, c->input(0));
  c->set_output(1, c->input(0));
  return OkStatus();
}

// The output is whichever input arrives: keep only what all inputs agree on.
Status MergeShape(InferenceContext* c) {
  PartialTensorShape out = c->input(0);
  for (int i = 1; i < c->num_inputs() && !out.unknown_rank(); ++i) {
    const PartialTensorShape& s = c->input(i);
    if (s.unknown_rank() || s.dims() != out.dims()) {
      out = PartialTensorShape();
      break;
    }
    std::vector<int64_t> dims = out.dim_sizes();
    for (int d = 0; d < s.dims(); ++d) {
      if (dims[d] != s.dim_size(d)) dims[d] = -1;
    }
    out = PartialTensorShape(dims);
  }
  c->set_output(0, out);
  c->set_output(1, PartialTensorShape({}));
  return OkStatus();
}

}  // namespace

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterControlFlowOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("Switch")
                   .Input("data: T")
                   .Input("pred: bool")
                   .Output("output_false: T")
                   .Output("output_true: T")
                   .Attr("T: type")
                   .SetShapeFn(SwitchShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RefSwitch")
                   .Input("data: Ref(T)")
                   .Input("pred: bool")
                   .Output("output_false: Ref(T)")
                   .Output("output_true: Ref(T)")
                   .Attr("T: type")
                   .SetAllowsUninitializedInput()
                   .SetShapeFn(SwitchShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Merge")
                   .Input("inputs: N * T")
                   .Output("output: T")
                   .Output("value_index: int32")
                   .Attr("T: type")
                   .Attr("N: int >= 1")
                   .SetShapeFn(MergeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RefMerge")
                   .Input("inputs: Ref(N * T)")
                   .Output("output: Ref(T)")
                   .Output("value_index: int32")
                   .Attr("T: type")
                   .Attr("N: int >= 1")
                   .SetAllowsUninitializedInput()
                   .SetShapeFn(MergeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Enter")
                   .Input("data: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("frame_name: string")
                   .Attr("is_constant: bool = false")
                   .Attr("parallel_iterations: int = 10")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RefEnter")
                   .Input("data: Ref(T)")
                   .Output("output: Ref(T)")
                   .Attr("T: type")
                   .Attr("frame_name: string")
                   .Attr("is_constant: bool = false")
                   .Attr("parallel_iterations: int = 10")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Exit")
                   .Input("data: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RefExit")
                   .Input("data: Ref(T)")
                   .Output("output: Ref(T)")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("NextIteration")
                   .Input("data: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RefNextIteration")
                   .Input("data: Ref(T)")
                   .Output("output: Ref(T)")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("LoopCond")
                   .Input("input: bool")
                   .Output("output: bool")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(
      OpDefBuilder("ControlTrigger").SetShapeFn(NoOutputs).Finalize(r));
}

}  // namespace tfpersist
