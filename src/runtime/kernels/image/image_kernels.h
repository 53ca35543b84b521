// The image kernel family (kernels/image/): one registration function per
// kernel file, listed in image_kernels.cc.
#ifndef TFPERSIST_RUNTIME_KERNELS_IMAGE_IMAGE_KERNELS_H_
#define TFPERSIST_RUNTIME_KERNELS_IMAGE_IMAGE_KERNELS_H_

namespace tfpersist {

class KernelRegistry;

void RegisterResizeKernels(KernelRegistry* r);         // resize_ops.cc
void RegisterCropAndResizeKernels(KernelRegistry* r);  // crop_and_resize_op.cc
void RegisterNonMaxSuppressionKernels(
    KernelRegistry* r);                             // non_max_suppression_op.cc
void RegisterImageCodecKernels(KernelRegistry* r);  // decode_image_ops.cc

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_IMAGE_IMAGE_KERNELS_H_
