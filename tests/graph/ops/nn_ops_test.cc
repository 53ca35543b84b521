// Nn OpDefs (src/graph/ops/nn_ops.cc): TF's attr defaults and the shape
// functions of convolutions, pools, BiasAdd and FusedBatchNorm.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "ops_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using testing::AttrMap;
using testing::AttrOf;
using ::testing::HasSubstr;
using testing::InferShapes;
using testing::Shapes;
using testing::StatusIs;

AttrMap Window(std::vector<int64_t> strides, const char* padding) {
  return {{"strides", MakeAttr(strides)}, {"padding", MakeAttr(padding)}};
}

TEST(NnOpsTest, OpDefsMatchTensorFlow) {
  EXPECT_TRUE(AttrOf("FusedBatchNormV3", "is_training").default_value().b());
  EXPECT_FLOAT_EQ(AttrOf("FusedBatchNorm", "epsilon").default_value().f(),
                  0.0001f);
  EXPECT_FLOAT_EQ(AttrOf("LeakyRelu", "alpha").default_value().f(), 0.2f);
  EXPECT_EQ(AttrOf("MaxPool", "T").default_value().type(), DT_FLOAT);
  EXPECT_EQ(AttrOf("Conv2D", "data_format").default_value().s(), "NHWC");
  EXPECT_THAT(AttrOf("Conv2D", "dilations").default_value().list().i(),
              ::testing::ElementsAre(1, 1, 1, 1));
  EXPECT_EQ(AttrOf("MaxPool", "ksize").minimum(), 4);
  EXPECT_THAT(AttrOf("AvgPool", "padding").allowed_values().list().s(),
              ::testing::ElementsAre("SAME", "VALID"));
  EXPECT_EQ(AttrOf("LRN", "depth_radius").default_value().i(), 5);
  const auto* v3 = *OpRegistry::Global()->LookUpOpDef("FusedBatchNormV3");
  EXPECT_EQ(v3->output_arg_size(), 6);
}

TEST(NnOpsTest, ConvShapes) {
  // MobileNet's first conv: 224 -> 112 with SAME, stride 2.
  TFP_ASSERT_OK_AND_ASSIGN(Shapes s,
                           InferShapes("Conv2D", Window({1, 2, 2, 1}, "SAME"),
                                       {{-1, 224, 224, 3}, {3, 3, 3, 32}}));
  EXPECT_EQ(s[0], PartialTensorShape({-1, 112, 112, 32}));
  AttrMap explicit_pad = Window({1, 1, 1, 1}, "EXPLICIT");
  explicit_pad["explicit_paddings"] =
      MakeAttr(std::vector<int64_t>{0, 0, 1, 2, 0, 0, 0, 0});
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("Conv2D", explicit_pad, {{1, 5, 5, 2}, {3, 3, 2, 4}}));
  EXPECT_EQ(s[0], PartialTensorShape({1, 6, 3, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(
      s, InferShapes("DepthwiseConv2dNative", Window({1, 1, 1, 1}, "VALID"),
                     {{2, 7, 7, 8}, {3, 3, 8, 2}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 5, 5, 16}));
  EXPECT_THAT(InferShapes("Conv2D", Window({1, 1, 1, 1}, "VALID"),
                          {{1, 2, 2, 1}, {4, 4, 1, 1}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Computed output size would be negative")));
}

TEST(NnOpsTest, PoolShapes) {
  AttrMap attrs = Window({1, 2, 2, 1}, "SAME");
  attrs["ksize"] = MakeAttr(std::vector<int64_t>{1, 2, 2, 1});
  TFP_ASSERT_OK_AND_ASSIGN(Shapes s,
                           InferShapes("MaxPool", attrs, {{-1, 28, 28, 32}}));
  EXPECT_EQ(s[0], PartialTensorShape({-1, 14, 14, 32}));
  attrs = Window({1, 1, 1, 1}, "VALID");
  attrs["ksize"] = MakeAttr(std::vector<int64_t>{1, 7, 7, 1});
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("AvgPool", attrs, {{2, 7, 7, 1024}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 1, 1, 1024}));
}

TEST(NnOpsTest, BiasAddSoftmaxAndBatchNormShapes) {
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes s, InferShapes("BiasAdd", {{"data_format", MakeAttr("NCHW")}},
                            {{2, -1, 4, 4}, {3}}));
  EXPECT_EQ(s[0], PartialTensorShape({2, 3, 4, 4}));
  EXPECT_THAT(InferShapes("BiasAdd", {}, {{2, 4}, {3}}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimensions must be equal, but are 4 and 3")));
  TFP_ASSERT_OK_AND_ASSIGN(s, InferShapes("Softmax", {}, {{-1, 10}}));
  EXPECT_EQ(s[0], PartialTensorShape({-1, 10}));
  EXPECT_THAT(InferShapes("Softmax", {}, {PartialTensorShape({})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Shape must be at least rank 1 but is rank "
                                 "0")));
  TFP_ASSERT_OK_AND_ASSIGN(s,
                           InferShapes("FusedBatchNormV3", {},
                                       {{8, 7, 7, 16}, {16}, {16}, {0}, {0}}));
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0], PartialTensorShape({8, 7, 7, 16}));
  EXPECT_EQ(s[1], PartialTensorShape({16}));
}

}  // namespace
}  // namespace tfpersist
