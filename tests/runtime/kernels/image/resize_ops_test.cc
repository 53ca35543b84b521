// ResizeBilinear / ResizeNearestNeighbor against the naive reference
// (reference/resize.h) on every TF dtype, against OpenCV's cv2.resize
// (Debian's /usr/bin/python3) where it computes the same thing, and TF's
// errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "runtime/kernels/reference/resize.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/npy.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

Tensor RandomImage(const TensorShape& shape, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0, 255);
  Tensor t(DT_FLOAT, shape);
  for (float& v : t.flat<float>()) v = u(rng);
  return t;
}

StatusOr<Tensor> Resize(const char* op, const Tensor& image, int32_t h,
                        int32_t w, bool align, bool half) {
  return KernelTester(op)
      .Input(image)
      .Input<int32_t>({h, w})
      .Attr("align_corners", align)
      .Attr("half_pixel_centers", half)
      .RunOutput();
}

reference::ResizeGeometry Geometry(const Tensor& in, int64_t h, int64_t w,
                                   bool align, bool half) {
  return {in.dim_size(0),
          in.dim_size(1),
          in.dim_size(2),
          in.dim_size(3),
          h,
          w,
          align,
          half};
}

struct Case {
  int64_t in_h, in_w, out_h, out_w;
  bool align, half;
};

class ResizeTest : public ::testing::TestWithParam<Case> {};

TEST_P(ResizeTest, BilinearAndNearestMatchTheReference) {
  const Case& k = GetParam();
  Tensor image = RandomImage(TensorShape({2, k.in_h, k.in_w, 3}), 5);
  auto g = Geometry(image, k.out_h, k.out_w, k.align, k.half);
  Tensor want(DT_FLOAT, TensorShape({2, k.out_h, k.out_w, 3}));
  reference::NaiveResizeBilinear(g, image.data<float>(), want.data<float>());
  EXPECT_THAT(
      Resize("ResizeBilinear", image, k.out_h, k.out_w, k.align, k.half),
      HoldsTensor(want));
  // Integer input: the same float output from the converted pixels.
  Tensor u8(DT_UINT8, image.shape());
  Tensor as_float(DT_FLOAT, image.shape());
  for (int64_t i = 0; i < image.NumElements(); ++i) {
    u8.flat<uint8_t>()[i] = static_cast<uint8_t>(image.flat<float>()[i]);
    as_float.flat<float>()[i] = u8.flat<uint8_t>()[i];
  }
  reference::NaiveResizeBilinear(g, as_float.data<float>(), want.data<float>());
  EXPECT_THAT(Resize("ResizeBilinear", u8, k.out_h, k.out_w, k.align, k.half),
              HoldsTensor(want));
  Tensor nearest(DT_UINT8, want.shape());
  reference::NaiveResizeNearest(g, u8.data<uint8_t>(), nearest.data<uint8_t>());
  EXPECT_THAT(
      Resize("ResizeNearestNeighbor", u8, k.out_h, k.out_w, k.align, k.half),
      HoldsTensor(nearest));
}

INSTANTIATE_TEST_SUITE_P(Cases, ResizeTest,
                         ::testing::Values(Case{4, 5, 8, 10, false, false},
                                           Case{4, 5, 8, 10, true, false},
                                           Case{4, 5, 8, 10, false, true},
                                           Case{9, 7, 4, 3, false, true},
                                           Case{9, 7, 4, 3, true, false},
                                           Case{1, 1, 3, 2, false, true},
                                           Case{6, 6, 1, 1, true, false}));

