#include "io/bundle/tensor_slice_key.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "bundle_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::FromHex;
using ::tfpersist::testing::StatusIs;

std::string Signed(int64_t v) {
  std::string s;
  ordered_code::WriteSignedNumIncreasing(&s, v);
  return s;
}

TEST(OrderedCodeTest, SignedNumIncreasingMatchesSpecExamples) {
  EXPECT_EQ(Signed(0), FromHex("80"));
  EXPECT_EQ(Signed(-1), FromHex("7f"));
  EXPECT_EQ(Signed(5), FromHex("85"));
  EXPECT_EQ(Signed(20), FromHex("94"));
  EXPECT_EQ(Signed(100), FromHex("c0 64"));
  EXPECT_EQ(Signed(-100), FromHex("3f 9c"));
  EXPECT_EQ(Signed(std::numeric_limits<int64_t>::max()).size(), 10u);
  EXPECT_EQ(Signed(std::numeric_limits<int64_t>::min()).size(), 10u);
}

TEST(OrderedCodeTest, SignedRoundTripsAndSortsInValueOrder) {
  std::mt19937_64 rng(11);
  std::vector<int64_t> values = {0,
                                 1,
                                 -1,
                                 63,
                                 64,
                                 -64,
                                 -65,
                                 8191,
                                 8192,
                                 std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min()};
  for (int i = 0; i < 2000; ++i) {
    values.push_back(static_cast<int64_t>(rng()) >> (rng() % 64));
  }
  for (int64_t a : values) {
    std::string code = Signed(a);
    std::string_view in(code);
    int64_t back;
    ASSERT_TRUE(ordered_code::ReadSignedNumIncreasing(&in, &back)) << a;
    ASSERT_EQ(back, a);
    ASSERT_TRUE(in.empty());
  }
  for (size_t i = 1; i < values.size(); ++i) {
    const int64_t a = values[i - 1], b = values[i];
    ASSERT_EQ(a < b, Signed(a) < Signed(b)) << a << " vs " << b;
  }
}

TEST(OrderedCodeTest, NumIncreasingAndString) {
  std::string s;
  ordered_code::WriteNumIncreasing(&s, 0);
  ordered_code::WriteNumIncreasing(&s, 2);
  ordered_code::WriteNumIncreasing(&s, 0x1234);
  EXPECT_EQ(s, FromHex("00 01 02 02 12 34"));
  s.clear();
  ordered_code::WriteString(&s, std::string("a\0b\xff", 4));
  EXPECT_EQ(s, FromHex("61 00 ff 62 ff 00 00 01"));
  std::string_view in(s);
  std::string back;
  ASSERT_TRUE(ordered_code::ReadString(&in, &back));
  EXPECT_EQ(back, std::string("a\0b\xff", 4));
}

TEST(TensorSliceKeyTest, MatchesTfKeys) {
  // Spec §6: full slice of rank-2 "w"; scalar "b".
  EXPECT_EQ(EncodeTensorNameSlice("w", TensorSlice(2)),
            FromHex("00 77 00 01 01 02 80 7f 80 7f"));
  EXPECT_EQ(EncodeTensorNameSlice("b", TensorSlice()),
            FromHex("00 62 00 01 00"));
  EXPECT_EQ(EncodeTensorNameSlice("Variable_1", TensorSlice(4)),
            std::string("\x00Variable_1\x00\x01\x01\x04\x80\x7f\x80\x7f\x80\x7f"
                        "\x80\x7f",
                        23));
}

TEST(TensorSliceKeyTest, DecodeRoundTripAndErrors) {
  const TensorSlice slice({{0, 5}, {3, 100}});
  const std::string key = EncodeTensorNameSlice("emb/part", slice);
  std::string name;
  TensorSlice back;
  TFP_ASSERT_OK(DecodeTensorNameSlice(key, &name, &back));
  EXPECT_EQ(name, "emb/part");
  EXPECT_EQ(back, slice);
  EXPECT_THAT(
      DecodeTensorNameSlice(key.substr(0, key.size() - 1), &name, &back),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("malformed")));
  EXPECT_THAT(DecodeTensorNameSlice(key + "x", &name, &back),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("trailing")));
}

TEST(TensorSliceTest, ParseProtoAndShapes) {
  TFP_ASSERT_OK_AND_ASSIGN(TensorSlice s, TensorSlice::Parse("0,5:-"));
  EXPECT_EQ(s.DebugString(), "0,5:-");
  EXPECT_FALSE(s.IsFull());
  EXPECT_TRUE(TensorSlice::Parse("-:-")->IsFull());
  EXPECT_THAT(
      TensorSlice::Parse("0,0"),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("positive length")));
  EXPECT_THAT(TensorSlice::Parse("1"), StatusIs(StatusCode::kInvalidArgument,
                                                HasSubstr("pair of numbers")));
  tensorflow::TensorSliceProto proto;
  s.AsProto(&proto);
  EXPECT_EQ(proto.SerializeAsString(), FromHex("0a 02 10 05 0a 00"));
  TFP_ASSERT_OK_AND_ASSIGN(TensorSlice back, TensorSlice::FromProto(proto));
  EXPECT_EQ(back, s);
  TFP_ASSERT_OK_AND_ASSIGN(TensorShape shape,
                           s.SliceShape(TensorShape({10, 3})));
  EXPECT_EQ(shape, TensorShape({5, 3}));
  EXPECT_THAT(s.SliceShape(TensorShape({4, 3})),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("outside")));
  EXPECT_THAT(s.SliceShape(TensorShape({4})),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("rank")));
  EXPECT_TRUE(TensorSlice({{0, 4}}).CoversAll(TensorShape({4})));
  EXPECT_FALSE(TensorSlice({{0, 3}}).CoversAll(TensorShape({4})));
}

}  // namespace
}  // namespace tfpersist
