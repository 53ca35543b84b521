// GatherNd, ScatterNd, TensorScatterUpdate/Add/Sub, SparseToDense, Unique
// and UniqueV2 against the naive reference (reference/scatter_gather.h) and
// numpy, with TF's edge cases and out-of-range errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/scatter_gather.h"
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

template <typename T>
std::vector<T> Values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.NumElements());
}

template <typename T>
void CheckGatherScatter(uint32_t seed) {
  const std::vector<int64_t> dims = {4, 3, 2};
  const Tensor params = RandomTensor<T>(TensorShape(dims), seed);
  // 2 x 2 index rows of length 2 (slices of shape [2]), one repeated.
  const std::vector<int64_t> idx = {3, 1, 0, 2, 3, 1, 1, 0};
  const Tensor indices = Make<int64_t>(idx, {2, 2, 2});
  const std::vector<T> gathered =
      reference::GatherNd(Values<T>(params), dims, idx, 2);
  EXPECT_THAT(KernelTester("GatherNd").Input(params).Input(indices).RunOutput(),
              HoldsTensor(Make(gathered, {2, 2, 2})));
  const Tensor updates =
      RandomTensor<T>(TensorShape({2, 2, 2}), seed + 1, 0, 5);
  const std::vector<T> zeros(24, reference::FromCompute<T>(0));
  EXPECT_THAT(KernelTester("ScatterNd")
                  .Input(indices)
                  .Input(updates)
                  .Input(Tensor::FromVector<int64_t>({4, 3, 2}))
                  .RunOutput(),
              HoldsTensor(Make(reference::ScatterNd(zeros, dims, idx, 2,
                                                    Values<T>(updates), 1),
                               dims)));
  for (int mode = 0; mode < 3; ++mode) {
    const char* op[] = {"TensorScatterUpdate", "TensorScatterAdd",
                        "TensorScatterSub"};
    // Update with a repeated index is order-dependent; use distinct rows.
    const std::vector<int64_t> uidx =
        mode == 0 ? std::vector<int64_t>{3, 1, 0, 2, 2, 1, 1, 0} : idx;
    EXPECT_THAT(
        KernelTester(op[mode])
            .Input(params)
            .Input(Make<int32_t>(std::vector<int32_t>(uidx.begin(), uidx.end()),
                                 {2, 2, 2}))
            .Input(updates)
            .RunOutput(),
        HoldsTensor(Make(reference::ScatterNd(Values<T>(params), dims, uidx, 2,
                                              Values<T>(updates), mode),
                         dims)))
        << op[mode];
  }
}

TEST(GatherScatterNdTest, MatchesReferenceOnDtypes) {
  CheckGatherScatter<float>(1);
  CheckGatherScatter<double>(2);
  CheckGatherScatter<int32_t>(3);
  CheckGatherScatter<int64_t>(4);
  CheckGatherScatter<uint8_t>(5);
}

