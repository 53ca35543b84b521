// BiasAdd, Softmax / LogSoftmax, FusedBatchNorm{,V2,V3} and LRN against
// their references, in both layouts where they apply, and their errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/batch_norm.h"
#include "runtime/kernels/reference/lrn.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/kernels/reference/softmax.h"
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

TEST(BiasAddOpTest, NhwcAndNchwMatchBroadcastAdd) {
  Tensor v = RandomTensor<float>({2, 3, 4, 5}, 1);
  Tensor b = RandomTensor<float>({5}, 2);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor out, KernelTester("BiasAdd").Input(v).Input(b).RunOutput());
  EXPECT_THAT(out, TensorEq(testing::ReferenceBinary<float, float>(
                       v, b, reference::AddFn())));
  Tensor bc = RandomTensor<float>({3}, 3);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor nchw, KernelTester("BiasAdd")
                                            .Attr("data_format", "NCHW")
                                            .Input(v)
                                            .Input(bc)
                                            .RunOutput());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor bc3, bc.Reshaped(TensorShape({3, 1, 1})));
  EXPECT_THAT(nchw, TensorEq(testing::ReferenceBinary<float, float>(
                        v, bc3, reference::AddFn())));
  Tensor iv = RandomTensor<int64_t>({300, 700}, 4);
  Tensor ib = RandomTensor<int64_t>({700}, 5);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor iout, KernelTester("BiasAdd").Input(iv).Input(ib).RunOutput());
  EXPECT_THAT(iout, TensorEq(testing::ReferenceBinary<int64_t, int64_t>(
                        iv, ib, reference::AddFn())));
}

TEST(BiasAddOpTest, Errors) {
  EXPECT_THAT(KernelTester("BiasAdd")
                  .Name("ba")
                  .Input<float>({1, 2, 3})
                  .Input<float>({1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       ::testing::AllOf(
                           HasSubstr("Input tensor must be at least 2D: [3]"),
                           HasSubstr("{{node ba}}"))));
  EXPECT_THAT(KernelTester("BiasAdd")
                  .Input<float>(std::vector<float>(8), {2, 4})
                  .Input<float>({1, 2, 3})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Must provide as many biases as the channel "
                                 "dimension of the input tensor: [3] vs. "
                                 "[2,4]")));
}

TEST(SoftmaxOpTest, MatchesReference) {
  for (const TensorShape& shape :
       {TensorShape({5}), TensorShape({3, 7}), TensorShape({64, 1000}),
        TensorShape({0, 4})}) {
    for (bool log : {false, true}) {
      SCOPED_TRACE(shape.DebugString() + (log ? " log" : ""));
      Tensor x = RandomTensor<float>(shape, 1, -20, 20);
      Tensor want(DT_FLOAT, shape);
      const int64_t depth = shape.dim_size(shape.dims() - 1);
      reference::Softmax(x.data<float>(), depth ? x.NumElements() / depth : 0,
                         depth, log, want.data<float>());
      TFP_ASSERT_OK_AND_ASSIGN(
          Tensor y,
          KernelTester(log ? "LogSoftmax" : "Softmax").Input(x).RunOutput());
      EXPECT_THAT(y, TensorNear(want, 1e-5));
    }
  }
  EXPECT_THAT(KernelTester("Softmax").Input(Tensor::Scalar<float>(1)).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("logits must have >= 1 dimension")));
}

