// DecodeWav (16-bit PCM WAV bytes -> float [samples, channels] in [-1, 1)
// and the sample rate) and EncodeWav (the inverse), over wav_io.h. TF's
// attrs: desired_channels duplicates the last channel or drops extra ones,
// desired_samples crops or zero-pads; -1 keeps what the file has.
#include <algorithm>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/audio/audio_kernels.h"
#include "runtime/kernels/audio/wav_io.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class DecodeWavOp : public OpKernel {
 public:
  explicit DecodeWavOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("desired_channels", &desired_channels_));
    OP_REQUIRES_OK(c, c->GetAttr("desired_samples", &desired_samples_));
    OP_REQUIRES(c, desired_channels_ >= -1,
                errors::InvalidArgument("channels must be non-negative, got ",
                                        desired_channels_));
    OP_REQUIRES(c, desired_samples_ >= -1,
                errors::InvalidArgument("samples must be non-negative, got ",
                                        desired_samples_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& contents = ctx->input(0);
    OP_REQUIRES(ctx, contents.dims() == 0,
                errors::InvalidArgument("contents must be scalar, got shape ",
                                        contents.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, DecodedWav wav,
                       DecodeLin16Wav(contents.scalar<std::string>()));
    const int64_t samples =
        desired_samples_ == -1 ? int64_t{wav.frames} : desired_samples_;
    const int64_t channels =
        desired_channels_ == -1 ? int64_t{wav.channels} : desired_channels_;
    OP_REQUIRES_ASSIGN(
        ctx, Tensor * audio,
        ctx->allocate_output(0, TensorShape({samples, channels})));
    float* out = audio->data<float>();
    for (int64_t s = 0; s < samples; ++s) {
      for (int64_t ch = 0; ch < channels; ++ch) {
        const int64_t src = std::min<int64_t>(ch, wav.channels - 1);
        *out++ = s < wav.frames ? wav.samples[s * wav.channels + src] : 0.0f;
      }
    }
    ctx->set_output(
        1, Tensor::Scalar<int32_t>(static_cast<int32_t>(wav.sample_rate)));
  }

 private:
  int64_t desired_channels_ = -1;
  int64_t desired_samples_ = -1;
};

class EncodeWavOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& audio = ctx->input(0);
    OP_REQUIRES(ctx, audio.dims() == 2,
                errors::InvalidArgument("audio must be 2-dimensional",
                                        audio.shape().DebugString()));
    const Tensor& rate = ctx->input(1);
    OP_REQUIRES(ctx, rate.dims() == 0,
                errors::InvalidArgument(
                    "Input sample_rate should be a scalar tensor, got ",
                    rate.shape().DebugString(), " instead."));
    OP_REQUIRES_ASSIGN(
        ctx, std::string bytes,
        EncodeLin16Wav(audio.data<float>(), rate.scalar<int32_t>(),
                       audio.dim_size(1), audio.dim_size(0)));
    ctx->set_output(0, Tensor::Scalar<std::string>(std::move(bytes)));
  }
};

}  // namespace

void RegisterWavKernels(KernelRegistry* r) {
  r->Register<DecodeWavOp>("DecodeWav");
  r->Register<EncodeWavOp>("EncodeWav");
}

}  // namespace tfpersist
