// Erf, Erfc, Rint, trigonometry, Log1p, Expm1, Softsign, Selu, IsNan /
// IsInf / IsFinite, Atan2, Xlogy, Xdivy, DivNoNan, ClipByValue, L2Loss:
// against values computed independently (numpy, the C library through the
// functors' documented formulas) on every float dtype, with edge values.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "testing/kernel_test_harness.h"
#include "testing/numpy_eval.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

// The tensor of a run, or an empty Tensor (failing the test) on error.
Tensor Ok(StatusOr<Tensor> t) {
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *std::move(t) : Tensor();
}

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::NumpyEval;
using ::tfpersist::testing::RandomTensor;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

Tensor Cast(const Tensor& t, DataType to) {
  return KernelTester("Cast").Attr("DstT", to).Input(t).RunOutput().value();
}

TEST(SpecialCwiseTest, UnaryOpsMatchNumpyOnFloatTypes) {
  TFP_REQUIRE_NUMPY();
  const Tensor x = RandomTensor<double>(TensorShape({4, 16}), 1, -3, 3);
  const Tensor pos = RandomTensor<double>(TensorShape({64}), 2, 1.01, 4);
  const Tensor unit = RandomTensor<double>(TensorShape({64}), 3, -0.95, 0.95);
  // Erf/Erfc via math.erf (numpy has no erf): vectorized.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Erf", "np.vectorize(__import__('math').erf)(a0)"},
      {"Erfc", "np.vectorize(__import__('math').erfc)(a0)"},
      {"Rint", "np.rint(a0 * 2)"},
      {"Sin", "np.sin(a0)"},
      {"Cos", "np.cos(a0)"},
      {"Tan", "np.tan(a2)"},
      {"Atan", "np.arctan(a0)"},
      {"Sinh", "np.sinh(a0)"},
      {"Cosh", "np.cosh(a0)"},
      {"Asinh", "np.arcsinh(a0)"},
      {"Acosh", "np.arccosh(a1)"},
      {"Atanh", "np.arctanh(a2)"},
      {"Log1p", "np.log1p(a1)"},
      {"Expm1", "np.expm1(a0)"},
      {"Softsign", "a0 / (1 + np.abs(a0))"},
      {"Selu",
       "np.where(a0 > 0, 1.0507009873554805 * a0, "
       "1.7580993408473769 * np.expm1(a0))"}};
  std::vector<std::string> exprs;
  for (const auto& [op, e] : cases) exprs.push_back(e);
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> want,
                           NumpyEval({x, pos, unit}, exprs));
  Tensor twice = x.DeepCopy();
  for (double& v : twice.flat<double>()) v *= 2;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string& op = cases[i].first;
    const Tensor& in = op == "Acosh" || op == "Log1p" ? pos
                       : op == "Atanh" || op == "Tan" ? unit
                       : op == "Rint"                 ? twice
                                                      : x;
    EXPECT_THAT(Ok(KernelTester(op).Input(in).RunOutput()),
                TensorNear(want[i], 1e-12))
        << op;
    for (auto [dt, tol] : {std::pair{DT_FLOAT, 1e-5}, std::pair{DT_HALF, 2e-2},
                           std::pair{DT_BFLOAT16, 1.5e-1}}) {
      TFP_ASSERT_OK_AND_ASSIGN(
          Tensor got, KernelTester(op).Input(Cast(in, dt)).RunOutput());
      double scale = 1;  // relative to the largest magnitude
      for (int64_t e = 0; e < want[i].NumElements(); ++e) {
        scale = std::max(scale, std::fabs(want[i].ElementAsDouble(e)));
      }
      EXPECT_THAT(Cast(got, DT_DOUBLE), TensorNear(want[i], tol * scale))
          << op << " " << DataTypeString(dt);
    }
  }
}

TEST(SpecialCwiseTest, PredicatesAndEdgeValues) {
  const Tensor x = Tensor::FromVector<float>({kNan, kInf, -kInf, 0, -1.5f});
  EXPECT_THAT(KernelTester("IsNan").Input(x).RunOutput(),
              HoldsTensor(Tensor::FromVector<bool>(
                  {true, false, false, false, false})));
  EXPECT_THAT(
      KernelTester("IsInf").Input(Cast(x, DT_HALF)).RunOutput(),
      HoldsTensor(Tensor::FromVector<bool>({false, true, true, false, false})));
  EXPECT_THAT(
      KernelTester("IsFinite").Input(Cast(x, DT_BFLOAT16)).RunOutput(),
      HoldsTensor(Tensor::FromVector<bool>({false, false, false, true, true})));
  EXPECT_THAT(KernelTester("Erf").Input(x).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>(
                  {kNan, 1, -1, 0, std::erf(-1.5f)})));
  // Rint rounds half to even.
  EXPECT_THAT(
      KernelTester("Rint")
          .Input(Tensor::FromVector<float>({0.5f, 1.5f, 2.5f, -0.5f, -1.7f}))
          .RunOutput(),
      HoldsTensor(Tensor::FromVector<float>({0, 2, 2, -0.0f, -2})));
  EXPECT_THAT(KernelTester("Erf").Input(Tensor::FromVector<int32_t>({1})).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Value for attr 'T' of int32 is not in the "
                                 "list of allowed values")));
  EXPECT_THAT(
      KernelTester("IsNan").Input(Tensor::FromVector<float>({})).RunOutput(),
      HoldsTensor(Tensor::FromVector<bool>({})));
}

