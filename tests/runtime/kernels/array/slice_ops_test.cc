// Slice, StridedSlice (ops-core.md §5), Transpose. Random StridedSlice
// cases are checked against a naive per-dimension reference written from
// Python's slice semantics (which StridedSlice mirrors).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

Tensor Iota(const TensorShape& shape) {
  std::vector<int32_t> v(shape.num_elements());
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int32_t>(i);
  return Tensor::FromVector(v, shape);
}

KernelTester StridedSlice(const Tensor& x, std::vector<int32_t> b,
                          std::vector<int32_t> e, std::vector<int32_t> s) {
  KernelTester t("StridedSlice");
  t.Input(x).Input(b).Input(e).Input(s);
  return t;
}

// Python's x[start:stop:step] indices for a dim of size n.
std::vector<int64_t> PySlice(int64_t n, std::optional<int64_t> start,
                             std::optional<int64_t> stop, int64_t step) {
  auto adjust = [&](std::optional<int64_t> v, int64_t dflt) {
    if (!v) return dflt;
    int64_t x = *v < 0 ? *v + n : *v;
    if (step > 0) return std::clamp<int64_t>(x, 0, n);
    return std::clamp<int64_t>(x, -1, n - 1);
  };
  int64_t b = adjust(start, step > 0 ? 0 : n - 1);
  int64_t e = adjust(stop, step > 0 ? n : -1);
  std::vector<int64_t> out;
  for (int64_t i = b; step > 0 ? i < e : i > e; i += step) out.push_back(i);
  return out;
}

TEST(StridedSliceTest, RandomTwoDimSlicesMatchPython) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coord(-6, 6), stride(-3, 3), bit(0, 3);
  const TensorShape shape({4, 5});
  const Tensor x = Iota(shape);
  for (int iter = 0; iter < 300; ++iter) {
    std::vector<int32_t> b(2), e(2), s(2);
    int64_t begin_mask = 0, end_mask = 0;
    std::vector<std::vector<int64_t>> idx(2);
    for (int d = 0; d < 2; ++d) {
      b[d] = coord(rng), e[d] = coord(rng);
      do s[d] = stride(rng);
      while (s[d] == 0);
      bool bm = bit(rng) == 0, em = bit(rng) == 0;
      begin_mask |= int64_t{bm} << d;
      end_mask |= int64_t{em} << d;
      idx[d] = PySlice(shape.dim_size(d),
                       bm ? std::nullopt : std::optional<int64_t>(b[d]),
                       em ? std::nullopt : std::optional<int64_t>(e[d]), s[d]);
    }
    std::vector<int32_t> want;
    for (int64_t i : idx[0])
      for (int64_t j : idx[1]) want.push_back(x.flat<int32_t>()[i * 5 + j]);
    Tensor expected = Tensor::FromVector(
        want, TensorShape({static_cast<int64_t>(idx[0].size()),
                           static_cast<int64_t>(idx[1].size())}));
    EXPECT_THAT(StridedSlice(x, b, e, s)
                    .Attr("begin_mask", begin_mask)
                    .Attr("end_mask", end_mask)
                    .RunOutput(),
                HoldsTensor(expected))
        << "begin " << b[0] << "," << b[1] << " end " << e[0] << "," << e[1]
        << " strides " << s[0] << "," << s[1] << " masks " << begin_mask << "/"
        << end_mask;
  }
}

TEST(StridedSliceTest, BatchSizeFromShapeIdiom) {
  // ops-core.md §5: Shape -> StridedSlice([0], [1], [1], shrink_axis_mask=1).
  Tensor shape = Tensor::FromVector<int32_t>({32, 784});
  EXPECT_THAT(StridedSlice(shape, {0}, {1}, {1})
                  .Attr("shrink_axis_mask", int64_t{1})
                  .RunOutput(),
              HoldsTensor(Tensor::Scalar<int32_t>(32)));
}

