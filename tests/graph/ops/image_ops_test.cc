// OpDefs of image_ops.cc and nn_backprop_ops.cc against TF's registrations
// written out as text protos, and their shape functions.
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "ops_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

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

TEST(ImageOpsTest, OpDefsEqualTensorFlows) {
  // TF's T list names bfloat16 twice; the OpDef keeps both.
  ExpectOpDef(R"pb(
    name: "ResizeBilinear"
    input_arg { name: "images" type_attr: "T" }
    input_arg { name: "size" type: DT_INT32 }
    output_arg { name: "resized_images" type: DT_FLOAT }
    attr {
      name: "T"
      type: "type"
      allowed_values {
        list {
          type: [
            DT_INT8,
            DT_UINT8,
            DT_INT16,
            DT_UINT16,
            DT_INT32,
            DT_INT64,
            DT_BFLOAT16,
            DT_HALF,
            DT_FLOAT,
            DT_DOUBLE,
            DT_BFLOAT16
          ]
        }
      }
    }
    attr {
      name: "align_corners"
      type: "bool"
      default_value { b: false }
    }
    attr {
      name: "half_pixel_centers"
      type: "bool"
      default_value { b: false }
    }
  )pb");
  ExpectOpDef(R"pb(
    name: "NonMaxSuppressionV4"
    input_arg { name: "boxes" type_attr: "T" }
    input_arg { name: "scores" type_attr: "T" }
    input_arg { name: "max_output_size" type: DT_INT32 }
    input_arg { name: "iou_threshold" type_attr: "T_threshold" }
    input_arg { name: "score_threshold" type_attr: "T_threshold" }
    output_arg { name: "selected_indices" type: DT_INT32 }
    output_arg { name: "valid_outputs" type: DT_INT32 }
    attr {
      name: "T"
      type: "type"
      default_value { type: DT_FLOAT }
      allowed_values { list { type: [ DT_HALF, DT_FLOAT ] } }
    }
    attr {
      name: "T_threshold"
      type: "type"
      default_value { type: DT_FLOAT }
      allowed_values { list { type: [ DT_HALF, DT_FLOAT ] } }
    }
    attr {
      name: "pad_to_max_output_size"
      type: "bool"
      default_value { b: false }
    }
  )pb");
  ExpectOpDef(R"pb(
    name: "Conv2DBackpropInput"
    input_arg { name: "input_sizes" type: DT_INT32 }
    input_arg { name: "filter" type_attr: "T" }
    input_arg { name: "out_backprop" type_attr: "T" }
    output_arg { name: "output" type_attr: "T" }
    attr {
      name: "T"
      type: "type"
      allowed_values {
        list { type: [ DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32 ] }
      }
    }
    attr { name: "strides" type: "list(int)" }
    attr {
      name: "use_cudnn_on_gpu"
      type: "bool"
      default_value { b: true }
    }
    attr {
      name: "padding"
      type: "string"
      allowed_values { list { s: [ "SAME", "VALID", "EXPLICIT" ] } }
    }
    attr {
      name: "explicit_paddings"
      type: "list(int)"
      default_value { list {} }
    }
    attr {
      name: "data_format"
      type: "string"
      default_value { s: "NHWC" }
      allowed_values { list { s: [ "NHWC", "NCHW" ] } }
    }
    attr {
      name: "dilations"
      type: "list(int)"
      default_value { list { i: [ 1, 1, 1, 1 ] } }
    }
  )pb");
}

TEST(ImageOpsTest, ShapeFunctions) {
  Tensor size = Tensor::FromVector<int32_t>({32, 48});
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes s, InferShapes("ResizeBilinear", {}, {{-1, 8, 8, 3}, {2}},
                            {nullptr, &size}));
  EXPECT_EQ(s[0], PartialTensorShape({-1, 32, 48, 3}));
  EXPECT_THAT(InferShapes("ResizeNearestNeighbor", {}, {{8, 8, 3}, {2}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Shape must be rank 4 but is rank 3")));
  Tensor max_out = Tensor::Scalar<int32_t>(10);
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("NonMaxSuppressionV4",
                     {{"pad_to_max_output_size", MakeAttr(true)}},
                     {{5, 4}, {5}, {}, {}, {}},
                     {nullptr, nullptr, &max_out, nullptr, nullptr}));
  EXPECT_EQ(s[0], PartialTensorShape({10}));
  EXPECT_EQ(s[1], PartialTensorShape({}));
  EXPECT_THAT(InferShapes("NonMaxSuppressionV3", {}, {{5, 3}, {5}, {}, {}, {}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimensions must be equal, but are 3 and 4")));
  Tensor sizes = Tensor::FromVector<int32_t>({1, 16, 16, 3});
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("Conv2DBackpropInput",
                     {{"strides", MakeAttr(std::vector<int64_t>{1, 2, 2, 1})},
                      {"padding", MakeAttr("SAME")}},
                     {{4}, {3, 3, 3, 8}, {1, 8, 8, 8}}, {&sizes}));
  EXPECT_EQ(s[0], PartialTensorShape({1, 16, 16, 3}));
}

}  // namespace
}  // namespace tfpersist
