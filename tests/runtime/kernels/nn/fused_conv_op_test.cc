// _FusedConv2D and _FusedDepthwiseConv2dNative (oneDNN) against the naive
// references (reference/conv.h) plus a naive bias and activation, over odd
// sizes, SAME / VALID / EXPLICIT padding, strides, dilations, batch 0 and
// 1, every fused activation, and a const (packed once) or plain filter;
// errors for unsupported fusions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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

struct Case {
  TensorShape input, filter;
  int64_t stride_h, stride_w, dilation_h, dilation_w;
  std::string padding;
  std::vector<int64_t> pads;  // explicit: top, bottom, left, right
};

const std::vector<Case>& Cases() {
  static const auto* cases = new std::vector<Case>{
      {{1, 5, 5, 1}, {3, 3, 1, 1}, 1, 1, 1, 1, "SAME", {}},
      {{2, 7, 6, 3}, {3, 2, 3, 4}, 2, 1, 1, 1, "VALID", {}},
      {{2, 8, 8, 3}, {3, 3, 3, 5}, 2, 2, 1, 1, "SAME", {}},  // asymmetric
      {{1, 9, 9, 2}, {3, 3, 2, 3}, 1, 1, 2, 2, "SAME", {}},
      {{1, 6, 7, 2}, {2, 3, 2, 2}, 2, 3, 1, 2, "EXPLICIT", {1, 2, 0, 3}},
      {{3, 4, 4, 8}, {1, 1, 8, 16}, 1, 1, 1, 1, "VALID", {}},
      {{1, 13, 11, 17}, {3, 3, 17, 9}, 2, 2, 1, 1, "SAME", {}},
      {{2, 15, 15, 32}, {5, 5, 32, 7}, 1, 1, 1, 1, "SAME", {}},
      {{0, 4, 4, 2}, {2, 2, 2, 3}, 1, 1, 1, 1, "VALID", {}}};
  return *cases;
}

