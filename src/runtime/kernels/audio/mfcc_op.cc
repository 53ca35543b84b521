// Mfcc: a squared-magnitude spectrogram [channels, rows, bins] and its
// sample rate -> [channels, rows, dct_coefficient_count] mel-frequency
// cepstral coefficients, with TF's math (reference/mfcc.h).
//
// One deliberate difference: when upper_frequency_limit lies above the
// spectrogram's last bin, TF logs "Input too short to compute filterbank"
// and outputs zeros; we fail with INVALID_ARGUMENT instead of returning
// silently wrong values.
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/audio/audio_kernels.h"
#include "runtime/kernels/reference/mfcc.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Bounds the filterbank and DCT tables (coefficients x channels doubles).
constexpr int64_t kMaxFilterbankChannels = int64_t{1} << 16;
constexpr int64_t kMaxDctTable = int64_t{1} << 24;

class MfccOp : public OpKernel {
 public:
  explicit MfccOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("upper_frequency_limit", &upper_));
    OP_REQUIRES_OK(c, c->GetAttr("lower_frequency_limit", &lower_));
    OP_REQUIRES_OK(c, c->GetAttr("filterbank_channel_count", &channels_));
    OP_REQUIRES_OK(c, c->GetAttr("dct_coefficient_count", &coefficients_));
    OP_REQUIRES(c,
                channels_ <= kMaxFilterbankChannels &&
                    int64_t{channels_} * coefficients_ <= kMaxDctTable,
                errors::ResourceExhausted(
                    "Mfcc filterbank_channel_count ", channels_,
                    " x dct_coefficient_count ", coefficients_,
                    " is too large (at most ", kMaxFilterbankChannels,
                    " channels and ", kMaxDctTable, " table entries)"));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& spec = ctx->input(0);
    OP_REQUIRES(ctx, spec.dims() == 3,
                errors::InvalidArgument("spectrogram must be 3-dimensional",
                                        spec.shape().DebugString()));
    const Tensor& rate_t = ctx->input(1);
    OP_REQUIRES(ctx, rate_t.dims() == 0,
                errors::InvalidArgument(
                    "Input sample_rate should be a scalar tensor, got ",
                    rate_t.shape().DebugString(), " instead."));
    const int32_t rate = rate_t.scalar<int32_t>();
    const int64_t bins = spec.dim_size(2);
    reference::MfccTables tables;
    OP_REQUIRES(
        ctx,
        bins <= (int64_t{1} << 30) &&
            reference::BuildMfccTables(static_cast<int>(bins), rate, channels_,
                                       coefficients_, lower_, upper_, &tables),
        errors::InvalidArgument("Mfcc initialization failed for channel count ",
                                bins, " and sample rate ", rate));
    OP_REQUIRES(ctx, tables.end_index < bins,
                errors::InvalidArgument(
                    "Mfcc: input too short to compute filterbank: "
                    "upper_frequency_limit ",
                    upper_, " needs spectrogram bin ", tables.end_index,
                    " but the spectrogram has ", bins, " bins"));
    const int64_t frames = spec.dim_size(0) * spec.dim_size(1);
    OP_REQUIRES_ASSIGN(
        ctx, Tensor * out,
        ctx->allocate_output(0, TensorShape({spec.dim_size(0), spec.dim_size(1),
                                             coefficients_})));
    std::vector<double> coeffs(coefficients_);
    for (int64_t f = 0; f < frames; ++f) {
      reference::MfccFrame(tables, spec.data<float>() + f * bins,
                           coeffs.data());
      float* y = out->data<float>() + f * coefficients_;
      for (int i = 0; i < coefficients_; ++i)
        y[i] = static_cast<float>(coeffs[i]);
    }
  }

 private:
  float upper_ = 0;
  float lower_ = 0;
  int32_t channels_ = 0;
  int32_t coefficients_ = 0;
};

}  // namespace

void RegisterMfccKernels(KernelRegistry* r) { r->Register<MfccOp>("Mfcc"); }

}  // namespace tfpersist
