// MatMul, Conv2D, DepthwiseConv2D and pooling references (matmul.h,
// conv.h, pooling.h): hand-checked small cases and identities between them.
#include "runtime/kernels/reference/conv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "runtime/kernels/reference/matmul.h"
#include "runtime/kernels/reference/pooling.h"

namespace tfpersist::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using ::testing::Pointwise;

std::vector<float> Random(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

// Row-major transpose of an [r x c] matrix.
std::vector<float> Transpose(const std::vector<float>& m, int r, int c) {
  std::vector<float> t(m.size());
  for (int i = 0; i < r; ++i) {
    for (int j = 0; j < c; ++j) t[j * r + i] = m[i * c + j];
  }
  return t;
}

TEST(MatMulTest, HandChecked) {
  const std::vector<int> a = {1, 2, 3, 4, 5, 6};     // [2 x 3]
  const std::vector<int> b = {7, 8, 9, 10, 11, 12};  // [3 x 2]
  std::vector<int> out(4);
  MatMul(a.data(), b.data(), out.data(), 2, 3, 2, false, false);
  EXPECT_THAT(out, ElementsAre(58, 64, 139, 154));
}

TEST(MatMulTest, TransposeFlagsMatchTransposedOperands) {
  const int m = 3, k = 4, n = 5;
  const auto a = Random(m * k, 1), b = Random(k * n, 2);
  std::vector<float> expected(m * n), out(m * n);
  MatMul(a.data(), b.data(), expected.data(), m, k, n, false, false);
  const auto at = Transpose(a, m, k), bt = Transpose(b, k, n);
  MatMul(at.data(), bt.data(), out.data(), m, k, n, true, true);
  EXPECT_THAT(out, Pointwise(FloatNear(1e-6), expected));
  MatMul(at.data(), b.data(), out.data(), m, k, n, true, false);
  EXPECT_THAT(out, Pointwise(FloatNear(1e-6), expected));
}

TEST(Conv2DTest, OneByOneConvIsMatMul) {
  ConvGeometry g{.batch = 2,
                 .in_h = 3,
                 .in_w = 4,
                 .in_c = 5,
                 .filter_h = 1,
                 .filter_w = 1,
                 .out_h = 3,
                 .out_w = 4};
  const int out_c = 6;
  const auto in = Random(2 * 3 * 4 * 5, 3), f = Random(5 * out_c, 4);
  std::vector<float> conv(2 * 3 * 4 * out_c), mm(conv.size());
  Conv2D(g, out_c, in.data(), f.data(), conv.data());
  MatMul(in.data(), f.data(), mm.data(), 2 * 3 * 4, 5, out_c, false, false);
  EXPECT_THAT(conv, Pointwise(FloatNear(1e-6), mm));
}

TEST(Conv2DTest, HandCheckedSamePadding) {
  // 3x3 input 1..9, 3x3 filter of ones, SAME stride 1: each output is the
  // sum of its in-bounds 3x3 neighbourhood.
  ConvGeometry g{.batch = 1,
                 .in_h = 3,
                 .in_w = 3,
                 .in_c = 1,
                 .filter_h = 3,
                 .filter_w = 3,
                 .out_h = 3,
                 .out_w = 3,
                 .pad_top = 1,
                 .pad_left = 1};
  const std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<float> f(9, 1.0f);
  std::vector<float> out(9);
  Conv2D(g, 1, in.data(), f.data(), out.data());
  EXPECT_THAT(out, ElementsAre(12, 21, 16, 27, 45, 33, 24, 39, 28));
  // Stride 2, VALID-like geometry over a 3x3 window: one output, 45.
  g.out_h = g.out_w = 1;
  g.pad_top = g.pad_left = 0;
  g.stride_h = g.stride_w = 2;
  Conv2D(g, 1, in.data(), f.data(), out.data());
  EXPECT_EQ(out[0], 45);
}

TEST(Conv2DTest, DilationEqualsZeroInsertedFilter) {
  ConvGeometry g{.batch = 1,
                 .in_h = 7,
                 .in_w = 6,
                 .in_c = 2,
                 .filter_h = 2,
                 .filter_w = 2,
                 .out_h = 5,
                 .out_w = 4,
                 .dilation_h = 2,
                 .dilation_w = 2};
  const auto in = Random(7 * 6 * 2, 5), f = Random(2 * 2 * 2 * 3, 6);
  // Dilated 2x2 filter == 3x3 filter with zeros in the middle row/column.
  std::vector<float> big(3 * 3 * 2 * 3, 0.0f);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 2; ++x) {
      for (int i = 0; i < 6; ++i) {
        big[((y * 2) * 3 + x * 2) * 6 + i] = f[(y * 2 + x) * 6 + i];
      }
    }
  }
  std::vector<float> a(5 * 4 * 3), b(a.size());
  Conv2D(g, 3, in.data(), f.data(), a.data());
  ConvGeometry g3 = g;
  g3.filter_h = g3.filter_w = 3;
  g3.dilation_h = g3.dilation_w = 1;
  Conv2D(g3, 3, in.data(), big.data(), b.data());
  EXPECT_THAT(a, Pointwise(FloatNear(1e-6), b));
}

