// TF's AudioSpectrogram math (kernels/spectrogram.cc), naively: windows of
// `window` samples starting every `stride` samples (rows = 1 + (length -
// window) / stride, 0 when length < window), each multiplied by a periodic
// Hann window 0.5 - 0.5 cos(2 pi i / window), zero-padded to the next
// power of two n, and transformed by an O(n^2) DFT; bin k in [0, n/2] holds
// |X[k]|^2 (the kernel takes the square root unless magnitude_squared).
// The oracle of the FFT-based kernel. Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPECTROGRAM_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPECTROGRAM_H_

#include <cmath>
#include <cstdint>
#include <vector>

namespace tfpersist::reference {

inline int64_t NextPowerOfTwo(int64_t v) {
  int64_t p = 1;
  while (p < v) p <<= 1;
  return p;
}

inline std::vector<double> PeriodicHann(int64_t window) {
  const double pi = std::atan(1.0) * 4;
  std::vector<double> w(window);
  for (int64_t i = 0; i < window; ++i) {
    w[i] = 0.5 - 0.5 * std::cos((2 * pi * i) / window);
  }
  return w;
}

inline int64_t SpectrogramRows(int64_t length, int64_t window, int64_t stride) {
  return length < window ? 0 : 1 + (length - window) / stride;
}

// samples[length] (one channel) -> out[rows][n / 2 + 1] squared magnitudes.
inline void NaiveSquaredSpectrogram(const float* samples, int64_t length,
                                    int64_t window, int64_t stride,
                                    float* out) {
  const int64_t n = NextPowerOfTwo(window);
  const int64_t bins = n / 2 + 1;
  const std::vector<double> hann = PeriodicHann(window);
  const double pi = std::atan(1.0) * 4;
  const int64_t rows = SpectrogramRows(length, window, stride);
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = samples + r * stride;
    for (int64_t k = 0; k < bins; ++k) {
      double re = 0, im = 0;
      for (int64_t j = 0; j < window; ++j) {
        const double v = x[j] * hann[j];
        const double a = 2 * pi * static_cast<double>((j * k) % n) / n;
        re += v * std::cos(a);
        im -= v * std::sin(a);
      }
      out[r * bins + k] = static_cast<float>(re * re + im * im);
    }
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_SPECTROGRAM_H_
