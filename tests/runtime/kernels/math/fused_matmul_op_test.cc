// _FusedMatMul (oneDNN) against reference/matmul.h plus a naive bias and
// activation: all transposes, odd sizes, m = 0 / 1 (batch 0 / 1) and
// large, k = 0, every activation, const (packed) or plain weights; errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
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
using testing::TensorNear;

float Activate(const std::string& act, double x) {
  if (act == "Relu") x = x < 0 ? 0 : x;
  if (act == "Relu6") x = x < 0 ? 0 : (x > 6 ? 6 : x);
  if (act == "Elu") x = x < 0 ? std::expm1(x) : x;
  if (act == "LeakyRelu") x = x < 0 ? 0.1 * x : x;
  return static_cast<float>(x);
}

StatusOr<Tensor> RunFused(const Tensor& a, const Tensor& b, const Tensor& bias,
                          bool ta, bool tb, const std::string& act,
                          bool packed) {
  std::vector<std::string> ops = {"BiasAdd"};
  if (!act.empty()) ops.push_back(act);
  return KernelTester("_FusedMatMul")
      .Attr("transpose_a", ta)
      .Attr("transpose_b", tb)
      .Attr("fused_ops", ops)
      .Attr("num_args", int64_t{1})
      .Attr("leakyrelu_alpha", 0.1f)
      .Attr("_tfp_const_filter", packed)
      .Input(a)
      .Input(b)
      .InputList({bias})
      .RunOutput();
}

TEST(FusedMatMulOpTest, MatchesReference) {
  struct Dims {
    int64_t m, k, n;
  };
  uint32_t seed = 1;
  for (Dims d : std::vector<Dims>{{1, 784, 1024},
                                  {32, 100, 33},
                                  {7, 3, 5},
                                  {0, 4, 3},
                                  {5, 0, 3},
                                  {1, 1, 1},
                                  {65, 130, 17}}) {
    for (bool ta : {false, true}) {
      for (bool tb : {false, true}) {
        Tensor a = RandomTensor<float>(
            ta ? TensorShape({d.k, d.m}) : TensorShape({d.m, d.k}), seed++, -1,
            1);
        Tensor b = RandomTensor<float>(
            tb ? TensorShape({d.n, d.k}) : TensorShape({d.k, d.n}), seed++, -1,
            1);
        Tensor bias = RandomTensor<float>({d.n}, seed++, -1, 1);
        Tensor prod(DT_FLOAT, TensorShape({d.m, d.n}));
        reference::MatMul(a.data<float>(), b.data<float>(), prod.data<float>(),
                          d.m, d.k, d.n, ta, tb);
        for (std::string act : {"", "Relu", "Relu6", "Elu", "LeakyRelu"}) {
          for (bool packed : {true, false}) {
            SCOPED_TRACE(::testing::Message()
                         << d.m << "x" << d.k << "x" << d.n << " ta=" << ta
                         << " tb=" << tb << " " << act << " packed=" << packed);
            Tensor want(DT_FLOAT, prod.shape());
            for (int64_t i = 0; i < want.NumElements(); ++i) {
              want.data<float>()[i] =
                  Activate(act, double(prod.data<float>()[i]) +
                                    bias.data<float>()[i % d.n]);
            }
            TFP_ASSERT_OK_AND_ASSIGN(Tensor out,
                                     RunFused(a, b, bias, ta, tb, act, packed));
            EXPECT_THAT(out, TensorNear(want, 1e-4));
          }
        }
      }
    }
  }
}

TEST(FusedMatMulOpTest, Errors) {
  const Tensor a = RandomTensor<float>({2, 3}, 1);
  const Tensor bias = Tensor::FromVector<float>({1, 2, 3, 4});
  EXPECT_THAT(
      RunFused(a, RandomTensor<float>({4, 4}, 2), bias, false, false, "", true)
          .status(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Matrix size-incompatible")));
  EXPECT_THAT(
      RunFused(a, RandomTensor<float>({3, 2}, 2), bias, false, false, "", true)
          .status(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Must provide as many biases")));
  EXPECT_THAT(KernelTester("_FusedMatMul")
                  .Attr("fused_ops", std::vector<std::string>{"Sigmoid"})
                  .Attr("num_args", int64_t{0})
                  .Input(a)
                  .Input(RandomTensor<float>({3, 2}, 2))
                  .InputList({})
                  .Run()
                  .status(),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("[Sigmoid]")));
}

}  // namespace
}  // namespace tfpersist
