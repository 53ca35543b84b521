// Run-time instruction-set selection for tfpersist's own vectorized loops
// and for oneDNN: the build uses no -march flag, so one binary runs on any
// x86-64; hot loops are compiled per ISA (target attributes) and picked
// here from the CPU (cpuid) unless TFP_DISABLE_AVX2=1 is set, which forces
// the baseline x86-64 (SSE2) paths and caps oneDNN at SSE4.1. Tests run
// with it set too, as proof that dispatch works.
// Thread-safety: all functions are thread-safe (the answer is computed once).
#ifndef TFPERSIST_RUNTIME_KERNELS_ONEDNN_CPU_ISA_H_
#define TFPERSIST_RUNTIME_KERNELS_ONEDNN_CPU_ISA_H_

namespace tfpersist {

enum class CpuIsa { kBaseline, kAvx2, kAvx512 };

// The best ISA the CPU has, or kBaseline when TFP_DISABLE_AVX2 is set to a
// value other than "" or "0".
CpuIsa SelectedCpuIsa();
const char* CpuIsaName(CpuIsa isa);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_ONEDNN_CPU_ISA_H_