TEST(DepthwiseConv2DTest, EachChannelIsItsOwnConv) {
  ConvGeometry g{.batch = 1,
                 .in_h = 4,
                 .in_w = 5,
                 .in_c = 3,
                 .filter_h = 3,
                 .filter_w = 3,
                 .out_h = 2,
                 .out_w = 2,
                 .stride_h = 2,
                 .stride_w = 2,
                 .pad_top = 1,
                 .pad_left = 0};
  const int mult = 2;
  const auto in = Random(4 * 5 * 3, 7), f = Random(3 * 3 * 3 * mult, 8);
  std::vector<float> out(2 * 2 * 3 * mult);
  DepthwiseConv2D(g, mult, in.data(), f.data(), out.data());
  for (int c = 0; c < 3; ++c) {
    ConvGeometry g1 = g;
    g1.in_c = 1;
    std::vector<float> in1(4 * 5), f1(9 * mult), out1(4 * mult);
    for (int i = 0; i < 20; ++i) in1[i] = in[i * 3 + c];
    for (int t = 0; t < 9; ++t) {
      for (int q = 0; q < mult; ++q)
        f1[t * mult + q] = f[(t * 3 + c) * mult + q];
    }
    Conv2D(g1, mult, in1.data(), f1.data(), out1.data());
    for (int p = 0; p < 4; ++p) {
      for (int q = 0; q < mult; ++q) {
        EXPECT_NEAR(out[p * 3 * mult + c * mult + q], out1[p * mult + q], 1e-6);
      }
    }
  }
}

TEST(PoolingTest, SameAvgPoolCountsOnlyInBoundsCells) {
  // 2x2 input, 2x2 window, stride 1, SAME: pads one cell after.
  ConvGeometry g{.batch = 1,
                 .in_h = 2,
                 .in_w = 2,
                 .in_c = 1,
                 .filter_h = 2,
                 .filter_w = 2,
                 .out_h = 2,
                 .out_w = 2};
  const std::vector<float> in = {1, 2, 3, 4};
  std::vector<float> out(4);
  AvgPool(g, in.data(), out.data());
  EXPECT_THAT(out, ElementsAre(2.5f, 3.0f, 3.5f, 4.0f));
  MaxPool(g, in.data(), out.data());
  EXPECT_THAT(out, ElementsAre(4, 4, 4, 4));
}

TEST(PoolingTest, PaddedCellsNeverWinMax) {
  ConvGeometry g{.batch = 1,
                 .in_h = 1,
                 .in_w = 3,
                 .in_c = 1,
                 .filter_h = 1,
                 .filter_w = 3,
                 .out_h = 1,
                 .out_w = 3,
                 .pad_left = 1};
  const std::vector<float> in = {-5, -6, -7};
  std::vector<float> out(3);
  MaxPool(g, in.data(), out.data());
  EXPECT_THAT(out, ElementsAre(-5, -5, -6));
  const std::vector<int8_t> in8 = {-128, -100, 127};
  std::vector<int8_t> out8(3);
  MaxPool(g, in8.data(), out8.data());
  EXPECT_THAT(out8, ElementsAreArray(std::vector<int8_t>{-100, 127, 127}));
}

// InBoundsTaps computes directly what a scan over every tap would find.
TEST(ForEachTapTest, InBoundsTapsMatchesScan) {
  for (int64_t in = 0; in <= 6; ++in) {
    for (int64_t k = 0; k <= 7; ++k) {
      for (int64_t d = 1; d <= 3; ++d) {
        for (int64_t base = -12; base <= 8; ++base) {
          int64_t first = -1, count = 0;
          for (int64_t f = 0; f < k; ++f) {
            const int64_t x = base + f * d;
            if (x < 0 || x >= in) continue;
            if (first < 0) first = f;
            ++count;
          }
          const TapRange r = InBoundsTaps(base, k, d, in);
          SCOPED_TRACE(testing::Message() << "in=" << in << " k=" << k
                                          << " d=" << d << " base=" << base);
          EXPECT_EQ(r.end - r.begin, count);
          if (count > 0) EXPECT_EQ(r.begin, first);
        }
      }
    }
  }
}

// A 2^31-tap window over a 4-cell input visits only the 4 in-bounds taps.
TEST(ForEachTapTest, HugeWindowCostsOnlyInBoundsTaps) {
  const int64_t k = (int64_t{1} << 31) - 1;
  ConvGeometry g;
  g.batch = 1;
  g.in_h = g.in_w = 2;
  g.in_c = 1;
  g.filter_h = g.filter_w = k;
  g.out_h = g.out_w = 2;
  g.pad_top = g.pad_left = (k - 1) / 2;
  int64_t calls = 0;
  ForEachTap(g, 1, 1, [&](int64_t iy, int64_t ix, int64_t fy, int64_t fx) {
    EXPECT_EQ(iy, 1 + fy - g.pad_top);
    EXPECT_EQ(ix, 1 + fx - g.pad_left);
    ++calls;
  });
  EXPECT_EQ(calls, 4);
}

}  // namespace
}  // namespace tfpersist::reference
