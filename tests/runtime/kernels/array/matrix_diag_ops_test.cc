// MatrixBandPart, MatrixDiagPartV3, MatrixDiagV3, MatrixSetDiagV3 against
// the naive reference (reference/matrix_diag.h) for every alignment, TF's
// documented examples, numpy, and TF's errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/matrix_diag.h"
#include "testing/kernel_test_harness.h"
#include "testing/numpy_eval.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::NumpyEval;
using ::tfpersist::testing::RandomTensor;
using ::tfpersist::testing::StatusIs;

template <typename T>
Tensor Make(const std::vector<T>& v, const std::vector<int64_t>& dims) {
  return Tensor::FromVector(v, TensorShape(dims));
}
template <typename T>
std::vector<T> Values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.NumElements());
}

const char* kAligns[] = {"LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT",
                         "RIGHT_RIGHT"};

template <typename T>
void CheckDiagOps(uint32_t seed) {
  const Tensor a = RandomTensor<T>(TensorShape({2, 3, 4}), seed);
  const T pad = reference::FromCompute<T>(9);
  for (auto [lo, up] : {std::pair{-1, 1}, std::pair{0, 2}, std::pair{-2, -1}}) {
    EXPECT_THAT(KernelTester("MatrixBandPart")
                    .Input(a)
                    .Input(Tensor::Scalar<int64_t>(lo < 0 ? -1 : lo))
                    .Input(Tensor::Scalar<int64_t>(up))
                    .RunOutput(),
                HoldsTensor(Make(reference::BandPart(Values<T>(a), 2, 3, 4,
                                                     lo < 0 ? -1 : lo, up),
                                 {2, 3, 4})));
  }
  for (const char* align : kAligns) {
    const int64_t lo = -1, hi = 2, max_len = 3;
    const std::vector<T> part =
        reference::DiagPart(Values<T>(a), 2, 3, 4, lo, hi, pad, align);
    EXPECT_THAT(KernelTester("MatrixDiagPartV3")
                    .Attr("align", std::string(align))
                    .Input(a)
                    .Input(Tensor::FromVector<int32_t>({-1, 2}))
                    .Input(Tensor::Scalar<T>(pad))
                    .RunOutput(),
                HoldsTensor(Make(part, {2, 4, max_len})))
        << align;
    // MatrixDiagV3 of those diagonals into a 3 x 4 padding matrix.
    const std::vector<T> base(24, pad);
    EXPECT_THAT(KernelTester("MatrixDiagV3")
                    .Attr("align", std::string(align))
                    .Input(Make(part, {2, 4, max_len}))
                    .Input(Tensor::FromVector<int32_t>({-1, 2}))
                    .Input(Tensor::Scalar<int32_t>(3))
                    .Input(Tensor::Scalar<int32_t>(4))
                    .Input(Tensor::Scalar<T>(pad))
                    .RunOutput(),
                HoldsTensor(Make(reference::SetDiag(base, part, 2, 3, 4, lo, hi,
                                                    max_len, align),
                                 {2, 3, 4})))
        << align;
    const Tensor d = RandomTensor<T>(TensorShape({2, 4, max_len}), seed + 1);
    EXPECT_THAT(
        KernelTester("MatrixSetDiagV3")
            .Attr("align", std::string(align))
            .Input(a)
            .Input(d)
            .Input(Tensor::FromVector<int32_t>({-1, 2}))
            .RunOutput(),
        HoldsTensor(Make(reference::SetDiag(Values<T>(a), Values<T>(d), 2, 3, 4,
                                            lo, hi, max_len, align),
                         {2, 3, 4})))
        << align;
  }
}

TEST(MatrixDiagTest, MatchesReferenceOnDtypes) {
  CheckDiagOps<float>(1);
  CheckDiagOps<int32_t>(2);
  CheckDiagOps<double>(3);
  CheckDiagOps<uint8_t>(4);
  CheckDiagOps<half>(5);
}