TEST(GatherScatterNdTest, EdgeCasesAndErrors) {
  const Tensor params = Make<float>({1, 2, 3, 4, 5, 6}, {3, 2});
  // Full-index gather gives scalars; an empty index list gives [0, 2].
  EXPECT_THAT(KernelTester("GatherNd")
                  .Input(params)
                  .Input(Make<int16_t>({2, 1, 0, 0}, {2, 2}))
                  .RunOutput(),
              HoldsTensor(Make<float>({6, 1}, {2})));
  EXPECT_THAT(KernelTester("GatherNd")
                  .Input(params)
                  .Input(Make<int32_t>({}, {0, 1}))
                  .RunOutput(),
              HoldsTensor(Make<float>({}, {0, 2})));
  EXPECT_THAT(KernelTester("GatherNd")
                  .Input(Make<std::string>({"a", "b", "c"}, {3}))
                  .Input(Make<int32_t>({2, 0}, {2, 1}))
                  .RunOutput(),
              HoldsTensor(Make<std::string>({"c", "a"}, {2})));
  EXPECT_THAT(KernelTester("GatherNd")
                  .Input(params)
                  .Input(Make<int32_t>({0, 1, 3, 0}, {2, 2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[1] = [3, 0] does not index into "
                                 "param shape [3,2]")));
  EXPECT_THAT(KernelTester("GatherNd")
                  .Input(params)
                  .Input(Make<int32_t>({0, 0, 0}, {1, 3}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("index innermost dimension length must be <= "
                                 "params rank; saw: 3 vs. 2")));
  EXPECT_THAT(KernelTester("ScatterNd")
                  .Input(Make<int32_t>({4}, {1, 1}))
                  .Input(Tensor::FromVector<float>({1}))
                  .Input(Tensor::FromVector<int32_t>({4}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[0] = [4] does not index into shape "
                                 "[4]")));
  EXPECT_THAT(KernelTester("ScatterNd")
                  .Input(Make<int32_t>({1}, {1, 1}))
                  .Input(Tensor::FromVector<float>({1, 2}))
                  .Input(Tensor::FromVector<int32_t>({4}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("must equal indices.shape[:-1] + "
                                 "shape[indices.shape[-1]:]")));
  EXPECT_THAT(KernelTester("TensorScatterUpdate")
                  .Input(Make<std::string>({"a", "b", "c"}, {3}))
                  .Input(Make<int32_t>({1}, {1, 1}))
                  .Input(Make<std::string>({"z"}, {1}))
                  .RunOutput(),
              HoldsTensor(Make<std::string>({"a", "z", "c"}, {3})));
}

TEST(SparseToDenseTest, WritesValuesAndValidates) {
  const Tensor idx = Make<int64_t>({0, 1, 1, 0, 1, 2}, {3, 2});
  EXPECT_THAT(KernelTester("SparseToDense")
                  .Input(idx)
                  .Input(Tensor::FromVector<int64_t>({2, 3}))
                  .Input(Tensor::FromVector<float>({5, 6, 7}))
                  .Input(Tensor::Scalar<float>(-1))
                  .RunOutput(),
              HoldsTensor(Make<float>({-1, 5, -1, 6, -1, 7}, {2, 3})));
  EXPECT_THAT(KernelTester("SparseToDense")
                  .Input(Tensor::FromVector<int32_t>({3, 0}))
                  .Input(Tensor::FromVector<int32_t>({4}))
                  .Input(Tensor::Scalar<std::string>("x"))
                  .Input(Tensor::Scalar<std::string>(""))
                  .Attr("validate_indices", false)
                  .RunOutput(),
              HoldsTensor(Make<std::string>({"x", "", "", "x"}, {4})));
  EXPECT_THAT(KernelTester("SparseToDense")
                  .Input(Tensor::FromVector<int32_t>({3, 0}))
                  .Input(Tensor::FromVector<int32_t>({4}))
                  .Input(Tensor::Scalar<float>(1))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[1] = [0] is out of order")));
  EXPECT_THAT(KernelTester("SparseToDense")
                  .Input(Tensor::FromVector<int32_t>({1, 1}))
                  .Input(Tensor::FromVector<int32_t>({4}))
                  .Input(Tensor::Scalar<float>(1))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[1] = [1] is repeated")));
  EXPECT_THAT(KernelTester("SparseToDense")
                  .Input(idx)
                  .Input(Tensor::FromVector<int64_t>({2, 2}))
                  .Input(Tensor::FromVector<float>({5, 6, 7}))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[2] = [1,2] is out of bounds: need 0 "
                                 "<= index < [2,2]")));
  EXPECT_THAT(KernelTester("SparseToDense")
                  .Input(idx)
                  .Input(Tensor::FromVector<int64_t>({2, 3}))
                  .Input(Tensor::FromVector<float>({5, 6}))
                  .Input(Tensor::Scalar<float>(0))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("sparse_values has incorrect shape [2], "
                                 "should be [] or [3]")));
}

template <typename T>
void CheckUnique(const Tensor& x) {
  std::vector<T> y;
  std::vector<int64_t> idx;
  reference::Unique(Values<T>(x), &y, &idx);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> out,
      KernelTester("Unique").Attr("out_idx", DT_INT64).Input(x).Run());
  EXPECT_THAT(out[0], TensorEq(Make(y, {static_cast<int64_t>(y.size())})));
  EXPECT_THAT(out[1], TensorEq(Make(idx, {x.NumElements()})));
}

TEST(UniqueTest, MatchesReference) {
  CheckUnique<int32_t>(RandomTensor<int32_t>(TensorShape({50}), 1, 0, 9));
  CheckUnique<int64_t>(RandomTensor<int64_t>(TensorShape({30}), 2, -3, 3));
  CheckUnique<float>(Make<float>({2, -0.0f, 1, 0, 2, 1}, {6}));
  CheckUnique<std::string>(Make<std::string>({"b", "a", "b", "", "a"}, {5}));
  CheckUnique<bool>(Make<bool>({true, true, false}, {3}));
  CheckUnique<float>(Make<float>({}, {0}));
  // NaN != NaN: each NaN is its own value, as in TF.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  TFP_ASSERT_OK_AND_ASSIGN(Tensor idx,
                           KernelTester("Unique")
                               .Input(Make<float>({nan, 1, nan}, {3}))
                               .RunOutput(1));
  EXPECT_THAT(idx, TensorEq(Make<int32_t>({0, 1, 2}, {3})));
}

