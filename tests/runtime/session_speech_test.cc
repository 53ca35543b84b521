// A speech-commands graph as TF's audio-recognition tutorial freezes it
// (wav_data string -> DecodeWav -> AudioSpectrogram -> Mfcc -> Reshape ->
// Conv2D/BiasAdd/Relu/MaxPool -> MatMul logits), run on WAV bytes that
// Python's `wave` module writes, against an independent numpy
// re-implementation of TF's spectrogram / MFCC math and of the conv head.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "graph/node_def_util.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::tfpersist::testing::TensorNear;

// Writes in.wav (1 s at 16 kHz: two tones and noise, or `argv[3]` Hz
// stereo when asked), then TF's pipeline in numpy: spectrogram (periodic
// Hann, rfft zero-padded to a power of two, |X|^2 rounded to float32), MFCC
// (mel triangles, log floor 1e-12, DCT-II scaled sqrt(2/N)), and the conv
// head (SAME conv, bias, relu, 2x2 SAME max pool, matmul).
const char kNumpySpeech[] = R"PY(
import sys, wave, numpy as np
d = sys.argv[1]
rate, n = 16000, 16000
t = np.arange(n) / rate
rng = np.random.default_rng(0)
sig = 0.4*np.sin(2*np.pi*440*t) + 0.2*np.sin(2*np.pi*1250*t*(1+t)) \
      + 0.05*rng.standard_normal(n)
pcm = np.clip(np.round(sig*32768), -32768, 32767).astype('<i2')
with wave.open(d + '/in.wav', 'wb') as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
    w.writeframes(pcm.tobytes())
with wave.open(d + '/in.wav', 'rb') as w:
    x = np.frombuffer(w.readframes(w.getnframes()), '<i2') / 32768.0
window, stride = 480, 160
nfft = 1 << (window - 1).bit_length()
hann = 0.5 - 0.5*np.cos(2*np.pi*np.arange(window)/window)
rows = 1 + (len(x) - window)//stride
frames = np.stack([x[r*stride:r*stride+window]*hann for r in range(rows)])
spec = (np.abs(np.fft.rfft(frames, n=nfft, axis=1))**2).astype(np.float32)
np.save(d + '/spectrogram.npy', spec[None])
def mel(f): return 1127.0*np.log1p(f/700.0)
lo, hi, nch, ncoef = 20.0, 4000.0, 40, 40
bins = spec.shape[1]
centers = mel(lo) + (mel(hi) - mel(lo))/(nch + 1)*np.arange(1, nch + 2)
hz = 0.5*rate/(bins - 1)
W = np.zeros((bins, nch))
for i in range(int(1.5 + lo/hz), int(hi/hz) + 1):
    m = mel(i*hz)
    c = int(np.sum(centers[:nch] < m)) - 1
    w = (centers[c+1] - m)/(centers[c+1] - centers[c]) if c >= 0 \
        else (centers[0] - m)/(centers[0] - mel(lo))
    if c >= 0: W[i, c] += w
    if c + 1 < nch: W[i, c+1] += 1 - w
energy = np.log(np.maximum(np.sqrt(spec.astype(np.float64)) @ W, 1e-12))
k, j = np.meshgrid(np.arange(ncoef), np.arange(nch), indexing='ij')
dct = np.sqrt(2.0/nch)*np.cos(np.pi*k*(j + 0.5)/nch)
mfcc = (energy @ dct.T).astype(np.float32)
np.save(d + '/mfcc.npy', mfcc[None])
f = np.load(d + '/filter.npy').astype(np.float64)   # [kh, kw, 1, co]
b = np.load(d + '/bias.npy').astype(np.float64)
wl = np.load(d + '/weights.npy').astype(np.float64)
kh, kw, _, co = f.shape
img = mfcc.astype(np.float64)
p = np.pad(img, (((kh-1)//2, kh//2), ((kw-1)//2, kw//2)))
conv = np.zeros(img.shape + (co,))
for a in range(kh):
    for c in range(kw):
        conv += p[a:a+img.shape[0], c:c+img.shape[1], None]*f[a, c, 0]
act = np.maximum(conv + b, 0)
H, Wd = (act.shape[0] + 1)//2, (act.shape[1] + 1)//2
pad = np.full((2*H, 2*Wd, co), -np.inf); pad[:act.shape[0], :act.shape[1]] = act
pool = pad.reshape(H, 2, Wd, 2, co).max(axis=(1, 3))
np.save(d + '/logits.npy', (pool.reshape(1, -1) @ wl).astype(np.float32))
)PY";

bool HaveDebianNumpy() {
  return std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
}

Tensor Uniform(const TensorShape& shape, uint32_t seed, float scale) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-scale, scale);
  Tensor t(DT_FLOAT, shape);
  for (float& v : t.flat<float>()) v = u(rng);
  return t;
}

