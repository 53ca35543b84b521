// Conv2DBackpropInput against the naive scatter of
// reference/conv_transpose.h, and the adjoint identity with Conv2D:
// <conv2d(x, w), y> == <x, conv2d_backprop_input(w, y)>.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "runtime/kernels/reference/conv_transpose.h"
#include "runtime/kernels/reference/window.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

Tensor Random(const TensorShape& shape, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1, 1);
  Tensor t(DT_FLOAT, shape);
  for (float& v : t.flat<float>()) v = u(rng);
  return t;
}

struct Case {
  int64_t in_h, in_w, k_h, k_w, stride, dilation;
  const char* padding;
  std::vector<int64_t> pads;  // EXPLICIT: top, bottom, left, right
};

class Conv2DBackpropInputTest : public ::testing::TestWithParam<Case> {};

TEST_P(Conv2DBackpropInputTest, MatchesNaiveScatterAndIsConvsAdjoint) {
  const Case& k = GetParam();
  const int64_t batch = 2, in_c = 3, out_c = 4;
  auto padding = *reference::ParsePadding(k.padding);
  const int64_t pt = k.pads.empty() ? 0 : k.pads[0];
  const int64_t pb = k.pads.empty() ? 0 : k.pads[1];
  const int64_t pl = k.pads.empty() ? 0 : k.pads[2];
  const int64_t pr = k.pads.empty() ? 0 : k.pads[3];
  auto wy = *reference::ComputeWindow(k.in_h, k.k_h, k.stride, k.dilation,
                                      padding, pt, pb);
  auto wx = *reference::ComputeWindow(k.in_w, k.k_w, k.stride, k.dilation,
                                      padding, pl, pr);
  reference::ConvGeometry g{batch,         k.in_h,       k.in_w,     in_c,
                            k.k_h,         k.k_w,        wy.out,     wx.out,
                            k.stride,      k.stride,     k.dilation, k.dilation,
                            wy.pad_before, wx.pad_before};
  Tensor filter = Random(TensorShape({k.k_h, k.k_w, in_c, out_c}), 1);
  Tensor grad = Random(TensorShape({batch, wy.out, wx.out, out_c}), 2);
  Tensor want(DT_FLOAT, TensorShape({batch, k.in_h, k.in_w, in_c}));
  reference::NaiveConv2DBackpropInput(g, out_c, filter.data<float>(),
                                      grad.data<float>(), want.data<float>());
  auto attrs = [&](KernelTester& t) -> KernelTester& {
    t.Attr("strides", std::vector<int64_t>{1, k.stride, k.stride, 1})
        .Attr("dilations", std::vector<int64_t>{1, k.dilation, k.dilation, 1})
        .Attr("padding", k.padding);
    if (!k.pads.empty()) {
      t.Attr("explicit_paddings",
             std::vector<int64_t>{0, 0, pt, pb, pl, pr, 0, 0});
    }
    return t;
  };
  KernelTester t("Conv2DBackpropInput");
  t.Input<int32_t>({static_cast<int32_t>(batch), static_cast<int32_t>(k.in_h),
                    static_cast<int32_t>(k.in_w), static_cast<int32_t>(in_c)})
      .Input(filter)
      .Input(grad);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor got, attrs(t).RunOutput());
  EXPECT_THAT(got, TensorNear(want, 1e-4));

  Tensor x = Random(want.shape(), 3);
  KernelTester conv("Conv2D");
  conv.Input(x).Input(filter);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y, attrs(conv).RunOutput());
  double lhs = 0, rhs = 0;
  for (int64_t i = 0; i < y.NumElements(); ++i) {
    lhs += double{y.flat<float>()[i]} * grad.flat<float>()[i];
  }
  for (int64_t i = 0; i < x.NumElements(); ++i) {
    rhs += double{x.flat<float>()[i]} * got.flat<float>()[i];
  }
  EXPECT_NEAR(lhs, rhs, 1e-3 * (1 + std::abs(lhs)));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Conv2DBackpropInputTest,
    ::testing::Values(Case{8, 8, 3, 3, 2, 1, "SAME", {}},  // 2x upsampling
                      Case{7, 9, 4, 4, 2, 1, "SAME", {}},
                      Case{9, 7, 3, 2, 2, 1, "VALID", {}},
                      Case{10, 10, 3, 3, 1, 2, "SAME", {}},  // dilated
                      Case{6, 5, 3, 3, 1, 1, "EXPLICIT", {1, 2, 0, 1}}));

TEST(Conv2DBackpropInputErrorsTest, OutBackpropMustMatchTheForwardOutput) {
  EXPECT_THAT(KernelTester("Conv2DBackpropInput")
                  .Input<int32_t>({1, 8, 8, 3})
                  .Input(Random(TensorShape({3, 3, 3, 4}), 1))
                  .Input(Random(TensorShape({1, 5, 4, 4}), 2))
                  .Attr("strides", std::vector<int64_t>{1, 2, 2, 1})
                  .Attr("padding", "SAME")
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Size of out_backprop doesn't match computed: "
                                 "actual = [1,5,4,4], computed = [1,4,4,4]")));
  EXPECT_THAT(KernelTester("Conv2DBackpropInput")
                  .Input<int32_t>({1, 8, 8})
                  .Input(Random(TensorShape({3, 3, 3, 4}), 1))
                  .Input(Random(TensorShape({1, 4, 4, 4}), 2))
                  .Attr("strides", std::vector<int64_t>{1, 2, 2, 1})
                  .Attr("padding", "SAME")
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input_sizes must be 1-D with 4 or 2")));
}

}  // namespace
}  // namespace tfpersist