TEST(UniqueTest, V2AlongAxisAndErrors) {
  const Tensor x = Make<int32_t>({1, 0, 1, 1, 0, 1, 2, 0, 2}, {3, 3});
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> rows,
                           KernelTester("UniqueV2")
                               .Input(x)
                               .Input(Tensor::FromVector<int64_t>({0}))
                               .Run());
  EXPECT_THAT(rows[0], TensorEq(Make<int32_t>({1, 0, 1, 2, 0, 2}, {2, 3})));
  EXPECT_THAT(rows[1], TensorEq(Make<int32_t>({0, 0, 1}, {3})));
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> cols,
                           KernelTester("UniqueV2")
                               .Input(x)
                               .Input(Tensor::FromVector<int32_t>({-1}))
                               .Run());
  EXPECT_THAT(cols[0], TensorEq(Make<int32_t>({1, 0, 1, 0, 2, 0}, {3, 2})));
  EXPECT_THAT(cols[1], TensorEq(Make<int32_t>({0, 1, 0}, {3})));
  EXPECT_THAT(KernelTester("Unique").Input(x).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("unique expects a 1D vector.")));
  EXPECT_THAT(KernelTester("UniqueV2")
                  .Input(x)
                  .Input(Tensor::FromVector<int64_t>({2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("axis has to be between [0, 2)")));
}

TEST(ScatterGatherNumpyTest, MatchesNumpy) {
  TFP_REQUIRE_NUMPY();
  const Tensor params = RandomTensor<float>(TensorShape({5, 4, 3}), 51);
  const Tensor idx = Make<int32_t>({4, 1, 0, 3, 2, 2}, {3, 2});
  const Tensor x = RandomTensor<int64_t>(TensorShape({40}), 52, 0, 12);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval({params, idx, x}, {"a0[a1[:, 0], a1[:, 1]]",
                                   "np.unique(a2, return_index=True)[1]"}));
  EXPECT_THAT(KernelTester("GatherNd").Input(params).Input(idx).RunOutput(),
              HoldsTensor(want[0]));
  // numpy sorts the unique values; their first positions, sorted, are the
  // positions of TF's y (first-occurrence order).
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y,
                           KernelTester("Unique").Input(x).RunOutput());
  std::vector<int64_t> first = Values<int64_t>(want[1]);
  std::sort(first.begin(), first.end());
  std::vector<int64_t> got;
  for (int64_t p : first) got.push_back(x.data<int64_t>()[p]);
  EXPECT_THAT(y, TensorEq(Make(got, {static_cast<int64_t>(got.size())})));
}

}  // namespace
}  // namespace tfpersist
