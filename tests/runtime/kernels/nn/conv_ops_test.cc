// Conv2D and DepthwiseConv2dNative against the naive references
// (reference/conv.h) over strides, dilations and SAME / VALID / EXPLICIT
// padding, including the pointwise and chunked im2col paths; attribute and
// shape errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/conv.h"
#include "runtime/kernels/reference/window.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::RandomTensor;
using testing::StatusIs;
using testing::TensorNear;

struct ConvCase {
  TensorShape input, filter;
  int64_t stride_h, stride_w, dilation_h, dilation_w;
  std::string padding;
  std::vector<int64_t> pads;  // explicit: top, bottom, left, right
};

// The reference geometry of a case (the kernel must agree).
reference::ConvGeometry Geometry(const ConvCase& c) {
  const auto pad = *reference::ParsePadding(c.padding);
  const bool ex = pad == reference::Padding::kExplicit;
  auto h = *reference::ComputeWindow(c.input.dim_size(1), c.filter.dim_size(0),
                                     c.stride_h, c.dilation_h, pad,
                                     ex ? c.pads[0] : 0, ex ? c.pads[1] : 0);
  auto w = *reference::ComputeWindow(c.input.dim_size(2), c.filter.dim_size(1),
                                     c.stride_w, c.dilation_w, pad,
                                     ex ? c.pads[2] : 0, ex ? c.pads[3] : 0);
  return {c.input.dim_size(0),
          c.input.dim_size(1),
          c.input.dim_size(2),
          c.input.dim_size(3),
          c.filter.dim_size(0),
          c.filter.dim_size(1),
          h.out,
          w.out,
          c.stride_h,
          c.stride_w,
          c.dilation_h,
          c.dilation_w,
          h.pad_before,
          w.pad_before};
}

// Runs `op` on (in, f) with the case's attributes.
StatusOr<Tensor> RunConv(const std::string& op, const ConvCase& c,
                         const Tensor& in, const Tensor& f,
                         const std::string& name = "test_node") {
  KernelTester t(op);
  t.Name(name)
      .Attr("strides", std::vector<int64_t>{1, c.stride_h, c.stride_w, 1})
      .Attr("dilations", std::vector<int64_t>{1, c.dilation_h, c.dilation_w, 1})
      .Attr("padding", c.padding);
  if (c.padding == "EXPLICIT") {
    t.Attr("explicit_paddings",
           std::vector<int64_t>{0, 0, c.pads[0], c.pads[1], c.pads[2],
                                c.pads[3], 0, 0});
  }
  return t.Input(in).Input(f).RunOutput();
}

const std::vector<ConvCase>& Cases() {
  static const auto* cases = new std::vector<ConvCase>{
      {{1, 5, 5, 1}, {3, 3, 1, 1}, 1, 1, 1, 1, "SAME", {}},
      {{2, 7, 6, 3}, {3, 2, 3, 4}, 2, 1, 1, 1, "VALID", {}},
      {{2, 8, 8, 3}, {3, 3, 3, 5}, 2, 2, 1, 1, "SAME", {}},
      {{1, 9, 9, 2}, {3, 3, 2, 3}, 1, 1, 2, 2, "SAME", {}},
      {{1, 6, 7, 2}, {2, 3, 2, 2}, 2, 3, 1, 2, "EXPLICIT", {1, 2, 0, 3}},
      {{3, 4, 4, 8}, {1, 1, 8, 16}, 1, 1, 1, 1, "VALID", {}},    // pointwise
      {{2, 40, 40, 16}, {5, 5, 16, 8}, 1, 1, 1, 1, "SAME", {}},  // chunked
      {{2, 28, 28, 1}, {5, 5, 1, 32}, 1, 1, 1, 1, "SAME", {}},
      {{0, 4, 4, 2}, {2, 2, 2, 3}, 1, 1, 1, 1, "VALID", {}}};
  return *cases;
}

TEST(Conv2DOpTest, MatchesReference) {
  uint32_t seed = 1;
  for (const ConvCase& c : Cases()) {
    SCOPED_TRACE(c.input.DebugString() + " * " + c.filter.DebugString() + " " +
                 c.padding);
    Tensor in = RandomTensor<float>(c.input, seed++, -1, 1);
    Tensor f = RandomTensor<float>(c.filter, seed++, -1, 1);
    const reference::ConvGeometry g = Geometry(c);
    const int64_t oc = c.filter.dim_size(3);
    Tensor want(DT_FLOAT, TensorShape({g.batch, g.out_h, g.out_w, oc}));
    reference::Conv2D(g, oc, in.data<float>(), f.data<float>(),
                      want.data<float>());
    TFP_ASSERT_OK_AND_ASSIGN(Tensor out, RunConv("Conv2D", c, in, f));
    EXPECT_THAT(out, TensorNear(want, 1e-4));
  }
}

