// DecodeWav / EncodeWav on WAV bytes assembled by hand in the test (the
// expected floats are the s16 samples / 32768), hostile headers, and TF's
// desired_channels / desired_samples rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

void Put(std::string* s, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s->push_back(static_cast<char>(v >> (8 * i)));
}

struct WavSpec {
  uint16_t channels = 1;
  uint32_t rate = 16000;
  uint16_t bits = 16;
  uint32_t fmt_size = 16;
  std::string before_fmt;  // raw chunks between WAVE and fmt
  int64_t data_size = -1;  // -1: 2 * samples.size()
};

std::string MakeWav(const std::vector<int16_t>& samples, WavSpec w = {}) {
  std::string s = "RIFF";
  Put(&s, 0, 4);  // TF ignores the RIFF size
  s += "WAVE" + w.before_fmt + "fmt ";
  Put(&s, w.fmt_size, 4);
  Put(&s, 1, 2);
  Put(&s, w.channels, 2);
  Put(&s, w.rate, 4);
  Put(&s, uint64_t{w.rate} * 2 * w.channels, 4);
  Put(&s, 2 * w.channels, 2);
  Put(&s, w.bits, 2);
  if (w.fmt_size == 18) Put(&s, 0, 2);
  s += "LIST";  // a chunk TF skips after fmt
  Put(&s, 2, 4);
  s += "ab";
  s += "data";
  Put(&s, w.data_size >= 0 ? w.data_size : 2 * samples.size(), 4);
  for (int16_t v : samples) Put(&s, static_cast<uint16_t>(v), 2);
  return s;
}

KernelTester Decode(const std::string& bytes, int64_t channels = -1,
                    int64_t samples = -1) {
  KernelTester t("DecodeWav");
  t.Input(Tensor::Scalar<std::string>(bytes))
      .Attr("desired_channels", channels)
      .Attr("desired_samples", samples);
  return t;
}

TEST(DecodeWavTest, StereoSamplesAndRate) {
  std::string wav =
      MakeWav({0, 16384, -32768, 32767, 1, -1}, {.channels = 2, .rate = 8000});
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> out, Decode(wav).Run());
  EXPECT_THAT(
      out[0],
      testing::TensorEq(Tensor::FromVector<float>(
          {0.0f, 0.5f, -1.0f, 32767 / 32768.0f, 1 / 32768.0f, -1 / 32768.0f},
          TensorShape({3, 2}))));
  EXPECT_THAT(out[1], testing::TensorEq(Tensor::Scalar<int32_t>(8000)));
}

TEST(DecodeWavTest, DesiredChannelsAndSamplesCropPadAndDuplicate) {
  std::string wav = MakeWav({100, 200, 300, 400}, {.channels = 2});
  // 1 channel: the first; 3 channels: the last one duplicated; 3 samples:
  // zero-padded.
  EXPECT_THAT(Decode(wav, 1, 1).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({100 / 32768.0f},
                                                    TensorShape({1, 1}))));
  const float a = 100 / 32768.0f, b = 200 / 32768.0f, c = 300 / 32768.0f,
              d = 400 / 32768.0f;
  EXPECT_THAT(Decode(wav, 3, 3).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({a, b, b, c, d, d, 0, 0, 0},
                                                    TensorShape({3, 3}))));
}

TEST(DecodeWavTest, SkipsPaddingChunksAndTheFmtExtension) {
  std::string junk = "JUNK";
  Put(&junk, 3, 4);
  junk += "xyz";
  std::string wav = MakeWav({7}, {.fmt_size = 18, .before_fmt = junk});
  EXPECT_THAT(Decode(wav).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({7 / 32768.0f},
                                                    TensorShape({1, 1}))));
}

TEST(DecodeWavTest, HostileAndBrokenHeadersAreInvalidArgument) {
  const std::string good = MakeWav({1, 2, 3});
  auto fails = [](const std::string& bytes, const std::string& msg) {
    EXPECT_THAT(Decode(bytes).Run(),
                StatusIs(StatusCode::kInvalidArgument, HasSubstr(msg)))
        << msg;
  };
  fails("RIFX" + good.substr(4),
        "Header mismatch: Expected RIFF but found RIFX");
  fails(MakeWav({1}, {.bits = 8}),
        "Can only read 16-bit WAV files, but received 8");
  fails(MakeWav({1}, {.channels = 0}), "Expected at least 1, but got 0");
  fails(MakeWav({1}, {.fmt_size = 20}), "Expected 16 or 18, but got20");
  fails(MakeWav({1}, {.before_fmt = "ABCD"}), "Unexpected field ABCD");
  // A data chunk declaring 2 GB on a tiny input: refused before allocating.
  fails(MakeWav({1}, {.data_size = 0x7ffffffe}),
        "Data too short when trying to read string");
  fails(MakeWav({1}, {.data_size = 0x90000000}), "is too large");
  std::string no_data = good.substr(0, good.find("data"));
  fails(no_data, "No data chunk found in WAV");
  std::string two = good + "data";
  Put(&two, 0, 4);
  fails(two, "More than one data chunk found in WAV");
  // Every truncation of a valid file fails cleanly (or, cut inside the data,
  // is refused rather than read past the end).
  for (size_t n = 0; n + 1 < good.size(); ++n) {
    EXPECT_FALSE(Decode(good.substr(0, n)).Run().ok()) << n;
  }
  EXPECT_THAT(KernelTester("DecodeWav")
                  .Input(Tensor::FromVector<std::string>({good}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("contents must be scalar, got shape [1]")));
}

TEST(EncodeWavTest, RoundTripsThroughDecodeAndClamps) {
  Tensor audio = Tensor::FromVector<float>({0.5f, -0.25f, 2.0f, -3.0f},
                                           TensorShape({2, 2}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor bytes, KernelTester("EncodeWav")
                                             .Input(audio)
                                             .ScalarInput<int32_t>(44100)
                                             .RunOutput());
  const std::string& s = bytes.scalar<std::string>();
  ASSERT_EQ(s.size(), 44u + 8u);
  EXPECT_EQ(s.substr(0, 4), "RIFF");
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> back, Decode(s).Run());
  EXPECT_THAT(back[0], testing::TensorEq(Tensor::FromVector<float>(
                           {0.5f, -0.25f, 32767 / 32768.0f, -1.0f},
                           TensorShape({2, 2}))));
  EXPECT_THAT(back[1], testing::TensorEq(Tensor::Scalar<int32_t>(44100)));
  EXPECT_THAT(
      KernelTester("EncodeWav").Input(audio).ScalarInput<int32_t>(0).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("sample_rate must be in (0, 2^32), got: 0")));
  EXPECT_THAT(KernelTester("EncodeWav")
                  .Input(Tensor(DT_FLOAT, TensorShape({3, 0})))
                  .ScalarInput<int32_t>(8000)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("num_channels must be in (0, 2^16), got: 0")));
}

}  // namespace
}  // namespace tfpersist
