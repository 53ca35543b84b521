#include "io/bundle/tensor_data.h"

#include <gtest/gtest.h>

#include "bundle_test_util.h"
#include "io/coding.h"
#include "io/crc32c.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::FromHex;
using ::tfpersist::testing::StatusIs;

TEST(TensorDataTest, DecodeStringTensorMatchesSpecExample) {
  // Spec §5.4: the string scalar "hi".
  const std::string stored = FromHex("02 D8 D8 10 73 68 69");
  std::string out[1];
  TFP_ASSERT_OK_AND_ASSIGN(uint32_t crc,
                           DecodeStringTensor(stored, false, out));
  EXPECT_EQ(out[0], "hi");
  EXPECT_EQ(crc32c::Mask(crc), 0x154deb09u);  // entry bytes 35 09 EB 4D 15
}

TEST(TensorDataTest, DecodeStringTensorErrors) {
  const std::string stored = FromHex("02 D8 D8 10 73 68 69");
  std::string one[1], two[2];
  EXPECT_THAT(DecodeStringTensor(stored.substr(0, 3), false, one),
              StatusIs(StatusCode::kDataLoss, HasSubstr("truncated")));
  EXPECT_THAT(DecodeStringTensor(stored.substr(0, 6), false, one),
              StatusIs(StatusCode::kDataLoss, HasSubstr("add up to 2 bytes")));
  EXPECT_THAT(DecodeStringTensor(stored, false, two),
              StatusIs(StatusCode::kDataLoss, HasSubstr("checksum")));
  EXPECT_THAT(
      DecodeStringTensor(FromHex("ff ff ff ff ff ff ff ff ff ff"), false, one),
      StatusIs(StatusCode::kDataLoss, HasSubstr("length 0 is truncated")));
  std::vector<std::string> many(100);
  EXPECT_THAT(DecodeStringTensor(stored, false, many),
              StatusIs(StatusCode::kDataLoss, HasSubstr("cannot fit")));
}

TEST(TensorDataTest, CopySliceIntoFullHandlesInnerAndOuterSlices) {
  Tensor full = Tensor::Zeros(DT_INT32, TensorShape({3, 4}));
  // Rows 1..2, columns 1..2.
  CopySliceIntoFull(Tensor::FromVector<int32_t>({1, 2, 3, 4}, {2, 2}),
                    TensorSlice({{1, 2}, {1, 2}}), &full);
  EXPECT_TRUE(full.IsSameAs(Tensor::FromVector<int32_t>(
      {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0}, {3, 4})));
  // Row 0, all columns (contiguous run).
  CopySliceIntoFull(Tensor::FromVector<int32_t>({9, 9, 9, 9}, {1, 4}),
                    TensorSlice({{0, 1}, {0, TensorSlice::kFullExtent}}),
                    &full);
  EXPECT_EQ(full.data<int32_t>()[3], 9);
  Tensor strings(DT_STRING, TensorShape({2, 2}));
  CopySliceIntoFull(testing::StringTensor({"a", "b"}, TensorShape({2, 1})),
                    TensorSlice({{0, 2}, {1, 1}}), &strings);
  EXPECT_EQ(strings.data<std::string>()[1], "a");
  EXPECT_EQ(strings.data<std::string>()[3], "b");
  Tensor scalar = Tensor::Scalar<float>(0);
  CopySliceIntoFull(Tensor::Scalar<float>(4), TensorSlice(), &scalar);
  EXPECT_EQ(scalar.scalar<float>(), 4.0f);
}

TEST(TensorDataTest, ByteSwap) {
  std::string bytes = FromHex("01 02 03 04 05 06 07 08");
  ByteSwapTensorData(DT_INT32, bytes.data(), bytes.size());
  EXPECT_EQ(bytes, FromHex("04 03 02 01 08 07 06 05"));
  ByteSwapTensorData(DT_COMPLEX64, bytes.data(), bytes.size());
  EXPECT_EQ(bytes, FromHex("01 02 03 04 05 06 07 08"));
  ByteSwapTensorData(DT_UINT8, bytes.data(), bytes.size());
  EXPECT_EQ(bytes, FromHex("01 02 03 04 05 06 07 08"));
}

}  // namespace
}  // namespace tfpersist