reference::ConvGeometry Geometry(const Case& c) {
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

// act(x + bias[channel]) elementwise, naively.
void BiasActivation(const std::string& act, const Tensor& bias, float alpha,
                    Tensor* t) {
  const int64_t c = bias.NumElements();
  float* v = t->data<float>();
  for (int64_t i = 0; i < t->NumElements(); ++i) {
    double x = double(v[i]) + bias.data<float>()[i % c];
    if (act == "Relu") x = x < 0 ? 0 : x;
    if (act == "Relu6") x = x < 0 ? 0 : (x > 6 ? 6 : x);
    if (act == "Elu") x = x < 0 ? std::expm1(x) : x;
    if (act == "LeakyRelu") x = x < 0 ? alpha * x : x;
    v[i] = static_cast<float>(x);
  }
}

StatusOr<Tensor> RunFused(const std::string& op, const Case& c,
                          const Tensor& in, const Tensor& f, const Tensor& bias,
                          const std::string& act, bool const_filter) {
  std::vector<std::string> ops = {"BiasAdd"};
  if (!act.empty()) ops.push_back(act);
  KernelTester t(op);
  t.Attr("strides", std::vector<int64_t>{1, c.stride_h, c.stride_w, 1})
      .Attr("dilations", std::vector<int64_t>{1, c.dilation_h, c.dilation_w, 1})
      .Attr("padding", c.padding)
      .Attr("fused_ops", ops)
      .Attr("num_args", int64_t{1})
      .Attr("leakyrelu_alpha", 0.3f)
      .Attr("_tfp_const_filter", const_filter);
  if (c.padding == "EXPLICIT") {
    t.Attr("explicit_paddings",
           std::vector<int64_t>{0, 0, c.pads[0], c.pads[1], c.pads[2],
                                c.pads[3], 0, 0});
  }
  return t.Input(in).Input(f).InputList({bias}).RunOutput();
}

void CheckCases(bool depthwise) {
  uint32_t seed = depthwise ? 500 : 1;
  const char* op = depthwise ? "_FusedDepthwiseConv2dNative" : "_FusedConv2D";
  for (Case c : Cases()) {
    if (depthwise) c.filter.set_dim(3, seed % 2 + 1);  // multiplier 1 or 2
    if (depthwise) c.filter.set_dim(2, c.input.dim_size(3));
    const reference::ConvGeometry g = Geometry(c);
    const int64_t oc = c.filter.dim_size(3) * (depthwise ? g.in_c : 1);
    Tensor in = RandomTensor<float>(c.input, seed++, -1, 1);
    Tensor f = RandomTensor<float>(c.filter, seed++, -1, 1);
    Tensor bias = RandomTensor<float>({oc}, seed++, -1, 1);
    Tensor conv(DT_FLOAT, TensorShape({g.batch, g.out_h, g.out_w, oc}));
    if (depthwise) {
      reference::DepthwiseConv2D(g, c.filter.dim_size(3), in.data<float>(),
                                 f.data<float>(), conv.data<float>());
    } else {
      reference::Conv2D(g, oc, in.data<float>(), f.data<float>(),
                        conv.data<float>());
    }
    for (std::string act : {"", "Relu", "Relu6", "Elu", "LeakyRelu"}) {
      for (bool const_filter : {true, false}) {
        SCOPED_TRACE(c.input.DebugString() + " * " + c.filter.DebugString() +
                     " " + c.padding + " " + act +
                     (const_filter ? " const" : ""));
        Tensor want(DT_FLOAT, conv.shape());
        std::copy_n(conv.data<float>(), conv.NumElements(), want.data<float>());
        BiasActivation(act, bias, 0.3f, &want);
        TFP_ASSERT_OK_AND_ASSIGN(
            Tensor out, RunFused(op, c, in, f, bias, act, const_filter));
        EXPECT_THAT(out, TensorNear(want, 1e-4));
      }
    }
  }
}

TEST(FusedConv2DOpTest, MatchesReference) { CheckCases(false); }

TEST(FusedDepthwiseConv2dNativeOpTest, MatchesReference) { CheckCases(true); }

TEST(FusedConv2DOpTest, EmptyDepthGivesActivatedBias) {
  const Case c{{1, 3, 3, 0}, {2, 2, 0, 2}, 1, 1, 1, 1, "VALID", {}};
  Tensor bias = Tensor::FromVector<float>({-1.5f, 2.0f});
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out, RunFused("_FusedConv2D", c, Tensor(DT_FLOAT, c.input),
                           Tensor(DT_FLOAT, c.filter), bias, "Relu", true));
  ASSERT_EQ(out.shape(), TensorShape({1, 2, 2, 2}));
  for (int64_t i = 0; i < out.NumElements(); ++i) {
    EXPECT_EQ(out.data<float>()[i], i % 2 == 0 ? 0.f : 2.f);
  }
}

TEST(FusedConv2DOpTest, Errors) {
  const Tensor in = RandomTensor<float>({1, 4, 4, 3}, 1);
  const Tensor f = RandomTensor<float>({2, 2, 3, 2}, 2);
  auto base = [&](std::vector<std::string> ops, int64_t num_args) {
    KernelTester t("_FusedConv2D");
    t.Name("fused")
        .Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
        .Attr("padding", "VALID")
        .Attr("fused_ops", ops)
        .Attr("num_args", num_args)
        .Input(in)
        .Input(f);
    std::vector<Tensor> args(num_args, Tensor::FromVector<float>({1, 2}));
    return t.InputList(args).Run().status();
  };
  EXPECT_THAT(base({"Relu"}, 0),
              StatusIs(StatusCode::kUnimplemented,
                       ::testing::AllOf(HasSubstr("Fusion is not implemented: "
                                                  "[Relu]"),
                                        HasSubstr("{{node fused}}"))));
  EXPECT_THAT(
      base({"BiasAdd", "Tanh"}, 1),
      StatusIs(StatusCode::kUnimplemented, HasSubstr("[BiasAdd,Tanh]")));
  EXPECT_THAT(base({"BiasAdd"}, 2),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("expects 1 args, got 2")));
  KernelTester bad_bias("_FusedConv2D");
  bad_bias.Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
      .Attr("padding", "VALID")
      .Attr("fused_ops", std::vector<std::string>{"BiasAdd"})
      .Attr("num_args", int64_t{1})
      .Input(in)
      .Input(f)
      .InputList({Tensor::FromVector<float>({1, 2, 3})});
  EXPECT_THAT(bad_bias.Run().status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Must provide as many biases")));
}

}  // namespace
}  // namespace tfpersist
