// Pad, PadV2, MirrorPad, ReverseV2, Roll, BroadcastTo, Split, SplitV: each
// against the naive reference (reference/layout.h) on several dtypes, against
// numpy where it computes the same, plus TF's edge cases and errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/layout.h"
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
using ::tfpersist::testing::TensorEq;

template <typename T>
Tensor Make(const std::vector<T>& v, const std::vector<int64_t>& dims) {
  return Tensor::FromVector(v, TensorShape(dims));
}

Tensor Pads(const std::vector<int32_t>& v) {
  return Make(v, {static_cast<int64_t>(v.size() / 2), 2});
}

template <typename T>
void CheckPadAgainstReference(uint32_t seed) {
  const Tensor x = RandomTensor<T>(TensorShape({2, 3, 4}), seed);
  const std::vector<int64_t> before = {1, 0, 3}, after = {0, 2, 1};
  const std::vector<int64_t> dims = {2, 3, 4};
  const T seven = reference::FromCompute<T>(7);
  const auto want = [&](const T& value) {
    return Make(reference::PadConstant(x.data<T>(), dims, before, after, value),
                {3, 5, 8});
  };
  EXPECT_THAT(
      KernelTester("Pad").Input(x).Input(Pads({1, 0, 0, 2, 3, 1})).RunOutput(),
      HoldsTensor(want(reference::FromCompute<T>(0))));
  EXPECT_THAT(KernelTester("PadV2")
                  .Input(x)
                  .Input(Pads({1, 0, 0, 2, 3, 1}))
                  .Input(Tensor::Scalar<T>(seven))
                  .RunOutput(),
              HoldsTensor(want(seven)));
  for (bool symmetric : {false, true}) {
    EXPECT_THAT(
        KernelTester("MirrorPad")
            .Attr("mode", std::string(symmetric ? "SYMMETRIC" : "REFLECT"))
            .Input(x)
            .Input(Pads({1, 0, 0, 2, 3, 1}))
            .RunOutput(),
        HoldsTensor(Make(
            reference::MirrorPad(x.data<T>(), dims, before, after, symmetric),
            {3, 5, 8})));
  }
}

TEST(PadTest, MatchesReferenceOnDtypes) {
  CheckPadAgainstReference<float>(1);
  CheckPadAgainstReference<double>(2);
  CheckPadAgainstReference<int32_t>(3);
  CheckPadAgainstReference<int64_t>(4);
  CheckPadAgainstReference<uint8_t>(5);
  CheckPadAgainstReference<half>(6);
  CheckPadAgainstReference<bool>(7);
}

TEST(PadTest, EdgeCases) {
  // Empty input: the output is all padding.
  EXPECT_THAT(KernelTester("PadV2")
                  .Input(Make<float>({}, {0, 2}))
                  .Input(Pads({1, 1, 0, 0}))
                  .Input(Tensor::Scalar<float>(5))
                  .RunOutput(),
              HoldsTensor(Make<float>({5, 5, 5, 5}, {2, 2})));
  // Scalar input with [0, 2] paddings.
  EXPECT_THAT(KernelTester("Pad")
                  .Input(Tensor::Scalar<int32_t>(3))
                  .Input(Make<int64_t>({}, {0, 2}))
                  .RunOutput(),
              HoldsTensor(Tensor::Scalar<int32_t>(3)));
  EXPECT_THAT(KernelTester("PadV2")
                  .Input(Make<std::string>({"a", "b"}, {2}))
                  .Input(Pads({1, 2}))
                  .Input(Tensor::Scalar<std::string>("-"))
                  .RunOutput(),
              HoldsTensor(Make<std::string>({"-", "a", "b", "-", "-"}, {5})));
  EXPECT_THAT(
      KernelTester("MirrorPad")
          .Attr("mode", std::string("REFLECT"))
          .Input(Make<std::string>({"a", "b", "c"}, {3}))
          .Input(Pads({2, 2}))
          .RunOutput(),
      HoldsTensor(Make<std::string>({"c", "b", "a", "b", "c", "b", "a"}, {7})));
}

