// NonMaxSuppressionV2..V5 and CropAndResize on hand-computed cases (the
// examples of TF's documentation and tests), with TF's errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

// TF's non_max_suppression test boxes: three overlapping around y=0, two
// around y=10, one at y=100 (corners given in mixed order in one box).
const Tensor kBoxes = Tensor::FromVector<float>(
    {0, 0,  1, 1,  0, 0.1f,  1, 1.1f,  0, -0.1f, 1, 0.9f,
     0, 10, 1, 11, 1, 10.1f, 0, 11.1f, 0, 100,   1, 101},
    TensorShape({6, 4}));
const Tensor kScores =
    Tensor::FromVector<float>({0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f});

KernelTester Nms(const char* op, int32_t max_out, float iou) {
  KernelTester t(op);
  t.Input(kBoxes)
      .Input(kScores)
      .ScalarInput<int32_t>(max_out)
      .ScalarInput<float>(iou);
  return t;
}

TEST(NonMaxSuppressionTest, SelectsGreedilyByScore) {
  EXPECT_THAT(Nms("NonMaxSuppressionV2", 3, 0.5f).RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({3, 0, 5})));
  EXPECT_THAT(Nms("NonMaxSuppressionV2", 2, 0.5f).RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({3, 0})));
  // The score threshold drops box 5 (0.3).
  EXPECT_THAT(
      Nms("NonMaxSuppressionV3", 6, 0.5f).ScalarInput<float>(0.4f).RunOutput(),
      HoldsTensor(Tensor::FromVector<int32_t>({3, 0})));
}

TEST(NonMaxSuppressionTest, V4PadsAndCountsValidOutputs) {
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> out,
                           Nms("NonMaxSuppressionV4", 5, 0.5f)
                               .ScalarInput<float>(0.0f)
                               .Attr("pad_to_max_output_size", true)
                               .Run());
  EXPECT_THAT(out[0],
              testing::TensorEq(Tensor::FromVector<int32_t>({3, 0, 5, 0, 0})));
  EXPECT_THAT(out[1], testing::TensorEq(Tensor::Scalar<int32_t>(3)));
}

TEST(NonMaxSuppressionTest, V5SoftNmsDecaysOverlappingScores) {
  // Two boxes with IoU 0.5 ([0,0,1,1] vs [0,0,1,0.5] has IoU 0.5); sigma
  // 0.5: the second score becomes 0.8 * exp(-0.5 * 0.25 / 0.5).
  Tensor boxes = Tensor::FromVector<float>({0, 0, 1, 1, 0, 0, 1, 0.5f},
                                           TensorShape({2, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> out,
                           KernelTester("NonMaxSuppressionV5")
                               .Input(boxes)
                               .Input<float>({0.9f, 0.8f})
                               .ScalarInput<int32_t>(2)
                               .ScalarInput<float>(1.0f)
                               .ScalarInput<float>(0.0f)
                               .ScalarInput<float>(0.5f)
                               .Run());
  EXPECT_THAT(out[0], testing::TensorEq(Tensor::FromVector<int32_t>({0, 1})));
  EXPECT_NEAR(out[1].flat<float>()[1], 0.8 * std::exp(-0.25), 1e-6);
  EXPECT_THAT(out[2], testing::TensorEq(Tensor::Scalar<int32_t>(2)));
}

TEST(NonMaxSuppressionTest, Errors) {
  EXPECT_THAT(Nms("NonMaxSuppressionV2", 3, 1.5f).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("iou_threshold must be in [0, 1]")));
  EXPECT_THAT(Nms("NonMaxSuppressionV2", -1, 0.5f).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("max_output_size must be non-negative")));
  EXPECT_THAT(KernelTester("NonMaxSuppressionV2")
                  .Input(kBoxes)
                  .Input<float>({1, 2})
                  .ScalarInput<int32_t>(1)
                  .ScalarInput<float>(0.5f)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("scores has incompatible shape")));
}

KernelTester Crop(const Tensor& image, const Tensor& boxes,
                  std::vector<int32_t> ind, int32_t h, int32_t w) {
  KernelTester t("CropAndResize");
  t.Input(image)
      .Input(boxes)
      .Input(Tensor::FromVector(ind))
      .Input<int32_t>({h, w});
  return t;
}

TEST(CropAndResizeTest, BilinearNearestAndExtrapolation) {
  // 3x3 image 0..8; the full box at 3x3 reproduces it; the centre box
  // [0.25, 0.25, 0.75, 0.75] at 2x2 samples (0.5, 0.5) .. (1.5, 1.5).
  Tensor image = Tensor::FromVector<float>({0, 1, 2, 3, 4, 5, 6, 7, 8},
                                           TensorShape({1, 3, 3, 1}));
  Tensor boxes = Tensor::FromVector<float>(
      {0, 0, 1, 1, 0.25f, 0.25f, 0.75f, 0.75f, -1, -1, -0.5f, -0.5f},
      TensorShape({3, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out, Crop(image, boxes, {0, 0, 0}, 2, 2)
                                           .Attr("extrapolation_value", -1.0f)
                                           .RunOutput());
  EXPECT_THAT(out, testing::TensorEq(Tensor::FromVector<float>(
                       {0, 2, 6, 8, 2, 3, 5, 6, -1, -1, -1, -1},
                       TensorShape({3, 2, 2, 1}))));
  EXPECT_THAT(
      Crop(image, boxes, {0, 0, 0}, 2, 2).Attr("method", "nearest").RunOutput(),
      HoldsTensor(Tensor::FromVector<float>(
          {0, 2, 6, 8, 4, 5, 7, 8, 0, 0, 0, 0}, TensorShape({3, 2, 2, 1}))));
  EXPECT_THAT(Crop(image, boxes, {0, 1, 0}, 2, 2).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("box_index has values outside [0, 1)")));
  EXPECT_THAT(Crop(image, boxes, {0, 0, 0}, 0, 2).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("crop dimensions must be positive")));
}

}  // namespace
}  // namespace tfpersist
