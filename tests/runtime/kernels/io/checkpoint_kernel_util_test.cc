#include "runtime/kernels/io/checkpoint_kernel_util.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;
using testing::TensorEq;

TEST(ParseShapeAndSliceTest, ParsesShapeSliceAndSliceShape) {
  TFP_ASSERT_OK_AND_ASSIGN(ShapeAndSlice s, ParseShapeAndSlice("10 20 0,5:-"));
  EXPECT_EQ(s.full_shape, TensorShape({10, 20}));
  EXPECT_EQ(s.slice, TensorSlice({{0, 5}, {0, TensorSlice::kFullExtent}}));
  EXPECT_EQ(s.slice_shape, TensorShape({5, 20}));
}

TEST(ParseShapeAndSliceTest, RejectsMalformedSpecs) {
  EXPECT_THAT(ParseShapeAndSlice("-").status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Need least two elements")));
  EXPECT_THAT(ParseShapeAndSlice("4 x 0,2:-").status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Non numerical dimension")));
  EXPECT_THAT(ParseShapeAndSlice("4 3,2").status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("4 3,2")));
}

TEST(ExtractSliceTest, CopiesTheRegion) {
  Tensor full = Tensor::FromVector<int32_t>(
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, TensorShape({3, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor part,
                           ExtractSlice(full, TensorSlice({{1, 2}, {1, 2}})));
  EXPECT_THAT(part, TensorEq(Tensor::FromVector<int32_t>({5, 6, 9, 10},
                                                         TensorShape({2, 2}))));
}

TEST(ExtractSliceTest, CopiesStrings) {
  Tensor full(DT_STRING, TensorShape({3}));
  full.flat<tstring>()[0] = "a";
  full.flat<tstring>()[1] = "bb";
  full.flat<tstring>()[2] = "ccc";
  TFP_ASSERT_OK_AND_ASSIGN(Tensor part,
                           ExtractSlice(full, TensorSlice({{1, 2}})));
  ASSERT_EQ(part.NumElements(), 2);
  EXPECT_EQ(part.flat<tstring>()[0], "bb");
  EXPECT_EQ(part.flat<tstring>()[1], "ccc");
}

TEST(ExtractSliceTest, RejectsOutOfRangeSlices) {
  Tensor full = Tensor::FromVector<float>({1, 2, 3});
  EXPECT_THAT(ExtractSlice(full, TensorSlice({{2, 5}})).status(),
              StatusIs(StatusCode::kInvalidArgument, ::testing::_));
}

TEST(ValidateSaveRestoreV2InputsTest, NamesTheMismatch) {
  Tensor prefix = Tensor::Scalar<tstring>("p");
  Tensor names = Tensor::FromVector<tstring>({"a"});
  Tensor slices = Tensor::FromVector<tstring>({""});
  TFP_EXPECT_OK(ValidateSaveRestoreV2Inputs(prefix, names, slices, 1, true));
  EXPECT_THAT(ValidateSaveRestoreV2Inputs(names, names, slices, 1, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input prefix should have a single element")));
  EXPECT_THAT(ValidateSaveRestoreV2Inputs(prefix, names, slices, 2, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Got 1 tensor names but 2 tensors")));
  EXPECT_THAT(
      ValidateSaveRestoreV2Inputs(prefix, names, slices, 2, false),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("2 expected dtypes")));
  Tensor two = Tensor::FromVector<tstring>({"", ""});
  EXPECT_THAT(ValidateSaveRestoreV2Inputs(prefix, names, two, 1, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("different number of elements: 1 vs. 2")));
}

}  // namespace
}  // namespace tfpersist
