// SparseFillEmptyRows, SparseReshape and SparseSegment{Sum,Mean,SqrtN}
// against values worked out by hand (comments show the arithmetic).
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

Tensor I64(std::vector<int64_t> v, TensorShape s) {
  return Tensor::FromVector(v, s);
}
Tensor I64(std::vector<int64_t> v) { return Tensor::FromVector(v); }

// dense_shape [5, 6]; rows 0, 2 (twice, out of order within the row) and 4
// have entries; rows 1 and 3 get the default at column 0.
TEST(SparseFillEmptyRowsTest, FillsEmptyRowsInRowOrder) {
  auto out = KernelTester("SparseFillEmptyRows")
                 .Input(I64({2, 3, 0, 1, 2, 0, 4, 5}, TensorShape({4, 2})))
                 .Input(Tensor::FromVector<std::string>({"c", "a", "b", "d"}))
                 .Input(I64({5, 6}))
                 .ScalarInput<std::string>("-")
                 .Run();
  TFP_ASSERT_OK(out.status());
  EXPECT_THAT((*out)[0],
              TensorEq(I64({0, 1, 1, 0, 2, 3, 2, 0, 3, 0, 4, 5},
                           TensorShape({6, 2}))));
  EXPECT_THAT((*out)[1], TensorEq(Tensor::FromVector<std::string>(
                             {"a", "-", "c", "b", "-", "d"})));
  EXPECT_THAT((*out)[2], TensorEq(Tensor::FromVector<bool>(
                             {false, true, false, true, false})));
  EXPECT_THAT((*out)[3], TensorEq(I64({2, 0, 3, 5})));
}

TEST(SparseFillEmptyRowsTest, EmptyInputAndErrors) {
  auto out = KernelTester("SparseFillEmptyRows")
                 .Input(Tensor(DT_INT64, TensorShape({0, 2})))
                 .Input(Tensor(DT_FLOAT, TensorShape({0})))
                 .Input(I64({2, 3}))
                 .ScalarInput<float>(7)
                 .Run();
  TFP_ASSERT_OK(out.status());
  EXPECT_THAT((*out)[0], TensorEq(I64({0, 0, 1, 0}, TensorShape({2, 2}))));
  EXPECT_THAT((*out)[1], TensorEq(Tensor::FromVector<float>({7, 7})));
  EXPECT_THAT(KernelTester("SparseFillEmptyRows")
                  .Input(I64({3, 0}, TensorShape({1, 2})))
                  .Input(Tensor::FromVector<float>({1}))
                  .Input(I64({3, 1}))
                  .ScalarInput<float>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices(0, 0) is invalid: 3 >= 3")));
  EXPECT_THAT(KernelTester("SparseFillEmptyRows")
                  .Input(I64({0, 0}, TensorShape({1, 2})))
                  .Input(Tensor::FromVector<float>({1}))
                  .Input(I64({0, 1}))
                  .ScalarInput<float>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("dense_shape[0] = 0 but indices.shape[0] = "
                                 "1")));
  EXPECT_THAT(KernelTester("SparseFillEmptyRows")
                  .Input(I64({0, 0}, TensorShape({1, 2})))
                  .Input(Tensor::FromVector<float>({1, 2}))
                  .Input(I64({2, 2}))
                  .ScalarInput<float>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("The length of `values` (2)")));
}

// [2, 3, 4] -> [6, -1]: (0,1,2) is linear 6 -> (1, 2); (1,2,3) is 23 ->
// (5, 3).
TEST(SparseReshapeTest, InfersTheMinusOne) {
  auto out = KernelTester("SparseReshape")
                 .Input(I64({0, 1, 2, 1, 2, 3}, TensorShape({2, 3})))
                 .Input(I64({2, 3, 4}))
                 .Input(I64({6, -1}))
                 .Run();
  TFP_ASSERT_OK(out.status());
  EXPECT_THAT((*out)[0], TensorEq(I64({1, 2, 5, 3}, TensorShape({2, 2}))));
  EXPECT_THAT((*out)[1], TensorEq(I64({6, 4})));
}