// Runs a FusedBatchNorm op and compares every output with the reference.
void CheckBatchNorm(const std::string& op, const std::string& format,
                    bool training, float avg_factor) {
  SCOPED_TRACE(op + " " + format + (training ? " training" : " inference"));
  const TensorShape shape =
      format == "NHWC" ? TensorShape({2, 5, 4, 3}) : TensorShape({2, 3, 5, 4});
  Tensor x = RandomTensor<float>(shape, 1, -5, 5);
  Tensor scale = RandomTensor<float>({3}, 2, 0.5, 1.5);
  Tensor offset = RandomTensor<float>({3}, 3, -1, 1);
  Tensor mean = RandomTensor<float>({3}, 4, -1, 1);
  Tensor var = RandomTensor<float>({3}, 5, 0.5, 1.5);
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> out,
                           KernelTester(op)
                               .Attr("data_format", format)
                               .Attr("is_training", training)
                               .Attr("epsilon", 0.001f)
                               .Attr("exponential_avg_factor", avg_factor)
                               .Input(x)
                               .Input(scale)
                               .Input(offset)
                               .Input(mean)
                               .Input(var)
                               .Run());
  reference::BatchNormParams p{.outer = format == "NHWC" ? 40 : 2,
                               .channels = 3,
                               .inner = format == "NHWC" ? 1 : 20,
                               .epsilon = 0.001f,
                               .exponential_avg_factor = avg_factor,
                               .is_training = training};
  Tensor y(DT_FLOAT, shape);
  const auto s = reference::FusedBatchNorm(
      p, x.data<float>(), scale.data<float>(), offset.data<float>(),
      mean.data<float>(), var.data<float>(), y.data<float>());
  ASSERT_EQ(out.size(), op == "FusedBatchNormV3" ? 6u : 5u);
  EXPECT_THAT(out[0], TensorNear(y, 1e-5));
  EXPECT_THAT(out[1], TensorNear(Tensor::FromVector(s.batch_mean), 1e-6));
  EXPECT_THAT(out[2], TensorNear(Tensor::FromVector(s.batch_variance), 1e-5));
  EXPECT_THAT(out[3], TensorNear(Tensor::FromVector(s.reserve_1), 1e-6));
  EXPECT_THAT(out[4], TensorNear(Tensor::FromVector(s.reserve_2), 1e-5));
}

TEST(FusedBatchNormOpTest, MatchesReference) {
  for (const char* op :
       {"FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3"}) {
    for (const char* format : {"NHWC", "NCHW"}) {
      CheckBatchNorm(op, format, false, 1.0f);
      CheckBatchNorm(op, format, true, 1.0f);
      CheckBatchNorm(op, format, true, 0.3f);
    }
  }
}

TEST(FusedBatchNormOpTest, TrainingIgnoresEmptyStatsAndChecksShapes) {
  Tensor x = RandomTensor<float>({1, 2, 2, 2}, 1);
  Tensor two = Tensor::FromVector<float>({1, 1});
  Tensor empty = Tensor::FromVector<float>({});
  TFP_EXPECT_OK(KernelTester("FusedBatchNormV3")
                    .Input(x)
                    .Input(two)
                    .Input(two)
                    .Input(empty)
                    .Input(empty)
                    .Run());
  EXPECT_THAT(KernelTester("FusedBatchNormV3")
                  .Name("bn")
                  .Attr("is_training", false)
                  .Input(x)
                  .Input(two)
                  .Input(two)
                  .Input(empty)
                  .Input(empty)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       ::testing::AllOf(
                           HasSubstr("mean must have the same number of "
                                     "elements as the channels of x, got 0 "
                                     "and 2"),
                           HasSubstr("{{node bn}}"))));
  EXPECT_THAT(KernelTester("FusedBatchNorm")
                  .Input<float>({1, 2})
                  .Input(two)
                  .Input(two)
                  .Input(two)
                  .Input(two)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must be 4-dimensional")));
}

TEST(LrnOpTest, MatchesReference) {
  Tensor x = RandomTensor<float>({2, 3, 4, 11}, 1, -3, 3);
  Tensor want(DT_FLOAT, x.shape());
  reference::Lrn(x.data<float>(), 24, 11, 2, 1.5f, 0.1f, 0.75f,
                 want.data<float>());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y, KernelTester("LRN")
                                         .Attr("depth_radius", int64_t{2})
                                         .Attr("bias", 1.5f)
                                         .Attr("alpha", 0.1f)
                                         .Attr("beta", 0.75f)
                                         .Input(x)
                                         .RunOutput());
  EXPECT_THAT(y, TensorNear(want, 1e-5));
  EXPECT_THAT(KernelTester("LRN").Input<float>({1, 2}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("in must be 4-dimensional")));
}

}  // namespace
}  // namespace tfpersist
