// Function-call and functional control-flow ops (TF2 SavedModel
// signatures, cond_v2, while_v2): OpDefs as TF's core/ops/functional_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// If / StatelessIf (stateful differs only in the flag).
OpDefBuilder IfOp(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("cond: Tcond")
      .Input("input: Tin")
      .Output("output: Tout")
      .Attr("Tcond: type")
      .Attr("Tin: list(type) >= 0")
      .Attr("Tout: list(type) >= 0")
      .Attr("then_branch: func")
      .Attr("else_branch: func")
      .Attr("output_shapes: list(shape) = []")
      .SetShapeFn(UnknownShape);
  return b;
}

OpDefBuilder CaseOp(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("branch_index: int32")
      .Input("input: Tin")
      .Output("output: Tout")
      .Attr("Tin: list(type) >= 0")
      .Attr("Tout: list(type) >= 0")
      .Attr("branches: list(func) >= 1")
      .Attr("output_shapes: list(shape) = []")
      .SetShapeFn(UnknownShape);
  return b;
}

OpDefBuilder WhileOp(std::string name) {
  OpDefBuilder b(std::move(name));
  b.Input("input: T")
      .Output("output: T")
      .Attr("T: list(type) >= 0")
      .Attr("cond: func")
      .Attr("body: func")
      .Attr("output_shapes: list(shape) = []")
      .Attr("parallel_iterations: int = 10")
      .SetShapeFn(UnknownShape);
  return b;
}

void RegisterFunctionalControlFlowOps(OpRegistry* r) {
  MustRegister(IfOp("StatelessIf").Finalize(r));
  MustRegister(IfOp("If").SetIsStateful().Finalize(r));
  MustRegister(CaseOp("StatelessCase").Finalize(r));
  MustRegister(CaseOp("Case").SetIsStateful().Finalize(r));
  MustRegister(WhileOp("StatelessWhile").Finalize(r));
  MustRegister(WhileOp("While").SetIsStateful().Finalize(r));
}

}  // namespace

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
  RegisterFunctionalControlFlowOps(r);
}

}  // namespace tfpersist