// The examples of TF's MatrixDiagV3 / MatrixDiagPartV3 docs.
TEST(MatrixDiagTest, TfDocumentedExamples) {
  // tf.matrix_diag([1, 2]) -> [[1, 0], [0, 2]] (k = 0, inferred size).
  EXPECT_THAT(KernelTester("MatrixDiagV3")
                  .Input(Tensor::FromVector<float>({1, 2}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .Input(Tensor::Scalar<int32_t>(-1))
                  .Input(Tensor::Scalar<int32_t>(-1))
                  .Input(Tensor::Scalar<float>(0))
                  .RunOutput(),
              HoldsTensor(Make<float>({1, 0, 0, 2}, {2, 2})));
  // k = 1 superdiagonal of a 3x3 with padding -1.
  EXPECT_THAT(
      KernelTester("MatrixDiagV3")
          .Input(Tensor::FromVector<int32_t>({7, 8}))
          .Input(Tensor::Scalar<int32_t>(1))
          .Input(Tensor::Scalar<int32_t>(-1))
          .Input(Tensor::Scalar<int32_t>(-1))
          .Input(Tensor::Scalar<int32_t>(-1))
          .RunOutput(),
      HoldsTensor(Make<int32_t>({-1, 7, -1, -1, -1, 8, -1, -1, -1}, {3, 3})));
  // Diagonal part, k = (-1, 1), RIGHT_LEFT, from the TF docs:
  // input [[1,2,3,4],[5,6,7,8],[9,8,7,6]] -> [[2,7,6],[1,6,7],[5,8,0]].
  EXPECT_THAT(
      KernelTester("MatrixDiagPartV3")
          .Input(Make<int32_t>({1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6}, {3, 4}))
          .Input(Tensor::FromVector<int32_t>({-1, 1}))
          .Input(Tensor::Scalar<int32_t>(0))
          .RunOutput(),
      HoldsTensor(Make<int32_t>({2, 7, 6, 1, 6, 7, 5, 8, 0}, {3, 3})));
  // ... and with LEFT_RIGHT: [[2,7,6],[1,6,7],[0,5,8]].
  EXPECT_THAT(
      KernelTester("MatrixDiagPartV3")
          .Attr("align", std::string("LEFT_RIGHT"))
          .Input(Make<int32_t>({1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6}, {3, 4}))
          .Input(Tensor::FromVector<int32_t>({-1, 1}))
          .Input(Tensor::Scalar<int32_t>(0))
          .RunOutput(),
      HoldsTensor(Make<int32_t>({2, 7, 6, 1, 6, 7, 0, 5, 8}, {3, 3})));
}

TEST(MatrixDiagTest, Errors) {
  const Tensor a = Make<float>(std::vector<float>(6, 1), {2, 3});
  EXPECT_THAT(KernelTester("MatrixBandPart")
                  .Input(a)
                  .Input(Tensor::Scalar<int64_t>(3))
                  .Input(Tensor::Scalar<int64_t>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("num_lower must be negative or less or equal "
                                 "to number of rows (2) got: 3")));
  EXPECT_THAT(KernelTester("MatrixBandPart")
                  .Input(Make<float>({1, 2}, {2}))
                  .Input(Tensor::Scalar<int64_t>(0))
                  .Input(Tensor::Scalar<int64_t>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be at least 2-dim")));
  EXPECT_THAT(KernelTester("MatrixDiagPartV3")
                  .Input(a)
                  .Input(Tensor::FromVector<int32_t>({1, 0}))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("lower_diag_index must not be greater than "
                                 "upper_diag_index, received lower_diag_index "
                                 "= 1 and upper_diag_index = 0")));
  EXPECT_THAT(KernelTester("MatrixDiagPartV3")
                  .Input(a)
                  .Input(Tensor::Scalar<int32_t>(3))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("lower_diag_index is out of bound: 3. It must "
                                 "be between -2 and 3")));
  EXPECT_THAT(KernelTester("MatrixDiagV3")
                  .Input(Make<float>({1, 2, 3, 4}, {2, 2}))
                  .Input(Tensor::FromVector<int32_t>({0, 2}))
                  .Input(Tensor::Scalar<int32_t>(-1))
                  .Input(Tensor::Scalar<int32_t>(-1))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("The number of diagonals provided in the "
                                 "input does not match")));
  EXPECT_THAT(KernelTester("MatrixSetDiagV3")
                  .Input(a)
                  .Input(Tensor::FromVector<float>({1, 2, 3}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected diagonal shape: [2]")));
}

TEST(MatrixDiagNumpyTest, BandAndDiagonalMatchNumpy) {
  TFP_REQUIRE_NUMPY();
  const Tensor a = RandomTensor<double>(TensorShape({2, 5, 4}), 61);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval({a}, {"np.triu(np.tril(a0, 2), -1)",
                      "np.diagonal(a0, offset=1, axis1=1, axis2=2).copy()",
                      "np.tril(a0)"}));
  EXPECT_THAT(KernelTester("MatrixBandPart")
                  .Input(a)
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Input(Tensor::Scalar<int32_t>(2))
                  .RunOutput(),
              HoldsTensor(want[0]));
  EXPECT_THAT(KernelTester("MatrixDiagPartV3")
                  .Input(a)
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Input(Tensor::Scalar<double>(0))
                  .RunOutput(),
              HoldsTensor(want[1]));
  EXPECT_THAT(KernelTester("MatrixBandPart")
                  .Input(a)
                  .Input(Tensor::Scalar<int64_t>(-1))
                  .Input(Tensor::Scalar<int64_t>(0))
                  .RunOutput(),
              HoldsTensor(want[2]));
}

}  // namespace
}  // namespace tfpersist
