// The one list of op families (see ops.h). Math and Nn are added by their
// files' author when math_ops.cc / nn_ops.cc land.
#include "graph/ops/ops.h"

namespace tfpersist {

void RegisterAllOps(OpRegistry* registry) {
  RegisterNoOps(registry);
  RegisterArrayOps(registry);
  RegisterStateOps(registry);
  RegisterResourceVariableOps(registry);
  RegisterControlFlowOps(registry);
  RegisterIoOps(registry);
  RegisterStringOps(registry);
  RegisterFunctionalOps(registry);
  RegisterListOps(registry);
  RegisterTrainingOps(registry);
  RegisterDataFlowOps(registry);
  RegisterTensorArrayOps(registry);
  RegisterAudioOps(registry);
  RegisterImageOps(registry);
  RegisterImageCodecOps(registry);
  RegisterNnBackpropOps(registry);
  RegisterMathOps(registry);
  RegisterNnOps(registry);
  RegisterArraySplitOps(registry);
  RegisterArrayPadOps(registry);
  RegisterArrayScatterOps(registry);
  RegisterMathSpecialOps(registry);
  RegisterNnTopKOps(registry);
  RegisterDatasetOps(registry);
  RegisterLookupOps(registry);
  RegisterParsingOps(registry);
  RegisterSparseOps(registry);
}

}  // namespace tfpersist
