// The image family: one line per kernel file (see image_kernels.h).
#include "runtime/kernels/image/image_kernels.h"

#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterImageKernels(KernelRegistry* r) {
  RegisterResizeKernels(r);
  RegisterCropAndResizeKernels(r);
  RegisterNonMaxSuppressionKernels(r);
  RegisterImageCodecKernels(r);
}

}  // namespace tfpersist
