// AudioSpectrogram: float audio [samples, channels] -> [channels, rows,
// bins] of |FFT|^2 (or |FFT| unless magnitude_squared) over Hann-windowed
// frames; the math of reference/spectrogram.h, with the DFT done by
// Eigen's FFT (unsupported/Eigen/FFT, already a dependency: the Eigen
// FFT module TF's own FFT kernels use) in double precision, as TF's
// spectrogram.cc computes with Ooura's rdft in double.
//
// Work and memory are bounded by the input: a window longer than the audio
// gives 0 rows and computes nothing.
#include <cmath>
#include <complex>
#include <unsupported/Eigen/FFT>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/audio/audio_kernels.h"
#include "runtime/kernels/reference/spectrogram.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class AudioSpectrogramOp : public OpKernel {
 public:
  explicit AudioSpectrogramOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("window_size", &window_));
    OP_REQUIRES_OK(c, c->GetAttr("stride", &stride_));
    OP_REQUIRES_OK(c, c->GetAttr("magnitude_squared", &magnitude_squared_));
    OP_REQUIRES(c,
                window_ >= 2 && window_ <= (int64_t{1} << 30) && stride_ >= 1,
                errors::InvalidArgument(
                    "Spectrogram initialization failed for window size ",
                    window_, " and stride ", stride_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 2,
                errors::InvalidArgument("input must be 2-dimensional",
                                        input.shape().DebugString()));
    const int64_t length = input.dim_size(0);
    const int64_t channels = input.dim_size(1);
    const int64_t n = reference::NextPowerOfTwo(window_);
    const int64_t bins = n / 2 + 1;
    const int64_t rows = reference::SpectrogramRows(length, window_, stride_);
    OP_REQUIRES_ASSIGN(
        ctx, Tensor * out,
        ctx->allocate_output(0, TensorShape({channels, rows, bins})));
    if (rows == 0 || channels == 0) return;
    const std::vector<double> hann = reference::PeriodicHann(window_);
    Eigen::FFT<double> fft;
    std::vector<double> frame(n, 0.0);
    std::vector<std::complex<double>> spectrum;
    const float* x = input.data<float>();
    float* y = out->data<float>();
    for (int64_t ch = 0; ch < channels; ++ch) {
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t j = 0; j < window_; ++j) {
          frame[j] = x[(r * stride_ + j) * channels + ch] * hann[j];
        }
        fft.fwd(spectrum, frame);
        float* row = y + (ch * rows + r) * bins;
        for (int64_t k = 0; k < bins; ++k) {
          const double p = std::norm(spectrum[k]);
          // TF rounds the squared magnitude to float before the sqrt.
          const float pf = static_cast<float>(p);
          row[k] = magnitude_squared_ ? pf : std::sqrt(pf);
        }
      }
    }
  }

 private:
  int64_t window_ = 0;
  int64_t stride_ = 0;
  bool magnitude_squared_ = false;
};

}  // namespace

void RegisterAudioSpectrogramKernels(KernelRegistry* r) {
  r->Register<AudioSpectrogramOp>("AudioSpectrogram");
}

}  // namespace tfpersist
