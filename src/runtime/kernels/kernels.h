// The kernel families. Each function registers every kernel of its family
// (one line per kernel file, in kernels/<family>/<family>_kernels.cc) and
// is called from the single list in register_all.cc.
//
// Adding a family: declare Register<Family>Kernels here and add one line to
// RegisterAllKernels. Adding an op: see docs/adding_an_op.md.
#ifndef TFPERSIST_RUNTIME_KERNELS_KERNELS_H_
#define TFPERSIST_RUNTIME_KERNELS_KERNELS_H_

namespace tfpersist {

class KernelRegistry;

// Every family below, in order (kernels/register_all.cc).
void RegisterAllKernels(KernelRegistry* registry);

void RegisterStateKernels(KernelRegistry* registry);             // state/
void RegisterResourceVariableKernels(KernelRegistry* registry);  // resource_variable/
void RegisterArrayKernels(KernelRegistry* registry);             // array/
void RegisterControlFlowKernels(KernelRegistry* registry);       // control_flow/
void RegisterStringKernels(KernelRegistry* registry);            // string/
void RegisterMathKernels(KernelRegistry* registry);              // math/
void RegisterNnKernels(KernelRegistry* registry);                // nn/
void RegisterIoKernels(KernelRegistry* registry);                // io/
void RegisterDataFlowKernels(KernelRegistry* registry);          // data_flow/
void RegisterAudioKernels(KernelRegistry* registry);             // audio/
void RegisterImageKernels(KernelRegistry* registry);             // image/
void RegisterListKernels(KernelRegistry* registry);              // list/
void RegisterLookupKernels(KernelRegistry* registry);            // lookup/
void RegisterParsingKernels(KernelRegistry* registry);           // parsing/
void RegisterSparseKernels(KernelRegistry* registry);            // sparse/
// Math, Nn (kernels/math/, kernels/nn/) and Io (kernels/io/) add their
// lines here and in register_all.cc.

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_KERNELS_H_