TEST(Conv2DOpTest, DoubleAndHalf) {
  const ConvCase c = Cases()[2];
  Tensor in = RandomTensor<double>(c.input, 1, -1, 1);
  Tensor f = RandomTensor<double>(c.filter, 2, -1, 1);
  const auto g = Geometry(c);
  Tensor want(DT_DOUBLE, TensorShape({g.batch, g.out_h, g.out_w, 5}));
  reference::Conv2D(g, 5, in.data<double>(), f.data<double>(),
                    want.data<double>());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out, RunConv("Conv2D", c, in, f));
  EXPECT_THAT(out, TensorNear(want, 1e-12));
  Tensor hin = RandomTensor<half>(c.input, 3, -1, 1);
  Tensor hf = RandomTensor<half>(c.filter, 4, -1, 1);
  Tensor hwant(DT_HALF, want.shape());
  reference::Conv2D(g, 5, hin.data<half>(), hf.data<half>(),
                    hwant.data<half>());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor hout, RunConv("Conv2D", c, hin, hf));
  EXPECT_THAT(hout, TensorNear(hwant, 2e-2));
}

TEST(DepthwiseConv2dNativeOpTest, MatchesReference) {
  uint32_t seed = 100;
  for (ConvCase c : Cases()) {
    if (c.filter.dim_size(2) != c.input.dim_size(3)) continue;
    for (int64_t mult : {1, 2}) {
      c.filter.set_dim(3, mult);
      SCOPED_TRACE(c.input.DebugString() + " * " + c.filter.DebugString());
      Tensor in = RandomTensor<float>(c.input, seed++, -1, 1);
      Tensor f = RandomTensor<float>(c.filter, seed++, -1, 1);
      const auto g = Geometry(c);
      Tensor want(DT_FLOAT,
                  TensorShape({g.batch, g.out_h, g.out_w, g.in_c * mult}));
      reference::DepthwiseConv2D(g, mult, in.data<float>(), f.data<float>(),
                                 want.data<float>());
      TFP_ASSERT_OK_AND_ASSIGN(Tensor out,
                               RunConv("DepthwiseConv2dNative", c, in, f));
      EXPECT_THAT(out, TensorNear(want, 1e-5));
    }
  }
}

TEST(Conv2DOpTest, Errors) {
  const Tensor in = RandomTensor<float>({1, 4, 4, 3}, 1);
  const Tensor f = RandomTensor<float>({2, 2, 2, 1}, 2);
  ConvCase c{{}, {}, 1, 1, 1, 1, "VALID", {}};
  EXPECT_THAT(RunConv("Conv2D", c, in, f, "conv"),
              StatusIs(StatusCode::kInvalidArgument,
                       ::testing::AllOf(
                           HasSubstr("input depth must be evenly divisible "
                                     "by filter depth: 3 vs 2"),
                           HasSubstr("{{node conv}}"))));
  EXPECT_THAT(RunConv("DepthwiseConv2dNative", c, in, f),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input and filter must have the same depth: "
                                 "3 vs 2")));
  const Tensor big = RandomTensor<float>({6, 6, 3, 1}, 3);  // 4 - 6 + 1 < 0
  EXPECT_THAT(RunConv("Conv2D", c, in, big),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Computed output size would be negative")));
  EXPECT_THAT(KernelTester("Conv2D")
                  .Attr("strides", std::vector<int64_t>{2, 1, 1, 1})
                  .Attr("padding", "SAME")
                  .Input(in)
                  .Input(f)
                  .Run(),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("strides in the batch and depth")));
  EXPECT_THAT(KernelTester("Conv2D")
                  .Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
                  .Attr("padding", "SAME")
                  .Attr("data_format", "NCHW")
                  .Input(in)
                  .Input(f)
                  .Run(),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("NHWC")));
  EXPECT_THAT(KernelTester("Conv2D")
                  .Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
                  .Attr("padding", "SAME")
                  .Attr("explicit_paddings",
                        std::vector<int64_t>{0, 0, 1, 1, 1, 1, 0, 0})
                  .Input(in)
                  .Input(f)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("explicit_paddings attribute must be empty")));
  const int64_t huge = int64_t{1} << 62;
  EXPECT_THAT(KernelTester("Conv2D")
                  .Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
                  .Attr("padding", "EXPLICIT")
                  .Attr("explicit_paddings",
                        std::vector<int64_t>{0, 0, huge, huge, 0, 0, 0, 0})
                  .Input(in)
                  .Input(RandomTensor<float>({2, 2, 3, 1}, 4))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Window size overflows")));
  EXPECT_THAT(KernelTester("Conv2D")
                  .Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
                  .Attr("padding", "VALID")
                  .Input<float>({1, 2, 3})
                  .Input(f)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be 4-dimensional: [3]")));
}

}  // namespace
}  // namespace tfpersist
