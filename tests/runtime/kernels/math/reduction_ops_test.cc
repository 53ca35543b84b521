// Sum/Mean/Prod/Max/Min and ArgMax/ArgMin against reference/reduce.h: the
// fast three-level loop and the reference fallback must both give the
// reference's exact results.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/reduce.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using reference::ReduceOp;
using ::testing::HasSubstr;
using testing::KernelTester;
using testing::RandomTensor;
using testing::StatusIs;
using testing::TensorEq;

template <typename T>
Tensor ReferenceReduce(const Tensor& x, const std::vector<int64_t>& axes,
                       ReduceOp op, bool keep_dims) {
  std::vector<bool> reduce(x.dims(), false);
  for (int64_t a : axes) reduce[a < 0 ? a + x.dims() : a] = true;
  TensorShape shape;
  for (int d = 0; d < x.dims(); ++d) {
    if (!reduce[d]) shape.AddDim(x.dim_size(d));
    if (reduce[d] && keep_dims) shape.AddDim(1);
  }
  Tensor out(x.dtype(), shape);
  reference::Reduce(x.data<T>(), x.shape().dim_sizes(), reduce, op,
                    out.data<T>());
  return out;
}

struct ReduceCase {
  TensorShape shape;
  std::vector<int64_t> axes;
};

template <typename T>
void CheckReduce(const std::string& name, ReduceOp op) {
  const std::vector<ReduceCase> cases = {{{2, 3, 4, 5}, {0}},
                                         {{2, 3, 4, 5}, {3}},
                                         {{2, 3, 4, 5}, {1, 2}},
                                         {{2, 3, 4, 5}, {0, 3}},
                                         {{2, 3, 4, 5}, {-1, 1}},
                                         {{2, 3, 4, 5}, {}},
                                         {{2, 3, 4, 5}, {0, 1, 2, 3}},
                                         {{64, 1000}, {1}},
                                         {{1000, 64}, {0}},
                                         {{0, 4}, {0}},
                                         {{4, 1, 3}, {1}},
                                         {{}, {}},
                                         {{2, 7, 7, 3}, {1, 2}}};
  for (const ReduceCase& c : cases) {
    for (bool keep : {false, true}) {
      SCOPED_TRACE(name + " " + c.shape.DebugString() + " axes " +
                   StrJoin(c.axes, ",") + (keep ? " keep" : ""));
      Tensor x = RandomTensor<T>(c.shape, 5, -3, 3);
      TFP_ASSERT_OK_AND_ASSIGN(Tensor out,
                               KernelTester(name)
                                   .Attr("keep_dims", keep)
                                   .Input(x)
                                   .Input(Tensor::FromVector<int64_t>(c.axes))
                                   .RunOutput());
      EXPECT_THAT(out, TensorEq(ReferenceReduce<T>(x, c.axes, op, keep)));
    }
  }
}

TEST(ReductionOpsTest, MatchReference) {
  CheckReduce<float>("Sum", ReduceOp::kSum);
  CheckReduce<int32_t>("Sum", ReduceOp::kSum);
  CheckReduce<float>("Mean", ReduceOp::kMean);
  CheckReduce<int64_t>("Mean", ReduceOp::kMean);
  CheckReduce<half>("Mean", ReduceOp::kMean);
  CheckReduce<double>("Prod", ReduceOp::kProd);
  CheckReduce<float>("Max", ReduceOp::kMax);
  CheckReduce<int8_t>("Min", ReduceOp::kMin);
}

TEST(ReductionOpsTest, ScalarAxisAndErrors) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out, KernelTester("Sum")
                                           .Input<float>({1, 2, 3, 4}, {2, 2})
                                           .ScalarInput<int32_t>(-2)
                                           .RunOutput());
  EXPECT_THAT(out, TensorEq(Tensor::FromVector<float>({4, 6})));
  EXPECT_THAT(
      KernelTester("Mean")
          .Name("m")
          .Input<float>({1, 2, 3, 4}, {2, 2})
          .ScalarInput<int32_t>(2)
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("Invalid reduction dimension (2 for "
                                          "input with 2 dimension(s)"),
                                HasSubstr("{{node m}}"))));
}

TEST(ArgMaxOpTest, MatchesReferenceAlongEachAxis) {
  Tensor x = RandomTensor<int32_t>({6, 5, 70}, 9, -3, 3);  // many ties
  for (int axis = -3; axis < 3; ++axis) {
    for (bool is_max : {true, false}) {
      SCOPED_TRACE(::testing::Message()
                   << "axis " << axis << " max " << is_max);
      const int a = axis < 0 ? axis + 3 : axis;
      TensorShape shape = x.shape();
      shape.RemoveDim(a);
      Tensor want(DT_INT64, shape);
      reference::ArgReduce(x.data<int32_t>(), x.shape().dim_sizes(), a, is_max,
                           want.data<int64_t>());
      TFP_ASSERT_OK_AND_ASSIGN(Tensor out,
                               KernelTester(is_max ? "ArgMax" : "ArgMin")
                                   .Input(x)
                                   .ScalarInput<int32_t>(axis)
                                   .RunOutput());
      EXPECT_THAT(out, TensorEq(want));
    }
  }
}

TEST(ArgMaxOpTest, OutputTypeAndErrors) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out, KernelTester("ArgMax")
                                           .Attr("output_type", DT_INT32)
                                           .Input<float>({1, 5, 5, 2})
                                           .ScalarInput<int64_t>(0)
                                           .RunOutput());
  EXPECT_THAT(out, TensorEq(Tensor::Scalar<int32_t>(1)));
  EXPECT_THAT(KernelTester("ArgMax")
                  .Input<float>(std::vector<float>{}, {0, 3})
                  .ScalarInput<int32_t>(0)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Reduction axis 0 is empty in shape [0,3]")));
  EXPECT_THAT(
      KernelTester("ArgMin").Input<float>({1, 2}).ScalarInput<int32_t>(1).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Expected dimension in the range [-1, 1), "
                         "but got 1")));
}

}  // namespace
}  // namespace tfpersist
