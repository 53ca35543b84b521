// Graph plumbing: NoOp (control-dependency groups such as `init`,
// `save/restore_all`). As TF's core/ops/no_op.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

void RegisterNoOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("NoOp").SetShapeFn(NoOutputs).Finalize(r));
}

}  // namespace tfpersist
