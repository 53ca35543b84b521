// Audio ops of TF's speech-commands pipeline (DecodeWav, EncodeWav,
// AudioSpectrogram, Mfcc): OpDefs and shape functions as TF's
// core/ops/audio_ops.cc.
#include <cstdint>

#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// -1 means unknown; otherwise the attr must be >= 0.
StatusOr<int64_t> DesiredDim(const tensorflow::NodeDef& node,
                             std::string_view attr, std::string_view what) {
  TFP_ASSIGN_OR_RETURN(int64_t v, GetIntAttr(node, attr));
  if (v == -1) return int64_t{-1};
  if (v < 0) {
    return errors::InvalidArgument(what, " must be non-negative, got ", v);
  }
  return v;
}

Status DecodeWavShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 0, &unused));
  TFP_ASSIGN_OR_RETURN(
      int64_t channels,
      DesiredDim(c->node_def(), "desired_channels", "channels"));
  TFP_ASSIGN_OR_RETURN(int64_t samples,
                       DesiredDim(c->node_def(), "desired_samples", "samples"));
  c->set_output(0, PartialTensorShape({samples, channels}));
  c->set_output(1, PartialTensorShape({}));
  return OkStatus();
}

Status EncodeWavShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &unused));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  return ScalarShape(c);
}

int64_t NextPowerOfTwo(int64_t v) {
  int64_t p = 1;
  while (p < v) p <<= 1;
  return p;
}

// [channels, 1 + (length - window) / stride (0 if negative),
//  1 + NextPowerOfTwo(window) / 2]; input is [length, channels].
Status SpectrogramShape(InferenceContext* c) {
  PartialTensorShape in;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 2, &in));
  TFP_ASSIGN_OR_RETURN(int64_t window,
                       GetIntAttr(c->node_def(), "window_size"));
  if (window <= 1) {
    return errors::InvalidArgument("window size must be > 1, got ", window);
  }
  TFP_ASSIGN_OR_RETURN(int64_t stride, GetIntAttr(c->node_def(), "stride"));
  if (stride <= 0) {
    return errors::InvalidArgument("stride must be strictly positive, got ",
                                   stride);
  }
  int64_t rows = -1;
  if (in.dim_size(0) >= 0) {
    const int64_t rest = in.dim_size(0) - window;
    rows = rest < 0 ? 0 : 1 + rest / stride;
  }
  c->set_output(0, PartialTensorShape(
                       {in.dim_size(1), rows, 1 + NextPowerOfTwo(window) / 2}));
  return OkStatus();
}

Status MfccShape(InferenceContext* c) {
  PartialTensorShape spec, unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 3, &spec));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 0, &unused));
  TFP_ASSIGN_OR_RETURN(int64_t count,
                       GetIntAttr(c->node_def(), "dct_coefficient_count"));
  c->set_output(
      0, PartialTensorShape({spec.dim_size(0), spec.dim_size(1), count}));
  return OkStatus();
}

}  // namespace

// A table, one registration statement per op.
void RegisterAudioOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("DecodeWav")
                   .Input("contents: string")
                   .Attr("desired_channels: int = -1")
                   .Attr("desired_samples: int = -1")
                   .Output("audio: float")
                   .Output("sample_rate: int32")
                   .SetShapeFn(DecodeWavShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("EncodeWav")
                   .Input("audio: float")
                   .Input("sample_rate: int32")
                   .Output("contents: string")
                   .SetShapeFn(EncodeWavShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AudioSpectrogram")
                   .Input("input: float")
                   .Attr("window_size: int")
                   .Attr("stride: int")
                   .Attr("magnitude_squared: bool = false")
                   .Output("spectrogram: float")
                   .SetShapeFn(SpectrogramShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Mfcc")
                   .Input("spectrogram: float")
                   .Input("sample_rate: int32")
                   .Attr("upper_frequency_limit: float = 4000")
                   .Attr("lower_frequency_limit: float = 20")
                   .Attr("filterbank_channel_count: int = 40")
                   .Attr("dct_coefficient_count: int = 13")
                   .Output("output: float")
                   .SetShapeFn(MfccShape)
                   .Finalize(r));
}

}  // namespace tfpersist