TEST(SpecialCwiseTest, BinaryOpsBroadcastAndHandleZeros) {
  TFP_REQUIRE_NUMPY();
  const Tensor y = RandomTensor<double>(TensorShape({3, 1, 4}), 11, -2, 2);
  const Tensor x = RandomTensor<double>(TensorShape({5, 1}), 12, 0.1, 3);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval({y, x}, {"np.arctan2(a0, a1)", "a0 * np.log(a1)", "a0 / a1"}));
  EXPECT_THAT(Ok(KernelTester("Atan2").Input(y).Input(x).RunOutput()),
              TensorNear(want[0], 1e-12));
  EXPECT_THAT(Ok(KernelTester("Xlogy").Input(y).Input(x).RunOutput()),
              TensorNear(want[1], 1e-12));
  EXPECT_THAT(KernelTester("Xdivy").Input(y).Input(x).RunOutput(),
              HoldsTensor(want[2]));
  EXPECT_THAT(KernelTester("DivNoNan").Input(y).Input(x).RunOutput(),
              HoldsTensor(want[2]));
  // The zero rules: x == 0 gives 0 for Xlogy / Xdivy, y == 0 for DivNoNan.
  const Tensor a = Tensor::FromVector<float>({0, 0, 2, 2});
  const Tensor b = Tensor::FromVector<float>({0, kNan, 0, 1});
  EXPECT_THAT(KernelTester("Xlogy").Input(a).Input(b).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({0, 0, -kInf, 0})));
  EXPECT_THAT(KernelTester("Xdivy").Input(a).Input(b).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({0, 0, kInf, 2})));
  EXPECT_THAT(KernelTester("DivNoNan").Input(a).Input(b).RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({0, kNan, 0, 2})));
  EXPECT_THAT(KernelTester("Atan2")
                  .Input(Tensor::FromVector<float>({1, 2}))
                  .Input(Tensor::FromVector<float>({1, 2, 3}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Incompatible shapes: [2] vs. [3]")));
}

template <typename T>
void CheckClip(uint32_t seed) {
  const Tensor t = RandomTensor<T>(TensorShape({3, 4}), seed, 0, 100);
  const Tensor hi = RandomTensor<T>(TensorShape({3, 4}), seed + 1, 50, 90);
  const T lo = reference::FromCompute<T>(20);
  Tensor want = t.DeepCopy();
  for (int64_t i = 0; i < 12; ++i) {
    const auto v = reference::ToCompute(t.data<T>()[i]);
    const auto h = reference::ToCompute(hi.data<T>()[i]);
    want.data<T>()[i] = reference::FromCompute<T>(v < reference::ToCompute(lo)
                                                      ? reference::ToCompute(lo)
                                                      : (v > h ? h : v));
  }
  EXPECT_THAT(KernelTester("ClipByValue")
                  .Input(t)
                  .Input(Tensor::Scalar<T>(lo))
                  .Input(hi)
                  .RunOutput(),
              HoldsTensor(want));
}

TEST(ClipL2LossTest, ClipByValueOnDtypes) {
  CheckClip<float>(21);
  CheckClip<int32_t>(22);
  CheckClip<uint8_t>(23);
  CheckClip<int64_t>(24);
  CheckClip<half>(25);
  const Tensor t = Tensor::FromVector<float>({1, 2, 3});
  EXPECT_THAT(KernelTester("ClipByValue")
                  .Input(t)
                  .Input(Tensor::FromVector<float>({0, 0}))
                  .Input(Tensor::Scalar<float>(1))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("clip_value_min and clip_value_max must be "
                                 "either scalars or have the same shape as "
                                 "the input")));
  EXPECT_THAT(KernelTester("ClipByValue")
                  .Input(Tensor::FromVector<float>({}))
                  .Input(Tensor::Scalar<float>(0))
                  .Input(Tensor::Scalar<float>(1))
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({})));
}

TEST(ClipL2LossTest, L2LossIsHalfSumOfSquares) {
  const Tensor t = RandomTensor<double>(TensorShape({7, 3}), 31);
  double sum = 0;
  for (double v : t.flat<double>()) sum += v * v;
  EXPECT_THAT(Ok(KernelTester("L2Loss").Input(t).RunOutput()),
              TensorNear(Tensor::Scalar<double>(sum / 2), 1e-9));
  EXPECT_THAT(
      Ok(Cast(
          KernelTester("L2Loss").Input(Cast(t, DT_HALF)).RunOutput().value(),
          DT_DOUBLE)),
      TensorNear(Tensor::Scalar<double>(sum / 2), sum * 2e-3));
  EXPECT_THAT(
      KernelTester("L2Loss").Input(Tensor::FromVector<float>({})).RunOutput(),
      HoldsTensor(Tensor::Scalar<float>(0)));
}

}  // namespace
}  // namespace tfpersist