TEST(SparseReshapeTest, Errors) {
  auto reshape = [](std::vector<int64_t> target) {
    return KernelTester("SparseReshape")
        .Input(I64({0, 0}, TensorShape({1, 2})))
        .Input(I64({2, 3}))
        .Input(I64(target))
        .Run();
  };
  EXPECT_THAT(reshape({-1, -1}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("only one output dimension may be -1, not "
                                 "both 0 and 1")));
  EXPECT_THAT(reshape({4, -1}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("requires a multiple of 4")));
  EXPECT_THAT(reshape({7}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input to reshape is a tensor with 6 dense "
                                 "values, but the requested shape has 7")));
  EXPECT_THAT(reshape({-2, 3}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("size 0 must be non-negative, not -2")));
}

// data rows r0=[1,2] r1=[3,4] r2=[5,6]; indices [0, 1, 2, 2], segment ids
// [0, 0, 2, 2]: segment 0 = r0 + r1 = [4, 6] (2 rows), segment 1 empty,
// segment 2 = r2 + r2 = [10, 12] (2 rows).
KernelTester Segments(const std::string& op) {
  KernelTester t(op);
  t.Input(Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2})))
      .Input(Tensor::FromVector<int32_t>({0, 1, 2, 2}))
      .Input(Tensor::FromVector<int64_t>({0, 0, 2, 2}));
  return t;
}

TEST(SparseSegmentReductionTest, SumMeanSqrtN) {
  const TensorShape s({3, 2});
  EXPECT_THAT(Segments("SparseSegmentSum").RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({4, 6, 0, 0, 10, 12}, s)));
  EXPECT_THAT(Segments("SparseSegmentMean").RunOutput(),
              HoldsTensor(Tensor::FromVector<float>({2, 3, 0, 0, 5, 6}, s)));
  const float r2 = std::sqrt(2.0f);
  EXPECT_THAT(
      Segments("SparseSegmentSqrtN").RunOutput(),
      HoldsTensor(Tensor::FromVector<float>(
          {4 / r2, 6 / r2, 0, 0, 10 / r2, 12 / r2}, s)));
  EXPECT_THAT(KernelTester("SparseSegmentSum")
                  .Input(Tensor::FromVector<int64_t>({7, 8}))
                  .Input(Tensor::FromVector<int64_t>({1, 1, 0}))
                  .Input(Tensor::FromVector<int32_t>({0, 1, 1}))
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({8, 15})));
  EXPECT_THAT(KernelTester("SparseSegmentSum")
                  .Input(Tensor(DT_FLOAT, TensorShape({3, 2})))
                  .Input(Tensor(DT_INT32, TensorShape({0})))
                  .Input(Tensor(DT_INT32, TensorShape({0})))
                  .RunOutput(),
              HoldsTensor(Tensor(DT_FLOAT, TensorShape({0, 2}))));
}

TEST(SparseSegmentReductionTest, Errors) {
  auto run = [](std::vector<int32_t> idx, std::vector<int32_t> ids,
                const std::string& op = "SparseSegmentSum") {
    return KernelTester(op)
        .Input(Tensor::FromVector<float>({1, 2}))
        .Input(Tensor::FromVector<int32_t>(idx))
        .Input(Tensor::FromVector<int32_t>(ids))
        .Run();
  };
  EXPECT_THAT(run({0, 2}, {0, 0}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[1] == 2 out of range [0, 2)")));
  EXPECT_THAT(run({0, 1}, {1, 0}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("segment ids are not increasing")));
  EXPECT_THAT(run({0}, {0, 1}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("segment_ids and indices should have same "
                                 "size.")));
  EXPECT_THAT(KernelTester("SparseSegmentMean")
                  .Input(Tensor::FromVector<int32_t>({1}))
                  .Input(Tensor::FromVector<int32_t>({0}))
                  .Input(Tensor::FromVector<int32_t>({0}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("int32")));
}

}  // namespace
}  // namespace tfpersist
