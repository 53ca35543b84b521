// MaxPool and AvgPool against reference/pooling.h over windows, strides
// and paddings (SAME divides by in-bounds cells only), and their errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/pooling.h"
#include "runtime/kernels/reference/window.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::RandomTensor;
using testing::StatusIs;
using testing::TensorEq;
using testing::TensorNear;

struct PoolCase {
  TensorShape input;
  int64_t k_h, k_w, s_h, s_w;
  std::string padding;
};

StatusOr<Tensor> RunPool(const std::string& op, const PoolCase& c,
                         const Tensor& in) {
  return KernelTester(op)
      .Attr("ksize", std::vector<int64_t>{1, c.k_h, c.k_w, 1})
      .Attr("strides", std::vector<int64_t>{1, c.s_h, c.s_w, 1})
      .Attr("padding", c.padding)
      .Input(in)
      .RunOutput();
}

template <typename T>
Tensor ReferencePool(bool is_max, const PoolCase& c, const Tensor& in) {
  const auto pad = *reference::ParsePadding(c.padding);
  auto h = *reference::ComputeWindow(c.input.dim_size(1), c.k_h, c.s_h, 1, pad);
  auto w = *reference::ComputeWindow(c.input.dim_size(2), c.k_w, c.s_w, 1, pad);
  reference::ConvGeometry g{c.input.dim_size(0),
                            c.input.dim_size(1),
                            c.input.dim_size(2),
                            c.input.dim_size(3),
                            c.k_h,
                            c.k_w,
                            h.out,
                            w.out,
                            c.s_h,
                            c.s_w,
                            1,
                            1,
                            h.pad_before,
                            w.pad_before};
  Tensor out(in.dtype(), TensorShape({g.batch, g.out_h, g.out_w, g.in_c}));
  if (is_max) {
    reference::MaxPool(g, in.data<T>(), out.data<T>());
  } else {
    reference::AvgPool(g, in.data<T>(), out.data<T>());
  }
  return out;
}

const std::vector<PoolCase> kCases = {
    {{1, 4, 4, 1}, 2, 2, 2, 2, "VALID"},   {{2, 5, 5, 3}, 2, 2, 2, 2, "SAME"},
    {{2, 7, 6, 4}, 3, 3, 1, 1, "SAME"},    {{1, 7, 7, 8}, 7, 7, 1, 1, "VALID"},
    {{2, 28, 28, 32}, 2, 2, 2, 2, "SAME"}, {{1, 6, 5, 2}, 3, 2, 2, 3, "SAME"},
    {{0, 3, 3, 1}, 2, 2, 1, 1, "VALID"}};

TEST(PoolingOpsTest, MaxPoolMatchesReference) {
  uint32_t seed = 1;
  for (const PoolCase& c : kCases) {
    SCOPED_TRACE(c.input.DebugString() + " " + c.padding);
    Tensor in = RandomTensor<float>(c.input, seed++);
    TFP_ASSERT_OK_AND_ASSIGN(Tensor out, RunPool("MaxPool", c, in));
    EXPECT_THAT(out, TensorEq(ReferencePool<float>(true, c, in)));
    Tensor in8 = RandomTensor<int8_t>(c.input, seed++, -128, 127);
    TFP_ASSERT_OK_AND_ASSIGN(Tensor out8, RunPool("MaxPool", c, in8));
    EXPECT_THAT(out8, TensorEq(ReferencePool<int8_t>(true, c, in8)));
  }
}

TEST(PoolingOpsTest, AvgPoolMatchesReference) {
  uint32_t seed = 50;
  for (const PoolCase& c : kCases) {
    SCOPED_TRACE(c.input.DebugString() + " " + c.padding);
    Tensor in = RandomTensor<float>(c.input, seed++);
    TFP_ASSERT_OK_AND_ASSIGN(Tensor out, RunPool("AvgPool", c, in));
    EXPECT_THAT(out, TensorNear(ReferencePool<float>(false, c, in), 1e-5));
  }
}

TEST(PoolingOpsTest, SameAvgPoolDivisorHandChecked) {
  // ops-core.md: with SAME the divisor counts only in-bounds cells.
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out,
      RunPool("AvgPool", {{1, 2, 2, 1}, 2, 2, 1, 1, "SAME"},
              Tensor::FromVector<float>({1, 2, 3, 4}, {1, 2, 2, 1})));
  EXPECT_THAT(out, TensorEq(Tensor::FromVector<float>({2.5f, 3, 3.5f, 4},
                                                      {1, 2, 2, 1})));
}

// Defect: a ksize of 2^31 - 1 looped over all ~10^11 filter taps on a 4x4
// input. The window is clamped to the input: each output covers the whole
// input here (pad 2^30 - 1 on each side), so max = 16, mean = 8.5.
TEST(PoolingOpsTest, HugeWindowIsClampedToTheInput) {
  const auto start = std::chrono::steady_clock::now();
  const int64_t k = (int64_t{1} << 31) - 1;
  std::vector<float> values(16);
  for (int i = 0; i < 16; ++i) values[i] = static_cast<float>(i + 1);
  const Tensor in = Tensor::FromVector<float>(values, {1, 4, 4, 1});
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor max, RunPool("MaxPool", {{1, 4, 4, 1}, k, k, 1, 1, "SAME"}, in));
  EXPECT_THAT(max, TensorEq(Tensor::FromVector<float>(
                       std::vector<float>(16, 16), {1, 4, 4, 1})));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor avg, RunPool("AvgPool", {{1, 4, 4, 1}, k, k, 3, 3, "SAME"}, in));
  EXPECT_THAT(avg, TensorEq(Tensor::FromVector<float>(
                       std::vector<float>(4, 8.5f), {1, 2, 2, 1})));
  EXPECT_THAT(RunPool("MaxPool", {{1, 4, 4, 1}, k, k, 1, 1, "VALID"}, in),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Computed output size would be negative")));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(PoolingOpsTest, Errors) {
  const Tensor in = RandomTensor<float>({1, 4, 4, 2}, 1);
  EXPECT_THAT(KernelTester("MaxPool")
                  .Name("pool")
                  .Attr("ksize", std::vector<int64_t>{2, 2, 2, 1})
                  .Attr("strides", std::vector<int64_t>{1, 1, 1, 1})
                  .Attr("padding", "VALID")
                  .Input(in)
                  .Run(),
              StatusIs(StatusCode::kUnimplemented,
                       ::testing::AllOf(HasSubstr("pooling in the batch"),
                                        HasSubstr("{{node pool}}"))));
  EXPECT_THAT(RunPool("AvgPool", {{1, 4, 4, 2}, 6, 6, 1, 1, "VALID"}, in),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Computed output size would be negative")));
  EXPECT_THAT(RunPool("AvgPool", {{}, 2, 2, 1, 1, "VALID"},
                      Tensor::FromVector<float>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be 4-dimensional")));
  // qint8 is in MaxPool's OpDef but has no CPU kernel here.
  EXPECT_THAT(RunPool("MaxPool", {{}, 2, 2, 1, 1, "VALID"},
                      Tensor::Zeros(DT_QINT8, TensorShape({1, 2, 2, 1}))),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("T=DT_QINT8")));
}

}  // namespace
}  // namespace tfpersist