TEST(PadTest, Errors) {
  const Tensor x = Make<float>({1, 2, 3}, {3});
  EXPECT_THAT(KernelTester("Pad").Input(x).Input(Pads({-1, 0})).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Paddings must be non-negative: -1 0")));
  EXPECT_THAT(
      KernelTester("Pad").Input(x).Input(Make<int32_t>({1, 1}, {2})).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("paddings must be a matrix with 2 columns")));
  EXPECT_THAT(KernelTester("Pad").Input(x).Input(Pads({1, 1, 1, 1})).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("The first dimension of paddings must be the "
                                 "rank of inputs")));
  EXPECT_THAT(KernelTester("PadV2")
                  .Input(x)
                  .Input(Pads({1, 1}))
                  .Input(Make<float>({1, 2}, {2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("constant_values must be a scalar")));
  EXPECT_THAT(KernelTester("MirrorPad")
                  .Attr("mode", std::string("REFLECT"))
                  .Input(x)
                  .Input(Pads({3, 0}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("paddings must be less than the dimension "
                                 "size: 3, 0 not less than 3")));
  EXPECT_THAT(KernelTester("MirrorPad")
                  .Attr("mode", std::string("SYMMETRIC"))
                  .Input(x)
                  .Input(Pads({0, 4}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("paddings must be no greater than the "
                                 "dimension size")));
  EXPECT_FALSE(KernelTester("Pad")
                   .Input(x)
                   .Input(Make<int64_t>({0, int64_t{1} << 62}, {1, 2}))
                   .Run()
                   .ok());
}

template <typename T>
void CheckMovesAgainstReference(uint32_t seed) {
  const std::vector<int64_t> dims = {3, 1, 4, 2};
  const Tensor x = RandomTensor<T>(TensorShape(dims), seed);
  EXPECT_THAT(KernelTester("ReverseV2")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({0, -2}))
                  .RunOutput(),
              HoldsTensor(Make(reference::Reverse(x.data<T>(), dims,
                                                  {true, false, true, false}),
                               dims)));
  // Shifts on the same axis add up; shifts wrap both ways.
  EXPECT_THAT(
      KernelTester("Roll")
          .Input(x)
          .Input(Tensor::FromVector<int64_t>({5, -7, 2}))
          .Input(Tensor::FromVector<int64_t>({2, 0, 2}))
          .RunOutput(),
      HoldsTensor(Make(
          reference::Roll(x.data<T>(), dims, std::vector<int64_t>{-7, 0, 7, 0}),
          dims)));
  const std::vector<int64_t> to = {2, 3, 5, 4, 2};
  EXPECT_THAT(
      KernelTester("BroadcastTo")
          .Input(x)
          .Input(Tensor::FromVector<int32_t>({2, 3, 5, 4, 2}))
          .RunOutput(),
      HoldsTensor(Make(reference::BroadcastTo(x.data<T>(), dims, to), to)));
}

TEST(ReverseRollBroadcastTest, MatchReferenceOnDtypes) {
  CheckMovesAgainstReference<float>(11);
  CheckMovesAgainstReference<int64_t>(12);
  CheckMovesAgainstReference<uint16_t>(13);
  CheckMovesAgainstReference<bfloat16>(14);
  CheckMovesAgainstReference<bool>(15);
}

TEST(ReverseRollBroadcastTest, EdgeCasesAndErrors) {
  const Tensor x = Make<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  EXPECT_THAT(KernelTester("ReverseV2")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({}))
                  .RunOutput(),
              HoldsTensor(x));
  EXPECT_THAT(KernelTester("ReverseV2")
                  .Input(Make<float>({}, {0, 3}))
                  .Input(Tensor::FromVector<int64_t>({1}))
                  .RunOutput(),
              HoldsTensor(Make<float>({}, {0, 3})));
  EXPECT_THAT(KernelTester("ReverseV2")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({1, -1}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("axis 1 specified more than once.")));
  EXPECT_THAT(
      KernelTester("ReverseV2")
          .Input(x)
          .Input(Tensor::FromVector<int32_t>({2}))
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("'axis'[0] = 2 is out of valid range [0, 1]")));
  EXPECT_THAT(KernelTester("Roll")
                  .Input(x)
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Input(Tensor::Scalar<int32_t>(-1))
                  .RunOutput(),
              HoldsTensor(Make<float>({3, 1, 2, 6, 4, 5}, {2, 3})));
  EXPECT_THAT(KernelTester("Roll")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({1, 2}))
                  .Input(Tensor::FromVector<int32_t>({0}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("shift and axis must have the same size")));
  EXPECT_THAT(KernelTester("Roll")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({1}))
                  .Input(Tensor::FromVector<int32_t>({2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("axis 2 is out of range")));
  EXPECT_THAT(KernelTester("BroadcastTo")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({4, 3}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Incompatible shapes: [2,3] vs. [4,3]")));
  EXPECT_THAT(KernelTester("BroadcastTo")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({3}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Rank of input (2) must be no greater than "
                                 "rank of output shape (1).")));
  EXPECT_THAT(KernelTester("BroadcastTo")
                  .Input(Make<std::string>({"s"}, {1}))
                  .Input(Tensor::FromVector<int64_t>({2, 2}))
                  .RunOutput(),
              HoldsTensor(Make<std::string>({"s", "s", "s", "s"}, {2, 2})));
}

TEST(SplitTest, EqualPiecesAndSizes) {
  const Tensor x = RandomTensor<int32_t>(TensorShape({2, 6, 3}), 21);
  const int32_t* d = x.data<int32_t>();
  // Split into 3 along axis -2: piece p holds rows 2p, 2p+1 of every batch.
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> pieces,
                           KernelTester("Split")
                               .Attr("num_split", int64_t{3})
                               .Input(Tensor::Scalar<int32_t>(-2))
                               .Input(x)
                               .Run());
  ASSERT_EQ(pieces.size(), 3u);
  for (int p = 0; p < 3; ++p) {
    std::vector<int32_t> want;
    for (int b = 0; b < 2; ++b) {
      for (int r = 2 * p; r < 2 * p + 2; ++r) {
        for (int c = 0; c < 3; ++c) want.push_back(d[(b * 6 + r) * 3 + c]);
      }
    }
    EXPECT_THAT(pieces[p], TensorEq(Make(want, {2, 2, 3})));
  }
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> v,
                           KernelTester("SplitV")
                               .Attr("num_split", int64_t{3})
                               .Input(Make<float>({1, 2, 3, 4, 5, 6}, {6}))
                               .Input(Tensor::FromVector<int64_t>({1, -1, 0}))
                               .Input(Tensor::Scalar<int32_t>(0))
                               .Run());
  EXPECT_THAT(v[0], TensorEq(Make<float>({1}, {1})));
  EXPECT_THAT(v[1], TensorEq(Make<float>({2, 3, 4, 5, 6}, {5})));
  EXPECT_THAT(v[2], TensorEq(Make<float>({}, {0})));
  TFP_ASSERT_OK_AND_ASSIGN(v,
                           KernelTester("SplitV")
                               .Attr("num_split", int64_t{2})
                               .Input(Make<std::string>({"a", "b", "c"}, {3}))
                               .Input(Tensor::FromVector<int8_t>({2, 1}))
                               .Input(Tensor::Scalar<int32_t>(-1))
                               .Run());
  EXPECT_THAT(v[1], TensorEq(Make<std::string>({"c"}, {1})));
}

