// Family ControlFlow: Switch/Merge (tf.cond v1), while-loop plumbing. The
// executor gives these ops their dead-value semantics; the kernels only
// forward.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterSwitchMergeKernels(KernelRegistry* r);  // switch_merge_ops.cc
void RegisterLoopKernels(KernelRegistry* r);         // loop_ops.cc

void RegisterControlFlowKernels(KernelRegistry* r) {
  // Switch, RefSwitch, Merge, RefMerge, ControlTrigger
  RegisterSwitchMergeKernels(r);
  // Enter, RefEnter, Exit, RefExit, NextIteration, RefNextIteration, LoopCond
  RegisterLoopKernels(r);
}

}  // namespace tfpersist
