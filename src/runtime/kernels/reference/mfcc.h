// TF's MFCC math (kernels/mfcc.cc, mfcc_mel_filterbank.cc, mfcc_dct.cc),
// used by the Mfcc kernel and as its oracle:
//   * mel(f) = 1127 ln(1 + f / 700);
//   * channels + 1 mel centers spaced evenly above mel(lower) up to
//     mel(upper); FFT bins from floor(1.5 + lower / hz_per_bin) to
//     floor(upper / hz_per_bin) (hz_per_bin = rate / 2 / (bins - 1)), DC
//     excluded as HTK does; each bin adds sqrt(power) * w to the channel
//     whose center is just below it and sqrt(power) * (1 - w) to the next
//     (triangular filters);
//   * log(max(energy, 1e-12));
//   * DCT-II with scale sqrt(2 / channels), the first `coefficients`.
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_MFCC_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_MFCC_H_

#include <cmath>
#include <vector>

namespace tfpersist::reference {

struct MfccTables {
  int num_channels = 0;
  int start_index = 0;
  int end_index = 0;
  std::vector<int> band_mapper;              // per bin; -2 = unused
  std::vector<double> weights;               // per bin
  std::vector<std::vector<double>> cosines;  // [coefficient][channel]
};

inline double FreqToMel(double freq) {
  return 1127.0 * std::log1p(freq / 700.0);
}

// TF's MfccMelFilterbank/MfccDct::Initialize; false where they fail
// (channels < 1, rate <= 0, bins < 2, lower < 0, upper <= lower,
// coefficients < 1 or > channels).
inline bool BuildMfccTables(int bins, double rate, int channels,
                            int coefficients, double lower, double upper,
                            MfccTables* t) {
  if (channels < 1 || rate <= 0 || bins < 2 || lower < 0 || upper <= lower ||
      coefficients < 1 || coefficients > channels) {
    return false;
  }
  t->num_channels = channels;
  std::vector<double> centers(channels + 1);
  const double mel_low = FreqToMel(lower);
  const double spacing = (FreqToMel(upper) - mel_low) / (channels + 1.0);
  for (int i = 0; i <= channels; ++i) centers[i] = mel_low + spacing * (i + 1);
  const double hz_per_bin = 0.5 * rate / (bins - 1.0);
  t->start_index = static_cast<int>(1.5 + lower / hz_per_bin);
  t->end_index = static_cast<int>(upper / hz_per_bin);
  t->band_mapper.assign(bins, -2);
  t->weights.assign(bins, 0.0);
  int channel = 0;
  for (int i = 0; i < bins; ++i) {
    if (i < t->start_index || i > t->end_index) continue;
    const double melf = FreqToMel(i * hz_per_bin);
    while (channel < channels && centers[channel] < melf) ++channel;
    const int c = channel - 1;
    t->band_mapper[i] = c;
    t->weights[i] =
        c >= 0 ? (centers[c + 1] - melf) / (centers[c + 1] - centers[c])
               : (centers[0] - melf) / (centers[0] - mel_low);
  }
  const double pi = std::atan(1.0) * 4;
  const double fnorm = std::sqrt(2.0 / channels);
  t->cosines.assign(coefficients, std::vector<double>(channels));
  for (int i = 0; i < coefficients; ++i) {
    for (int j = 0; j < channels; ++j) {
      t->cosines[i][j] = fnorm * std::cos(i * (pi / channels) * (j + 0.5));
    }
  }
  return true;
}

// One spectrogram frame (squared magnitudes, `bins` values, bins >
// end_index) to out[coefficients].
inline void MfccFrame(const MfccTables& t, const float* power, double* out) {
  std::vector<double> energy(t.num_channels, 0.0);
  for (int i = t.start_index; i <= t.end_index; ++i) {
    const double v = std::sqrt(static_cast<double>(power[i]));
    const double weighted = v * t.weights[i];
    const int c = t.band_mapper[i];
    if (c >= 0) energy[c] += weighted;
    if (c + 1 < t.num_channels) energy[c + 1] += v - weighted;
  }
  for (double& e : energy) e = std::log(e < 1e-12 ? 1e-12 : e);
  for (size_t k = 0; k < t.cosines.size(); ++k) {
    double sum = 0.0;
    for (int j = 0; j < t.num_channels; ++j) sum += t.cosines[k][j] * energy[j];
    out[k] = sum;
  }
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_MFCC_H_