Output I32s(GraphBuilder& b, std::vector<int32_t> v, std::string_view name) {
  return Constant(b, Tensor::FromVector(v), name);
}

// The frozen conv model of the tutorial, reduced to one small conv layer.
StatusOr<tensorflow::GraphDef> SpeechGraph(const Tensor& filter,
                                           const Tensor& bias,
                                           const Tensor& weights) {
  Graph graph;
  GraphBuilder b(&graph);
  Output wav = Placeholder(b, DT_STRING, PartialTensorShape({}), "wav_data");
  Node* decoded = b.AddNode("DecodeWav", "decoded_sample_data", {wav},
                            {{"desired_channels", MakeAttr(int64_t{1})},
                             {"desired_samples", MakeAttr(int64_t{16000})}});
  Output spec =
      AddOp(b, "AudioSpectrogram", "AudioSpectrogram", {Output{decoded, 0}},
            {{"window_size", MakeAttr(int64_t{480})},
             {"stride", MakeAttr(int64_t{160})},
             {"magnitude_squared", MakeAttr(true)}});
  Output mfcc = AddOp(b, "Mfcc", "Mfcc", {spec, Output{decoded, 1}},
                      {{"dct_coefficient_count", MakeAttr(int64_t{40})}});
  Output flat = Reshape(b, mfcc, I32s(b, {-1, 3920}, "Reshape/shape"));
  Output image = Reshape(b, flat, I32s(b, {-1, 98, 40, 1}, "Reshape_1/shape"),
                         "Reshape_1");
  Output conv = AddOp(b, "Conv2D", "Conv2D",
                      {image, Constant(b, filter, "first_weights")},
                      {{"strides", MakeAttr(std::vector<int64_t>{1, 1, 1, 1})},
                       {"padding", MakeAttr("SAME")}});
  Output biased =
      AddOp(b, "BiasAdd", "add", {conv, Constant(b, bias, "first_bias")});
  Output relu = AddOp(b, "Relu", "Relu", {biased});
  Output pool = AddOp(b, "MaxPool", "MaxPool", {relu},
                      {{"ksize", MakeAttr(std::vector<int64_t>{1, 2, 2, 1})},
                       {"strides", MakeAttr(std::vector<int64_t>{1, 2, 2, 1})},
                       {"padding", MakeAttr("SAME")}});
  Output flat_pool = Reshape(
      b, pool, I32s(b, {-1, 49 * 20 * 3}, "Reshape_2/shape"), "Reshape_2");
  MatMul(b, flat_pool, Constant(b, weights, "final_fc_weights"), false, false,
         "labels_softmax_logits");
  TFP_RETURN_IF_ERROR(b.status());
  return graph.ToGraphDef();
}

TEST(SpeechCommandsGraphTest, MatchesNumpyMfccAndConvHead) {
  if (!HaveDebianNumpy()) GTEST_SKIP() << "/usr/bin/python3 lacks numpy";
  const std::string dir = testing::NewTempDir("speech");
  Env* env = Env::Default();
  Tensor filter = Uniform(TensorShape({5, 4, 1, 3}), 1, 0.1f);
  Tensor bias = Uniform(TensorShape({3}), 2, 0.5f);
  Tensor weights = Uniform(TensorShape({49 * 20 * 3, 4}), 3, 0.01f);
  TFP_ASSERT_OK(WriteNpy(env, dir + "/filter.npy", filter));
  TFP_ASSERT_OK(WriteNpy(env, dir + "/bias.npy", bias));
  TFP_ASSERT_OK(WriteNpy(env, dir + "/weights.npy", weights));
  TFP_ASSERT_OK(WriteStringToFile(env, dir + "/speech.py", kNumpySpeech));
  ASSERT_EQ(
      std::system(("/usr/bin/python3 " + dir + "/speech.py " + dir).c_str()),
      0);
  TFP_ASSERT_OK_AND_ASSIGN(std::string wav_bytes,
                           ReadFileToString(env, dir + "/in.wav"));

  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef g,
                           SpeechGraph(filter, bias, weights));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run(
      {{"wav_data", Tensor::Scalar<std::string>(wav_bytes)}},
      {"AudioSpectrogram:0", "Mfcc:0", "labels_softmax_logits:0"}, {}, &out));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor spec, ReadNpy(env, dir + "/spectrogram.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor mfcc, ReadNpy(env, dir + "/mfcc.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor logits, ReadNpy(env, dir + "/logits.npy"));
  ASSERT_EQ(out[1].shape(), TensorShape({1, 98, 40}));
  // Spectrogram values reach ~1e4: compare relative to that scale.
  EXPECT_THAT(out[0], TensorNear(spec, 1e-2));
  EXPECT_THAT(out[1], TensorNear(mfcc, 1e-4));
  EXPECT_THAT(out[2], TensorNear(logits, 1e-4));
}

}  // namespace
}  // namespace tfpersist
