// AudioSpectrogram (Eigen FFT) against the naive DFT of
// reference/spectrogram.h; Mfcc's attrs, shapes and errors (its values are
// checked against numpy in tests/runtime/session_speech_test.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "runtime/kernels/reference/spectrogram.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

Tensor RandomAudio(int64_t length, int64_t channels, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1, 1);
  Tensor t(DT_FLOAT, TensorShape({length, channels}));
  for (float& v : t.flat<float>()) v = u(rng);
  return t;
}

// [channels, rows, bins] from the naive reference, channel by channel.
Tensor Reference(const Tensor& audio, int64_t window, int64_t stride,
                 bool squared) {
  const int64_t length = audio.dim_size(0), channels = audio.dim_size(1);
  const int64_t rows = reference::SpectrogramRows(length, window, stride);
  const int64_t bins = reference::NextPowerOfTwo(window) / 2 + 1;
  Tensor out(DT_FLOAT, TensorShape({channels, rows, bins}));
  std::vector<float> mono(length);
  for (int64_t c = 0; c < channels; ++c) {
    for (int64_t i = 0; i < length; ++i) {
      mono[i] = audio.flat<float>()[i * channels + c];
    }
    float* o = out.data<float>() + c * rows * bins;
    reference::NaiveSquaredSpectrogram(mono.data(), length, window, stride, o);
    if (!squared) {
      for (int64_t k = 0; k < rows * bins; ++k) o[k] = std::sqrt(o[k]);
    }
  }
  return out;
}

StatusOr<Tensor> Spectrogram(const Tensor& audio, int64_t window,
                             int64_t stride, bool squared) {
  return KernelTester("AudioSpectrogram")
      .Input(audio)
      .Attr("window_size", window)
      .Attr("stride", stride)
      .Attr("magnitude_squared", squared)
      .RunOutput();
}

struct SpecCase {
  int64_t length, channels, window, stride;
  bool squared;
};

class AudioSpectrogramTest : public ::testing::TestWithParam<SpecCase> {};

TEST_P(AudioSpectrogramTest, MatchesNaiveDft) {
  const SpecCase& k = GetParam();
  Tensor audio = RandomAudio(k.length, k.channels, 7);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor got,
                           Spectrogram(audio, k.window, k.stride, k.squared));
  EXPECT_THAT(
      got, TensorNear(Reference(audio, k.window, k.stride, k.squared), 1e-3));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AudioSpectrogramTest,
    ::testing::Values(SpecCase{1000, 1, 256, 128, true},  // power of two
                      SpecCase{1600, 2, 480, 160,
                               false},                  // speech: pads to 512
                      SpecCase{37, 1, 5, 3, true},      // tiny, odd
                      SpecCase{100, 1, 100, 7, false},  // exactly one frame
                      SpecCase{10, 3, 16, 4, true}));   // window > length

TEST(AudioSpectrogramTest, ShapeAndErrors) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor none,
                           Spectrogram(RandomAudio(10, 3, 1), 16, 4, true));
  EXPECT_EQ(none.shape(), TensorShape({3, 0, 9}));
  EXPECT_THAT(Spectrogram(RandomAudio(10, 1, 1), 1, 4, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Spectrogram initialization failed for window "
                                 "size 1 and stride 4")));
  EXPECT_THAT(
      Spectrogram(RandomAudio(10, 1, 1), 4, 0, true),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("and stride 0")));
  EXPECT_THAT(Spectrogram(Tensor::FromVector<float>({1, 2, 3}), 2, 1, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be 2-dimensional")));
}

KernelTester Mfcc(const Tensor& spec, int32_t rate) {
  KernelTester t("Mfcc");
  t.Input(spec).ScalarInput<int32_t>(rate);
  return t;
}

TEST(MfccTest, ShapeFollowsTheCoefficientCount) {
  Tensor spec = Tensor::Zeros(DT_FLOAT, TensorShape({2, 3, 257}));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out,
      Mfcc(spec, 16000).Attr("dct_coefficient_count", int64_t{5}).RunOutput());
  EXPECT_EQ(out.shape(), TensorShape({2, 3, 5}));
  // All-zero power: every channel is log(1e-12); the DCT of a constant is
  // sqrt(2/40) * 40 * log(1e-12) at coefficient 0 and ~0 elsewhere.
  EXPECT_NEAR(out.flat<float>()[0], std::sqrt(2.0 / 40) * 40 * std::log(1e-12),
              1e-3);
  EXPECT_NEAR(out.flat<float>()[1], 0.0, 1e-3);
}

TEST(MfccTest, InitializationErrorsAreTfs) {
  Tensor spec = Tensor::Zeros(DT_FLOAT, TensorShape({1, 1, 257}));
  const char kInit[] =
      "Mfcc initialization failed for channel count 257 and sample rate";
  EXPECT_THAT(Mfcc(spec, 0).Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(kInit)));
  EXPECT_THAT(
      Mfcc(spec, 16000).Attr("dct_coefficient_count", int64_t{41}).Run(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr(kInit)));
  EXPECT_THAT(Mfcc(spec, 16000).Attr("lower_frequency_limit", 5000.0f).Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(kInit)));
  EXPECT_THAT(Mfcc(spec, 16000).Attr("upper_frequency_limit", 9000.0f).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input too short to compute filterbank")));
  EXPECT_THAT(Mfcc(spec, 16000)
                  .Attr("filterbank_channel_count", int64_t{1} << 30)
                  .Run(),
              StatusIs(StatusCode::kResourceExhausted, HasSubstr("too large")));
  EXPECT_THAT(Mfcc(Tensor::Zeros(DT_FLOAT, TensorShape({2, 257})), 16000).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("spectrogram must be 3-dimensional")));
  EXPECT_THAT(KernelTester("Mfcc").Input(spec).Input<int32_t>({16000}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input sample_rate should be a scalar tensor, "
                                 "got [1] instead.")));
}

}  // namespace
}  // namespace tfpersist
