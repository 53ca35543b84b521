#include "io/coding.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace tfpersist {
namespace {

TEST(CodingTest, Fixed32And64RoundTripLittleEndian) {
  std::string s;
  for (uint32_t v = 0; v < 100000; v += 7) PutFixed32(&s, v);
  std::string_view in(s);
  for (uint32_t v = 0; v < 100000; v += 7) {
    uint32_t actual;
    ASSERT_TRUE(GetFixed32(&in, &actual));
    ASSERT_EQ(actual, v);
  }
  EXPECT_TRUE(in.empty());

  s.clear();
  PutFixed64(&s, 0x0102030405060708ull);
  EXPECT_EQ(s, std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8));
  EXPECT_EQ(DecodeFixed64(s.data()), 0x0102030405060708ull);
  s.clear();
  PutFixed32(&s, 0x8b80fb57u);
  EXPECT_EQ(s, "\x57\xfb\x80\x8b");
}

TEST(CodingTest, Varint32RoundTrip) {
  std::string s;
  std::vector<uint32_t> values;
  for (uint32_t i = 0; i < 32 * 32; ++i) values.push_back((i / 32) << (i % 32));
  values.push_back(std::numeric_limits<uint32_t>::max());
  for (uint32_t v : values) PutVarint32(&s, v);
  std::string_view in(s);
  for (uint32_t v : values) {
    uint32_t actual;
    const size_t before = in.size();
    ASSERT_TRUE(GetVarint32(&in, &actual));
    ASSERT_EQ(actual, v);
    ASSERT_EQ(before - in.size(), static_cast<size_t>(VarintLength(v)));
  }
  EXPECT_TRUE(in.empty());
}

TEST(CodingTest, Varint64RoundTrip) {
  std::vector<uint64_t> values = {0, 100, ~uint64_t{0}, ~uint64_t{0} - 1};
  for (int k = 0; k < 64; ++k) {
    const uint64_t power = uint64_t{1} << k;
    values.push_back(power);
    values.push_back(power - 1);
    values.push_back(power + 1);
  }
  std::string s;
  for (uint64_t v : values) PutVarint64(&s, v);
  std::string_view in(s);
  for (uint64_t v : values) {
    uint64_t actual;
    const size_t before = in.size();
    ASSERT_TRUE(GetVarint64(&in, &actual));
    ASSERT_EQ(actual, v);
    ASSERT_EQ(before - in.size(), static_cast<size_t>(VarintLength(v)));
  }
  EXPECT_TRUE(in.empty());
}

TEST(CodingTest, KnownEncodings) {
  std::string s;
  PutVarint64(&s, 300);
  EXPECT_EQ(s, "\xac\x02");
  EXPECT_EQ(VarintLength(0), 1);
  EXPECT_EQ(VarintLength(127), 1);
  EXPECT_EQ(VarintLength(128), 2);
  EXPECT_EQ(VarintLength(~uint64_t{0}), 10);
}

TEST(CodingTest, Varint32OverflowIsRejected) {
  // Five bytes whose last carries bits beyond 32.
  std::string_view in("\x81\x82\x83\x84\x85\x11", 6);
  uint32_t v;
  EXPECT_FALSE(GetVarint32(&in, &v));
  EXPECT_EQ(in.size(), 6u) << "input must be unchanged on failure";
  // Six bytes: continuation bit set on the fifth.
  std::string_view six("\xff\xff\xff\xff\x8f\x01", 6);
  EXPECT_FALSE(GetVarint32(&six, &v));
  // The largest valid one.
  std::string_view max("\xff\xff\xff\xff\x0f", 5);
  ASSERT_TRUE(GetVarint32(&max, &v));
  EXPECT_EQ(v, 0xffffffffu);
}

TEST(CodingTest, Varint64OverflowIsRejected) {
  std::string_view in("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 10);
  uint64_t v;
  EXPECT_FALSE(GetVarint64(&in, &v));
  std::string_view eleven("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x81\x00", 11);
  EXPECT_FALSE(GetVarint64(&eleven, &v));
  std::string_view max("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
  ASSERT_TRUE(GetVarint64(&max, &v));
  EXPECT_EQ(v, ~uint64_t{0});
}

TEST(CodingTest, TruncationAtEveryLengthIsRejected) {
  std::string s;
  PutVarint32(&s, 0xffffffffu);
  for (size_t len = 0; len < s.size(); ++len) {
    std::string_view in(s.data(), len);
    uint32_t v;
    EXPECT_FALSE(GetVarint32(&in, &v)) << len;
    EXPECT_EQ(in.size(), len);
  }
  s.clear();
  PutVarint64(&s, ~uint64_t{0});
  for (size_t len = 0; len < s.size(); ++len) {
    std::string_view in(s.data(), len);
    uint64_t v;
    EXPECT_FALSE(GetVarint64(&in, &v)) << len;
  }
  std::string_view three("abc");
  uint32_t v32;
  uint64_t v64;
  EXPECT_FALSE(GetFixed32(&three, &v32));
  EXPECT_FALSE(GetFixed64(&three, &v64));
  EXPECT_EQ(three, "abc");
}

}  // namespace
}  // namespace tfpersist
