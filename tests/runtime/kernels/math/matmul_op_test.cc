// MatMul and BatchMatMulV2 against the naive reference (double
// accumulation), across transposes, shapes that take the row- and
// column-partitioned threaded paths, and empty dimensions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/matmul.h"
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

template <typename T>
Tensor ReferenceMatMul(const Tensor& a, const Tensor& b, bool ta, bool tb) {
  const int64_t m = a.dim_size(ta ? 1 : 0), k = a.dim_size(ta ? 0 : 1);
  const int64_t n = b.dim_size(tb ? 0 : 1);
  Tensor out(a.dtype(), TensorShape({m, n}));
  reference::MatMul(a.data<T>(), b.data<T>(), out.data<T>(), m, k, n, ta, tb);
  return out;
}

struct MatMulCase {
  int64_t m, k, n;
};

TEST(MatMulOpTest, MatchesReferenceForAllTransposes) {
  const std::vector<MatMulCase> cases = {{1, 1, 1},      {3, 4, 5},
                                         {2, 784, 1024}, {300, 200, 150},
                                         {7, 0, 3},      {0, 5, 4}};
  uint32_t seed = 1;
  for (const MatMulCase& c : cases) {
    for (int t = 0; t < 4; ++t) {
      const bool ta = t & 1, tb = t & 2;
      SCOPED_TRACE(::testing::Message() << c.m << "x" << c.k << "x" << c.n
                                        << " ta=" << ta << " tb=" << tb);
      Tensor a = RandomTensor<float>(
          ta ? TensorShape({c.k, c.m}) : TensorShape({c.m, c.k}), seed++, -1,
          1);
      Tensor b = RandomTensor<float>(
          tb ? TensorShape({c.n, c.k}) : TensorShape({c.k, c.n}), seed++, -1,
          1);
      TFP_ASSERT_OK_AND_ASSIGN(Tensor out, KernelTester("MatMul")
                                               .Attr("transpose_a", ta)
                                               .Attr("transpose_b", tb)
                                               .Input(a)
                                               .Input(b)
                                               .RunOutput());
      EXPECT_THAT(out, TensorNear(ReferenceMatMul<float>(a, b, ta, tb), 1e-4));
    }
  }
}

TEST(MatMulOpTest, IntegerAndHalfTypes) {
  Tensor a = RandomTensor<int32_t>({13, 17}, 1),
         b = RandomTensor<int32_t>({17, 11}, 2);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out, KernelTester("MatMul").Input(a).Input(b).RunOutput());
  EXPECT_THAT(out, TensorEq(ReferenceMatMul<int32_t>(a, b, false, false)));
  Tensor ha = RandomTensor<half>({6, 8}, 3, -1, 1),
         hb = RandomTensor<half>({8, 5}, 4, -1, 1);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor hout, KernelTester("MatMul").Input(ha).Input(hb).RunOutput());
  EXPECT_THAT(hout,
              TensorNear(ReferenceMatMul<half>(ha, hb, false, false), 1e-2));
}

TEST(MatMulOpTest, Errors) {
  EXPECT_THAT(
      KernelTester("MatMul")
          .Name("mm")
          .Input<float>(std::vector<float>(6), {2, 3})
          .Input<float>(std::vector<float>(8), {4, 2})
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("Matrix size-incompatible: In[0]: "
                                          "[2,3], In[1]: [4,2]"),
                                HasSubstr("{{node mm}}"))));
  EXPECT_THAT(KernelTester("MatMul")
                  .Input<float>({1, 2, 3})
                  .Input<float>({1, 2, 3})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("ndims")));
  EXPECT_THAT(KernelTester("MatMul")
                  .Input<uint8_t>({1}, {1, 1})
                  .Input<uint8_t>({1}, {1, 1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("T=DT_UINT8")));
}

TEST(BatchMatMulV2OpTest, BroadcastsBatchDims) {
  // x [2, 1, 3, 4] (adj_x: stored [.., 4, 3]) times y [3, 4, 5].
  Tensor x = RandomTensor<double>({2, 1, 4, 3}, 1, -1, 1);
  Tensor y = RandomTensor<double>({3, 4, 5}, 2, -1, 1);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out, KernelTester("BatchMatMulV2")
                                           .Attr("adj_x", true)
                                           .Input(x)
                                           .Input(y)
                                           .RunOutput());
  ASSERT_EQ(out.shape(), TensorShape({2, 3, 3, 5}));
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) {
      std::vector<double> want(15);
      reference::MatMul(x.data<double>() + i * 12, y.data<double>() + j * 20,
                        want.data(), 3, 4, 5, true, false);
      for (int e = 0; e < 15; ++e) {
        EXPECT_NEAR(out.data<double>()[(i * 3 + j) * 15 + e], want[e], 1e-12);
      }
    }
  }
  EXPECT_THAT(KernelTester("BatchMatMulV2")
                  .Input(RandomTensor<float>({2, 3, 4}, 1))
                  .Input(RandomTensor<float>({3, 4, 5}, 2))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Incompatible shapes: [2] vs. [3]")));
}

}  // namespace
}  // namespace tfpersist
