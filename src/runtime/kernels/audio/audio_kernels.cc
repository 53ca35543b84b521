// The audio family: one line per kernel file (see audio_kernels.h).
#include "runtime/kernels/audio/audio_kernels.h"

#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterAudioKernels(KernelRegistry* r) {
  RegisterWavKernels(r);
  RegisterAudioSpectrogramKernels(r);
  RegisterMfccKernels(r);
}

}  // namespace tfpersist
