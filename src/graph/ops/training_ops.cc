// Optimizer update ops that appear in TF1 training graphs (OpDefs only, so
// such graphs import; no kernels). As TF's core/ops/training_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterTrainingOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("ApplyGradientDescent")
                   .Input("var: Ref(T)")
                   .Input("alpha: T")
                   .Input("delta: T")
                   .Output("out: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("use_locking: bool = false")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ApplyAdam")
                   .Input("var: Ref(T)")
                   .Input("m: Ref(T)")
                   .Input("v: Ref(T)")
                   .Input("beta1_power: T")
                   .Input("beta2_power: T")
                   .Input("lr: T")
                   .Input("beta1: T")
                   .Input("beta2: T")
                   .Input("epsilon: T")
                   .Input("grad: T")
                   .Output("out: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("use_locking: bool = false")
                   .Attr("use_nesterov: bool = false")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ApplyAdagrad")
                   .Input("var: Ref(T)")
                   .Input("accum: Ref(T)")
                   .Input("lr: T")
                   .Input("grad: T")
                   .Output("out: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("use_locking: bool = false")
                   .Attr("update_slots: bool = true")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ApplyFtrl")
                   .Input("var: Ref(T)")
                   .Input("accum: Ref(T)")
                   .Input("linear: Ref(T)")
                   .Input("grad: T")
                   .Input("lr: T")
                   .Input("l1: T")
                   .Input("l2: T")
                   .Input("lr_power: T")
                   .Output("out: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("use_locking: bool = false")
                   .Attr("multiply_linear_by_lr: bool = false")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("SparseApplyFtrl")
                   .Input("var: Ref(T)")
                   .Input("accum: Ref(T)")
                   .Input("linear: Ref(T)")
                   .Input("grad: T")
                   .Input("indices: Tindices")
                   .Input("lr: T")
                   .Input("l1: T")
                   .Input("l2: T")
                   .Input("lr_power: T")
                   .Output("out: Ref(T)")
                   .Attr("T: numbertype")
                   .Attr("Tindices: {int32, int64}")
                   .Attr("use_locking: bool = false")
                   .Attr("multiply_linear_by_lr: bool = false")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
}

}  // namespace tfpersist
