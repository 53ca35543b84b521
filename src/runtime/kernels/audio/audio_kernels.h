// The audio kernel family (kernels/audio/): one registration function per
// kernel file, listed in audio_kernels.cc.
#ifndef TFPERSIST_RUNTIME_KERNELS_AUDIO_AUDIO_KERNELS_H_
#define TFPERSIST_RUNTIME_KERNELS_AUDIO_AUDIO_KERNELS_H_

namespace tfpersist {

class KernelRegistry;

void RegisterWavKernels(KernelRegistry* r);               // wav_ops.cc
void RegisterAudioSpectrogramKernels(KernelRegistry* r);  // spectrogram_op.cc
void RegisterMfccKernels(KernelRegistry* r);              // mfcc_op.cc

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_AUDIO_AUDIO_KERNELS_H_