TEST(StridedSliceTest, EllipsisNewAxisShrink) {
  const Tensor x = Iota(TensorShape({2, 3, 4}));
  // x[..., 1] -> shape [2,3], values 1, 5, 9, ...
  TFP_ASSERT_OK_AND_ASSIGN(Tensor a, StridedSlice(x, {0, 1}, {0, 2}, {1, 1})
                                         .Attr("ellipsis_mask", int64_t{1})
                                         .Attr("shrink_axis_mask", int64_t{2})
                                         .RunOutput());
  EXPECT_EQ(a.shape(), TensorShape({2, 3}));
  EXPECT_EQ(a.flat<int32_t>()[4], 17);  // x[1, 1, 1] = 12 + 4 + 1
  // x[:, newaxis] -> [2,1,3,4]
  TFP_ASSERT_OK_AND_ASSIGN(Tensor b, StridedSlice(x, {0, 0}, {0, 0}, {1, 1})
                                         .Attr("begin_mask", int64_t{1})
                                         .Attr("end_mask", int64_t{1})
                                         .Attr("new_axis_mask", int64_t{2})
                                         .RunOutput());
  EXPECT_EQ(b.shape(), TensorShape({2, 1, 3, 4}));
  // x[-1, ::-1, 0] -> [3]: x[1, 2, 0], x[1, 1, 0], x[1, 0, 0]
  EXPECT_THAT(StridedSlice(x, {-1, 0, 0}, {0, 0, 1}, {1, -1, 1})
                  .Attr("begin_mask", int64_t{2})
                  .Attr("end_mask", int64_t{2})
                  .Attr("shrink_axis_mask", int64_t{5})
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({20, 16, 12})));
}

TEST(StridedSliceTest, Errors) {
  const Tensor x = Iota(TensorShape({3}));
  EXPECT_THAT(StridedSlice(x, {0}, {2}, {0}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("strides[0] must be non-zero")));
  EXPECT_THAT(
      StridedSlice(x, {5}, {6}, {1}).Attr("shrink_axis_mask", int64_t{1}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("slice index 5 of dimension 0 out of bounds.")));
  EXPECT_THAT(
      StridedSlice(x, {0, 0}, {1, 1}, {1, 1})
          .Attr("ellipsis_mask", int64_t{3})
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Multiple ellipses in slice spec not allowed")));
  EXPECT_THAT(StridedSlice(x, {0, 0}, {1}, {1}).Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("equal size")));
}

TEST(SliceTest, BeginSizeAndMinusOne) {
  const Tensor x = Iota(TensorShape({3, 4}));
  EXPECT_THAT(KernelTester("Slice")
                  .Input(x)
                  .Input<int32_t>({1, 1})
                  .Input<int32_t>({2, -1})
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({5, 6, 7, 9, 10, 11},
                                                      TensorShape({2, 3}))));
  EXPECT_THAT(KernelTester("Slice")
                  .Input(x)
                  .Input<int64_t>({1, 1})
                  .Input<int64_t>({3, 1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected size[0] in [0, 2], but got 3")));
  EXPECT_THAT(KernelTester("Slice")
                  .Input(x)
                  .Input<int32_t>({1})
                  .Input<int32_t>({1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("1-D tensors of size 2")));
}

TEST(TransposeTest, PermutesDims) {
  const Tensor x = Iota(TensorShape({2, 3}));
  EXPECT_THAT(
      KernelTester("Transpose").Input(x).Input<int32_t>({1, 0}).RunOutput(),
      HoldsTensor(Tensor::FromVector<int32_t>({0, 3, 1, 4, 2, 5},
                                              TensorShape({3, 2}))));
  const Tensor y = Iota(TensorShape({2, 3, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor t,
      KernelTester("Transpose").Input(y).Input<int64_t>({2, 0, 1}).RunOutput());
  ASSERT_EQ(t.shape(), TensorShape({4, 2, 3}));
  // t[k, i, j] == y[i, j, k]
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k)
        EXPECT_EQ(t.flat<int32_t>()[k * 6 + i * 3 + j],
                  y.flat<int32_t>()[i * 12 + j * 4 + k]);
  EXPECT_THAT(KernelTester("Transpose").Input(x).Input<int32_t>({0, 0}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("0 is duplicated in the input.")));
  EXPECT_THAT(KernelTester("Transpose").Input(x).Input<int32_t>({0}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("transpose expects a vector of size 2")));
}

}  // namespace
}  // namespace tfpersist
