// Family ControlFlow: Switch/Merge (tf.cond v1) and friends. The executor
// gives these ops their dead-value semantics; the kernels only forward.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterSwitchMergeKernels(KernelRegistry* r);  // switch_merge_ops.cc

void RegisterControlFlowKernels(KernelRegistry* r) {
  // Switch, RefSwitch, Merge, RefMerge, ControlTrigger
  RegisterSwitchMergeKernels(r);
}

}  // namespace tfpersist
