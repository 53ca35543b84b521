// Function-call ops (TF2 SavedModel signatures): OpDefs as TF's
// core/ops/functional_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

void RegisterFunctionalOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("PartitionedCall")
                   .Input("args: Tin")
                   .Output("output: Tout")
                   .Attr("Tin: list(type) >= 0")
                   .Attr("Tout: list(type) >= 0")
                   .Attr("f: func")
                   .Attr("config: string = ''")
                   .Attr("config_proto: string = ''")
                   .Attr("executor_type: string = ''")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("StatefulPartitionedCall")
                   .Input("args: Tin")
                   .Output("output: Tout")
                   .Attr("Tin: list(type) >= 0")
                   .Attr("Tout: list(type) >= 0")
                   .Attr("f: func")
                   .Attr("config: string = ''")
                   .Attr("config_proto: string = ''")
                   .Attr("executor_type: string = ''")
                   .SetIsStateful()
                   .SetIsDistributedCommunication()
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
}

}  // namespace tfpersist