TEST(ResizeHandValuesTest, TwoPixelsToFour) {
  Tensor row = Tensor::FromVector<float>({0, 8}, TensorShape({1, 1, 2, 1}));
  // Legacy: x * 0.5 -> 0, 0.5, 1, 1.5 (clamped): 0, 4, 8, 8.
  EXPECT_THAT(Resize("ResizeBilinear", row, 1, 4, false, false),
              HoldsTensor(Tensor::FromVector<float>(
                  {0, 4, 8, 8}, TensorShape({1, 1, 4, 1}))));
  // Half pixel: (x + 0.5) * 0.5 - 0.5 -> -0.25, 0.25, 0.75, 1.25.
  EXPECT_THAT(Resize("ResizeBilinear", row, 1, 4, false, true),
              HoldsTensor(Tensor::FromVector<float>(
                  {0, 2, 6, 8}, TensorShape({1, 1, 4, 1}))));
  // Align corners: x * 1/3.
  TFP_ASSERT_OK_AND_ASSIGN(Tensor aligned,
                           Resize("ResizeBilinear", row, 1, 4, true, false));
  EXPECT_THAT(aligned,
              TensorNear(Tensor::FromVector<float>({0, 8 / 3.0f, 16 / 3.0f, 8},
                                                   TensorShape({1, 1, 4, 1})),
                         1e-5));
}

TEST(ResizeErrorsTest, TfsMessages) {
  Tensor image = RandomImage(TensorShape({1, 2, 2, 1}), 1);
  EXPECT_THAT(Resize("ResizeBilinear", image, 4, 4, true, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("If half_pixel_centers is True, align_corners "
                                 "must be False.")));
  EXPECT_THAT(Resize("ResizeNearestNeighbor", image, 0, 4, false, false),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("output dimensions must be positive")));
  EXPECT_THAT(
      Resize("ResizeBilinear", RandomImage(TensorShape({1, 0, 2, 1}), 1), 4, 4,
             false, false),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("input image must be of non-zero size")));
  EXPECT_THAT(Resize("ResizeBilinear", RandomImage(TensorShape({2, 2, 1}), 1),
                     4, 4, false, false),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be 4-dimensional")));
  EXPECT_THAT(KernelTester("ResizeBilinear")
                  .Input(image)
                  .Input<int32_t>({4, 4, 4})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("shape_t must have two elements")));
}

// OpenCV: INTER_LINEAR on float32 is TF's half-pixel bilinear (no
// antialiasing) and INTER_NEAREST is TF's legacy nearest. (INTER_NEAREST_EXACT
// is not TF's half-pixel nearest: its fixed-point offset shifts odd sizes.)
const char kOpenCvScript[] = R"PY(
import sys, numpy as np, cv2
d = sys.argv[1]
x = np.load(d + '/image.npy')
h, w = 13, 7
np.save(d + '/linear.npy', cv2.resize(x, (w, h), interpolation=cv2.INTER_LINEAR)[None])
np.save(d + '/nearest.npy', cv2.resize(x, (w, h), interpolation=cv2.INTER_NEAREST)[None])
)PY";

TEST(ResizeOpenCvTest, MatchesCv2Resize) {
  if (std::system("/usr/bin/python3 -c 'import cv2' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 lacks cv2";
  }
  const std::string dir = testing::NewTempDir("resize_cv2");
  Env* env = Env::Default();
  Tensor image = RandomImage(TensorShape({1, 10, 11, 3}), 9);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor hwc,
                           image.Reshaped(TensorShape({10, 11, 3})));
  TFP_ASSERT_OK(WriteNpy(env, dir + "/image.npy", hwc));
  TFP_ASSERT_OK(WriteStringToFile(env, dir + "/cv.py", kOpenCvScript));
  ASSERT_EQ(std::system(("/usr/bin/python3 " + dir + "/cv.py " + dir).c_str()),
            0);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor linear, ReadNpy(env, dir + "/linear.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor nearest, ReadNpy(env, dir + "/nearest.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor ours,
                           Resize("ResizeBilinear", image, 13, 7, false, true));
  EXPECT_THAT(ours, TensorNear(linear, 1e-3));
  EXPECT_THAT(Resize("ResizeNearestNeighbor", image, 13, 7, false, false),
              HoldsTensor(nearest));
}

}  // namespace
}  // namespace tfpersist
