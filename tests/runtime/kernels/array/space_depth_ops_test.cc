// SpaceToBatchND, BatchToSpaceND, DepthToSpace, SpaceToDepth against the
// naive reference (reference/layout.h) on several dtypes, round trips, a
// numpy transcription of TF's documented reshape/transpose definition, and
// TF's errors (NCHW rejected on CPU as TF does).
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

template <typename T>
Tensor Make(const std::vector<T>& v, const std::vector<int64_t>& dims) {
  return Tensor::FromVector(v, TensorShape(dims));
}

template <typename T>
void CheckSpaceBatch(uint32_t seed) {
  // [batch 2, 3, 5, rest 2], block [2, 3], pads [[1, 0], [2, 2]].
  const std::vector<int64_t> dims = {2, 3, 5, 2};
  const Tensor x = RandomTensor<T>(TensorShape(dims), seed);
  const std::vector<int64_t> block = {2, 3}, pads = {1, 0, 2, 2};
  const std::vector<int64_t> out_dims = {12, 2, 3, 2};
  const std::vector<T> s2b =
      reference::SpaceToBatch(x.data<T>(), dims, block, pads);
  EXPECT_THAT(KernelTester("SpaceToBatchND")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({2, 3}))
                  .Input(Make<int64_t>({1, 0, 2, 2}, {2, 2}))
                  .RunOutput(),
              HoldsTensor(Make(s2b, out_dims)));
  // BatchToSpaceND with the same crops inverts it.
  EXPECT_THAT(KernelTester("BatchToSpaceND")
                  .Input(Make(s2b, out_dims))
                  .Input(Tensor::FromVector<int64_t>({2, 3}))
                  .Input(Make<int32_t>({1, 0, 2, 2}, {2, 2}))
                  .RunOutput(),
              HoldsTensor(x));
  // And matches its own reference on crops that do not undo a padding.
  const std::vector<int64_t> crops = {0, 1, 1, 0};
  EXPECT_THAT(KernelTester("BatchToSpaceND")
                  .Input(Make(s2b, out_dims))
                  .Input(Tensor::FromVector<int64_t>({2, 3}))
                  .Input(Make<int64_t>({0, 1, 1, 0}, {2, 2}))
                  .RunOutput(),
              HoldsTensor(Make(
                  reference::BatchToSpace(s2b.data(), out_dims, block, crops),
                  {2, 3, 8, 2})));
}

template <typename T>
void CheckDepthSpace(uint32_t seed) {
  const std::vector<int64_t> dims = {2, 2, 3, 12};
  const Tensor x = RandomTensor<T>(TensorShape(dims), seed);
  const std::vector<T> d2s = reference::DepthToSpace(x.data<T>(), dims, 2);
  EXPECT_THAT(KernelTester("DepthToSpace")
                  .Attr("block_size", int64_t{2})
                  .Input(x)
                  .RunOutput(),
              HoldsTensor(Make(d2s, {2, 4, 6, 3})));
  EXPECT_THAT(KernelTester("SpaceToDepth")
                  .Attr("block_size", int64_t{2})
                  .Input(Make(d2s, {2, 4, 6, 3}))
                  .RunOutput(),
              HoldsTensor(x));
  const std::vector<int64_t> sdims = {1, 6, 9, 2};
  const Tensor y = RandomTensor<T>(TensorShape(sdims), seed + 1);
  EXPECT_THAT(KernelTester("SpaceToDepth")
                  .Attr("block_size", int64_t{3})
                  .Input(y)
                  .RunOutput(),
              HoldsTensor(Make(reference::SpaceToDepth(y.data<T>(), sdims, 3),
                               {1, 2, 3, 18})));
}

TEST(SpaceBatchTest, MatchesReferenceOnDtypes) {
  CheckSpaceBatch<float>(1);
  CheckSpaceBatch<int32_t>(2);
  CheckSpaceBatch<uint8_t>(3);
  CheckSpaceBatch<half>(4);
  CheckSpaceBatch<double>(5);
}

TEST(DepthSpaceTest, MatchesReferenceOnDtypes) {
  CheckDepthSpace<float>(11);
  CheckDepthSpace<int64_t>(12);
  CheckDepthSpace<int8_t>(13);
  CheckDepthSpace<bfloat16>(14);
}

