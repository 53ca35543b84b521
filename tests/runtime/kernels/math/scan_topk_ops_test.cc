// Cumsum / Cumprod (exclusive, reverse, negative axes), Any / All, Bincount,
// TopKV2, InTopKV2: against the naive reference (reference/scan.h) on
// several dtypes, numpy, and TF's errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/scan.h"
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
using ::tfpersist::testing::TensorEq;
using ::tfpersist::testing::TensorNear;

template <typename T>
Tensor Make(const std::vector<T>& v, const std::vector<int64_t>& dims) {
  return Tensor::FromVector(v, TensorShape(dims));
}

template <typename T>
void CheckScans(uint32_t seed) {
  const Tensor x = RandomTensor<T>(TensorShape({3, 4, 5}), seed, -3, 3);
  using C = reference::ComputeType<T>;
  std::vector<C> xc;
  for (const T& v : x.flat<T>()) xc.push_back(reference::ToCompute(v));
  for (bool exclusive : {false, true}) {
    for (bool reverse : {false, true}) {
      for (bool prod : {false, true}) {
        const std::vector<C> want = reference::Cumulative<C>(
            xc, 3, 4, 5, exclusive, reverse, C(prod ? 1 : 0), [&](C a, C b) {
              return prod ? reference::WrapMul(a, b) : reference::WrapAdd(a, b);
            });
        std::vector<T> wt;
        for (C v : want) wt.push_back(reference::FromCompute<T>(v));
        TFP_ASSERT_OK_AND_ASSIGN(Tensor got,
                                 KernelTester(prod ? "Cumprod" : "Cumsum")
                                     .Attr("exclusive", exclusive)
                                     .Attr("reverse", reverse)
                                     .Input(x)
                                     .Input(Tensor::Scalar<int32_t>(-2))
                                     .RunOutput());
        if constexpr (std::is_floating_point_v<T>) {
          EXPECT_THAT(got, TensorNear(Make(wt, {3, 4, 5}),
                                      sizeof(C) == 4 ? 1e-3 : 1e-9));
        } else {
          EXPECT_THAT(got, TensorEq(Make(wt, {3, 4, 5})));
        }
      }
    }
  }
}

TEST(CumulativeTest, MatchesReferenceOnDtypes) {
  CheckScans<float>(1);
  CheckScans<double>(2);
  CheckScans<int32_t>(3);
  CheckScans<int64_t>(4);
  CheckScans<uint8_t>(5);
  CheckScans<int8_t>(6);
}

TEST(CumulativeTest, NumpyEdgeCasesAndErrors) {
  TFP_REQUIRE_NUMPY();
  const Tensor x = RandomTensor<double>(TensorShape({4, 6}), 7);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval({x}, {"np.cumsum(a0, axis=1)",
                      "np.cumprod(a0[::-1], axis=0)[::-1]"}));
  EXPECT_THAT(Ok(KernelTester("Cumsum")
                     .Input(x)
                     .Input(Tensor::Scalar<int64_t>(1))
                     .RunOutput()),
              TensorNear(want[0], 1e-12));
  EXPECT_THAT(Ok(KernelTester("Cumprod")
                     .Attr("reverse", true)
                     .Input(x)
                     .Input(Tensor::Scalar<int32_t>(0))
                     .RunOutput()),
              TensorNear(want[1], 1e-9));
  EXPECT_THAT(KernelTester("Cumsum")
                  .Input(Make<float>({}, {0, 3}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .RunOutput(),
              HoldsTensor(Make<float>({}, {0, 3})));
  EXPECT_THAT(
      KernelTester("Cumsum").Input(x).Input(Tensor::Scalar<int32_t>(2)).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("ScanOp: Expected scan axis in the range [-2, "
                         "2), but got 2")));
  EXPECT_THAT(KernelTester("Cumsum")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({0}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("ScanOp: axis must be a scalar, not [1]")));
}