TEST(SplitTest, Errors) {
  const Tensor x = Make<float>({1, 2, 3, 4, 5}, {5});
  EXPECT_THAT(KernelTester("Split")
                  .Attr("num_split", int64_t{2})
                  .Input(Tensor::Scalar<int32_t>(0))
                  .Input(x)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Number of ways to split should evenly divide "
                                 "the split dimension, but got split_dim 0 "
                                 "(size = 5) and num_split 2")));
  EXPECT_THAT(KernelTester("Split")
                  .Attr("num_split", int64_t{1})
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Input(x)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("-input rank(-1) <= split_dim < input rank "
                                 "(1), but got 1")));
  EXPECT_THAT(KernelTester("SplitV")
                  .Attr("num_split", int64_t{2})
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({-1, -1}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("There can only be one -1 in the input.")));
  EXPECT_THAT(KernelTester("SplitV")
                  .Attr("num_split", int64_t{2})
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({2, 2}))
                  .Input(Tensor::Scalar<int32_t>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Determined shape must either match input "
                                 "shape along split_dim exactly")));
}

TEST(LayoutNumpyTest, PadReverseRollBroadcastSplitMatchNumpy) {
  TFP_REQUIRE_NUMPY();
  const Tensor x = RandomTensor<float>(TensorShape({3, 4, 2}), 31);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval(
          {x}, {"np.pad(a0, [[1, 2], [3, 0], [1, 1]], mode='reflect')",
                "np.pad(a0, [[3, 2], [0, 4], [2, 1]], mode='symmetric')",
                "np.pad(a0, [[0, 1], [2, 0], [0, 3]], "
                "constant_values=-1.5)",
                "np.flip(a0, axis=(0, 2))", "np.roll(a0, (-5, 3), axis=(1, 0))",
                "np.broadcast_to(a0[:, :1, :], (2, 3, 4, 2))",
                "np.split(a0, 2, axis=1)[1]"}));
  const auto pads = [](std::vector<int32_t> v) { return Pads(v); };
  EXPECT_THAT(KernelTester("MirrorPad")
                  .Attr("mode", std::string("REFLECT"))
                  .Input(x)
                  .Input(pads({1, 2, 3, 0, 1, 1}))
                  .RunOutput(),
              HoldsTensor(want[0]));
  EXPECT_THAT(KernelTester("MirrorPad")
                  .Attr("mode", std::string("SYMMETRIC"))
                  .Input(x)
                  .Input(pads({3, 2, 0, 4, 2, 1}))
                  .RunOutput(),
              HoldsTensor(want[1]));
  EXPECT_THAT(KernelTester("PadV2")
                  .Input(x)
                  .Input(pads({0, 1, 2, 0, 0, 3}))
                  .Input(Tensor::Scalar<float>(-1.5f))
                  .RunOutput(),
              HoldsTensor(want[2]));
  EXPECT_THAT(KernelTester("ReverseV2")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({0, 2}))
                  .RunOutput(),
              HoldsTensor(want[3]));
  EXPECT_THAT(KernelTester("Roll")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({-5, 3}))
                  .Input(Tensor::FromVector<int32_t>({1, 0}))
                  .RunOutput(),
              HoldsTensor(want[4]));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor col,
                           KernelTester("Slice")
                               .Input(x)
                               .Input(Tensor::FromVector<int32_t>({0, 0, 0}))
                               .Input(Tensor::FromVector<int32_t>({3, 1, 2}))
                               .RunOutput());
  EXPECT_THAT(KernelTester("BroadcastTo")
                  .Input(col)
                  .Input(Tensor::FromVector<int32_t>({2, 3, 4, 2}))
                  .RunOutput(),
              HoldsTensor(want[5]));
  EXPECT_THAT(KernelTester("Split")
                  .Attr("num_split", int64_t{2})
                  .Input(Tensor::Scalar<int32_t>(1))
                  .Input(x)
                  .RunOutput(1),
              HoldsTensor(want[6]));
}

}  // namespace
}  // namespace tfpersist