TEST(SpaceBatchTest, EdgeCasesAndErrors) {
  // No spatial dims (M = 0) is a copy; an empty batch stays empty.
  const Tensor x = Make<float>({1, 2, 3, 4}, {2, 2});
  EXPECT_THAT(KernelTester("SpaceToBatchND")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({}))
                  .Input(Make<int32_t>({}, {0, 2}))
                  .RunOutput(),
              HoldsTensor(x));
  EXPECT_THAT(KernelTester("SpaceToBatchND")
                  .Input(Make<float>({}, {0, 4, 1}))
                  .Input(Tensor::FromVector<int32_t>({2}))
                  .Input(Make<int32_t>({0, 0}, {1, 2}))
                  .RunOutput(),
              HoldsTensor(Make<float>({}, {0, 2, 1})));
  EXPECT_THAT(KernelTester("SpaceToBatchND")
                  .Input(Make<float>({1, 2, 3}, {1, 3}))
                  .Input(Tensor::FromVector<int32_t>({2}))
                  .Input(Make<int32_t>({0, 0}, {1, 2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("padded_shape[0]=3 is not divisible by "
                                 "block_shape[0]=2")));
  EXPECT_THAT(KernelTester("SpaceToBatchND")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({0}))
                  .Input(Make<int32_t>({0, 0}, {1, 2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("block_shape must be positive")));
  EXPECT_THAT(KernelTester("BatchToSpaceND")
                  .Input(Make<float>({1, 2, 3}, {3, 1}))
                  .Input(Tensor::FromVector<int32_t>({2}))
                  .Input(Make<int32_t>({0, 0}, {1, 2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input batch dimension (3) is not divisible "
                                 "by product of block sizes (2)")));
  EXPECT_THAT(KernelTester("BatchToSpaceND")
                  .Input(Make<float>({1, 2}, {2, 1}))
                  .Input(Tensor::FromVector<int32_t>({2}))
                  .Input(Make<int32_t>({2, 1}, {1, 2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Cropped size must be non-negative")));
}

TEST(DepthSpaceTest, Errors) {
  const Tensor x = Make<float>(std::vector<float>(12, 1), {1, 1, 2, 6});
  EXPECT_THAT(KernelTester("DepthToSpace")
                  .Attr("block_size", int64_t{2})
                  .Input(x)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input depth dimension 6 should be divisible "
                                 "by: 4")));
  EXPECT_THAT(KernelTester("SpaceToDepth")
                  .Attr("block_size", int64_t{2})
                  .Input(x)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Image width 2 and height 1 should be "
                                 "divisible by block_size: 2")));
  EXPECT_THAT(KernelTester("DepthToSpace")
                  .Attr("block_size", int64_t{2})
                  .Attr("data_format", std::string("NCHW"))
                  .Input(x)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Only NHWC data_format supported on CPU. Got "
                                 "NCHW")));
  EXPECT_THAT(KernelTester("DepthToSpace")
                  .Attr("block_size", int64_t{2})
                  .Input(Make<float>({1, 2, 3, 4}, {4}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input rank should be: 4 instead of: 1")));
}

// numpy spelling of TF's documented definitions (reshape + transpose).
TEST(SpaceDepthNumpyTest, MatchesTfDocumentedDefinition) {
  TFP_REQUIRE_NUMPY();
  const Tensor x = RandomTensor<float>(TensorShape({2, 4, 6, 8}), 41);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval({x},
                {"a0.reshape(2, 4, 6, 2, 2, 2).transpose(0, 1, 3, 2, 4, 5)"
                 ".reshape(2, 8, 12, 2)",
                 "a0.reshape(2, 2, 2, 3, 2, 8).transpose(0, 1, 3, 2, 4, 5)"
                 ".reshape(2, 2, 3, 32)",
                 // SpaceToBatchND, block [2, 3], paddings [[0, 0], [0, 0]].
                 "a0.reshape(2, 2, 2, 2, 3, 8).transpose(2, 4, 0, 1, 3, 5)"
                 ".reshape(12, 2, 2, 8)"}));
  EXPECT_THAT(KernelTester("DepthToSpace")
                  .Attr("block_size", int64_t{2})
                  .Input(x)
                  .RunOutput(),
              HoldsTensor(want[0]));
  EXPECT_THAT(KernelTester("SpaceToDepth")
                  .Attr("block_size", int64_t{2})
                  .Input(x)
                  .RunOutput(),
              HoldsTensor(want[1]));
  EXPECT_THAT(KernelTester("SpaceToBatchND")
                  .Input(x)
                  .Input(Tensor::FromVector<int32_t>({2, 3}))
                  .Input(Make<int32_t>({0, 0, 0, 0}, {2, 2}))
                  .RunOutput(),
              HoldsTensor(want[2]));
}

}  // namespace
}  // namespace tfpersist
