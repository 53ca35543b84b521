// OpDefs of the TensorArray V3 family (tensor_array_ops.cc) and the audio
// ops (audio_ops.cc) against TF's registrations written out as text protos
// (as core/ops/compat/ops_history_v2 holds them), and their shape
// functions.
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "ops_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using testing::AttrMap;
using ::testing::HasSubstr;
using testing::InferShapes;
using testing::Shapes;
using testing::StatusIs;

void ExpectOpDef(const std::string& text) {
  tensorflow::OpDef want;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &want));
  auto ours = OpRegistry::Global()->LookUpOpDef(want.name());
  ASSERT_TRUE(ours.ok()) << want.name();
  std::string diff;
  google::protobuf::util::MessageDifferencer d;
  d.ReportDifferencesToString(&diff);
  EXPECT_TRUE(d.Compare(**ours, want)) << want.name() << ": " << diff;
}

TEST(TensorArrayOpsTest, OpDefsEqualTensorFlows) {
  ExpectOpDef(R"pb(
    name: "TensorArrayV3"
    input_arg { name: "size" type: DT_INT32 }
    output_arg { name: "handle" type: DT_RESOURCE }
    output_arg { name: "flow" type: DT_FLOAT }
    attr { name: "dtype" type: "type" }
    attr {
      name: "element_shape"
      type: "shape"
      default_value { shape { unknown_rank: true } }
    }
    attr {
      name: "dynamic_size"
      type: "bool"
      default_value { b: false }
    }
    attr {
      name: "clear_after_read"
      type: "bool"
      default_value { b: true }
    }
    attr {
      name: "identical_element_shapes"
      type: "bool"
      default_value { b: false }
    }
    attr {
      name: "tensor_array_name"
      type: "string"
      default_value { s: "" }
    }
    is_stateful: true)pb");
  ExpectOpDef(R"pb(
    name: "TensorArrayReadV3"
    input_arg { name: "handle" type: DT_RESOURCE }
    input_arg { name: "index" type: DT_INT32 }
    input_arg { name: "flow_in" type: DT_FLOAT }
    output_arg { name: "value" type_attr: "dtype" }
    attr { name: "dtype" type: "type" }
    is_stateful: true)pb");
  ExpectOpDef(R"pb(
    name: "TensorArraySplitV3"
    input_arg { name: "handle" type: DT_RESOURCE }
    input_arg { name: "value" type_attr: "T" }
    input_arg { name: "lengths" type: DT_INT64 }
    input_arg { name: "flow_in" type: DT_FLOAT }
    output_arg { name: "flow_out" type: DT_FLOAT }
    attr { name: "T" type: "type" }
    is_stateful: true)pb");
  ExpectOpDef(R"pb(
    name: "TensorArrayCloseV3"
    input_arg { name: "handle" type: DT_RESOURCE }
    is_stateful: true)pb");
}

TEST(AudioOpsTest, OpDefsEqualTensorFlows) {
  ExpectOpDef(R"pb(
    name: "DecodeWav"
    input_arg { name: "contents" type: DT_STRING }
    output_arg { name: "audio" type: DT_FLOAT }
    output_arg { name: "sample_rate" type: DT_INT32 }
    attr {
      name: "desired_channels"
      type: "int"
      default_value { i: -1 }
    }
    attr {
      name: "desired_samples"
      type: "int"
      default_value { i: -1 }
    })pb");
  ExpectOpDef(R"pb(
    name: "AudioSpectrogram"
    input_arg { name: "input" type: DT_FLOAT }
    output_arg { name: "spectrogram" type: DT_FLOAT }
    attr { name: "window_size" type: "int" }
    attr { name: "stride" type: "int" }
    attr {
      name: "magnitude_squared"
      type: "bool"
      default_value { b: false }
    })pb");
  ExpectOpDef(R"pb(
    name: "Mfcc"
    input_arg { name: "spectrogram" type: DT_FLOAT }
    input_arg { name: "sample_rate" type: DT_INT32 }
    output_arg { name: "output" type: DT_FLOAT }
    attr {
      name: "upper_frequency_limit"
      type: "float"
      default_value { f: 4000 }
    }
    attr {
      name: "lower_frequency_limit"
      type: "float"
      default_value { f: 20 }
    }
    attr {
      name: "filterbank_channel_count"
      type: "int"
      default_value { i: 40 }
    }
    attr {
      name: "dct_coefficient_count"
      type: "int"
      default_value { i: 13 }
    })pb");
}

TEST(TensorArrayOpsTest, ShapeFunctions) {
  TFP_ASSERT_OK_AND_ASSIGN(Shapes s, InferShapes("TensorArrayV3", {}, {{}}));
  EXPECT_EQ(s[0], PartialTensorShape({2}));
  EXPECT_EQ(s[1], PartialTensorShape({}));
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("TensorArrayGatherV3",
                     {{"element_shape", MakeAttr(PartialTensorShape({-1, 4}))}},
                     {{2}, {7}, {}}));
  EXPECT_EQ(s[0], PartialTensorShape({7, -1, 4}));
  EXPECT_THAT(InferShapes("TensorArrayReadV3", {}, {{3}, {}, {}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimensions must be equal, but are 3 and 2")));
  EXPECT_THAT(InferShapes("TensorArrayWriteV3", {}, {{2}, {1}, {}, {}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Shape must be rank 0 but is rank 1")));
}

TEST(AudioOpsTest, ShapeFunctions) {
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes s, InferShapes("DecodeWav",
                            {{"desired_channels", MakeAttr(int64_t{1})},
                             {"desired_samples", MakeAttr(int64_t{16000})}},
                            {{}}));
  EXPECT_EQ(s[0], PartialTensorShape({16000, 1}));
  AttrMap spec = {{"window_size", MakeAttr(int64_t{480})},
                  {"stride", MakeAttr(int64_t{160})}};
  TFP_ASSERT_OK_AND_ASSIGN(s,
                           InferShapes("AudioSpectrogram", spec, {{16000, 1}}));
  EXPECT_EQ(s[0], PartialTensorShape({1, 98, 257}));
  TFP_ASSERT_OK_AND_ASSIGN(s,
                           InferShapes("AudioSpectrogram", spec, {{100, 2}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 0, 257}));
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("Mfcc", {}, {{1, 98, 257}, {}}));
  EXPECT_EQ(s[0], PartialTensorShape({1, 98, 13}));
  spec["stride"] = MakeAttr(int64_t{0});
  EXPECT_THAT(InferShapes("AudioSpectrogram", spec, {{16000, 1}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("stride must be strictly positive, got 0")));
  EXPECT_THAT(InferShapes("DecodeWav",
                          {{"desired_samples", MakeAttr(int64_t{-5})}}, {{}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("samples must be non-negative, got -5")));
}

}  // namespace
}  // namespace tfpersist