TEST(BoolReductionTest, AnyAllOverAxes) {
  const Tensor x = Make<bool>({true, false, false, false, true, true}, {2, 3});
  EXPECT_THAT(KernelTester("Any")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({1}))
                  .RunOutput(),
              HoldsTensor(Make<bool>({true, true}, {2})));
  EXPECT_THAT(KernelTester("All")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({1}))
                  .RunOutput(),
              HoldsTensor(Make<bool>({false, false}, {2})));
  EXPECT_THAT(KernelTester("All")
                  .Attr("keep_dims", true)
                  .Input(x)
                  .Input(Tensor::FromVector<int64_t>({-2}))
                  .RunOutput(),
              HoldsTensor(Make<bool>({false, false, false}, {1, 3})));
  EXPECT_THAT(KernelTester("Any")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({0, 1, 1}))
                  .RunOutput(),
              HoldsTensor(Tensor::Scalar<bool>(true)));
  // Empty reductions: Any -> false, All -> true.
  EXPECT_THAT(KernelTester("Any")
                  .Input(Make<bool>({}, {0, 2}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .RunOutput(),
              HoldsTensor(Make<bool>({false, false}, {2})));
  EXPECT_THAT(KernelTester("All")
                  .Input(Make<bool>({}, {0, 2}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .RunOutput(),
              HoldsTensor(Make<bool>({true, true}, {2})));
  EXPECT_THAT(KernelTester("Any")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Invalid reduction dimension (2 for input "
                                 "with 2 dimension(s)")));
}

TEST(BincountTest, CountsAndWeights) {
  const Tensor arr = RandomTensor<int32_t>(TensorShape({40}), 41, 0, 7);
  const std::vector<int32_t> a(arr.data<int32_t>(), arr.data<int32_t>() + 40);
  EXPECT_THAT(KernelTester("Bincount")
                  .Input(arr)
                  .Input(Tensor::Scalar<int32_t>(6))
                  .Input(Make<int64_t>({}, {0}))
                  .RunOutput(),
              HoldsTensor(Make(reference::Bincount<int64_t>(a, 6, {}), {6})));
  const Tensor w = RandomTensor<double>(TensorShape({40}), 42);
  EXPECT_THAT(
      Ok(KernelTester("Bincount")
             .Input(arr)
             .Input(Tensor::Scalar<int32_t>(9))
             .Input(w)
             .RunOutput()),
      TensorNear(Make(reference::Bincount<double>(
                          a, 9, std::span<const double>(w.data<double>(), 40)),
                      {9}),
                 1e-12));
  EXPECT_THAT(KernelTester("Bincount")
                  .Input(Tensor::FromVector<int32_t>({1, -1}))
                  .Input(Tensor::Scalar<int32_t>(3))
                  .Input(Make<float>({}, {0}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input arr must be non-negative!")));
  EXPECT_THAT(KernelTester("Bincount")
                  .Input(Tensor::FromVector<int32_t>({1}))
                  .Input(Tensor::Scalar<int32_t>(-1))
                  .Input(Make<float>({}, {0}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("size (-1) must be non-negative")));
  EXPECT_THAT(KernelTester("Bincount")
                  .Input(Tensor::FromVector<int32_t>({1, 2}))
                  .Input(Tensor::Scalar<int32_t>(3))
                  .Input(Make<float>({1}, {1}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("`weights` must be the same shape as `arr`")));
}

template <typename T>
void CheckTopK(uint32_t seed) {
  // Few distinct values, so ties are common.
  const Tensor x = RandomTensor<T>(TensorShape({3, 2, 9}), seed, 0, 5);
  std::vector<T> values;
  std::vector<int64_t> indices;
  reference::TopK<T>(std::span<const T>(x.data<T>(), 54), 6, 9, 4, &values,
                     &indices);
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> got,
                           KernelTester("TopKV2")
                               .Attr("index_type", DT_INT64)
                               .Input(x)
                               .Input(Tensor::Scalar<int32_t>(4))
                               .Run());
  EXPECT_THAT(got[0], TensorEq(Make(values, {3, 2, 4})));
  EXPECT_THAT(got[1], TensorEq(Make(indices, {3, 2, 4})));
}

TEST(TopKTest, MatchesReferenceOnDtypes) {
  CheckTopK<float>(51);
  CheckTopK<double>(52);
  CheckTopK<int32_t>(53);
  CheckTopK<uint8_t>(54);
  CheckTopK<int64_t>(55);
  CheckTopK<half>(56);
}

TEST(TopKTest, EdgeCasesAndErrors) {
  const Tensor x = Tensor::FromVector<float>({1, 3, 2});
  EXPECT_THAT(KernelTester("TopKV2")
                  .Input(x)
                  .Input(Tensor::Scalar<int32_t>(0))
                  .RunOutput(1),
              HoldsTensor(Make<int32_t>({}, {0})));
  EXPECT_THAT(KernelTester("TopKV2")
                  .Attr("index_type", DT_INT16)
                  .Input(x)
                  .Input(Tensor::Scalar<int64_t>(2))
                  .RunOutput(1),
              HoldsTensor(Make<int16_t>({1, 2}, {2})));
  EXPECT_THAT(
      KernelTester("TopKV2").Input(x).Input(Tensor::Scalar<int32_t>(4)).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("input must have at least k columns. Had 3, "
                         "needed 4")));
  EXPECT_THAT(
      KernelTester("TopKV2").Input(x).Input(Tensor::Scalar<int32_t>(-1)).Run(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("Need k >= 0, got -1")));
  EXPECT_THAT(KernelTester("TopKV2")
                  .Input(Tensor::Scalar<float>(1))
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be >= 1-D")));
}

TEST(InTopKTest, MatchesReference) {
  const Tensor pred = RandomTensor<float>(TensorShape({6, 5}), 61, 0, 3);
  Tensor p = pred.DeepCopy();
  for (float& v : p.flat<float>()) v = std::round(v);  // ties
  p.data<float>()[29] = std::numeric_limits<float>::infinity();
  const std::vector<int64_t> targets = {0, 4, 2, 7, 1, 3};
  for (int64_t k : {1, 2, 4}) {
    const std::vector<bool> want = reference::InTopK(
        std::span<const float>(p.data<float>(), 30), 5, targets, k);
    EXPECT_THAT(KernelTester("InTopKV2")
                    .Input(p)
                    .Input(Tensor::FromVector(targets))
                    .Input(Tensor::Scalar<int64_t>(k))
                    .RunOutput(),
                HoldsTensor(Make(want, {6})))
        << "k=" << k;
  }
  EXPECT_THAT(KernelTester("InTopKV2")
                  .Input(p)
                  .Input(Tensor::FromVector<int32_t>({1, 2}))
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("First dimension of predictions 6 must match "
                                 "length of targets 2")));
}

}  // namespace
}  // namespace tfpersist
