#include "io/crc32c.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace tfpersist::crc32c {
namespace {

using internal::ExtendHardware;
using internal::ExtendPortable;
using internal::HardwareAvailable;

// Runs a check on every available implementation.
std::vector<std::pair<const char*, uint32_t (*)(uint32_t, const char*, size_t)>>
Implementations() {
  std::vector<
      std::pair<const char*, uint32_t (*)(uint32_t, const char*, size_t)>>
      impls = {{"dispatch", &Extend}, {"portable", &ExtendPortable}};
  if (HardwareAvailable()) impls.push_back({"sse4.2", &ExtendHardware});
  return impls;
}

TEST(Crc32cTest, StandardResultsFromRfc3720AndTf) {
  for (auto [name, extend] : Implementations()) {
    SCOPED_TRACE(name);
    char buf[32];
    std::memset(buf, 0, sizeof(buf));
    EXPECT_EQ(extend(0, buf, sizeof(buf)), 0x8a9136aau);
    std::memset(buf, 0xff, sizeof(buf));
    EXPECT_EQ(extend(0, buf, sizeof(buf)), 0x62a8ab43u);
    for (int i = 0; i < 32; ++i) buf[i] = static_cast<char>(i);
    EXPECT_EQ(extend(0, buf, sizeof(buf)), 0x46dd794eu);
    for (int i = 0; i < 32; ++i) buf[i] = static_cast<char>(31 - i);
    EXPECT_EQ(extend(0, buf, sizeof(buf)), 0x113fdb5cu);
    EXPECT_EQ(extend(0, "123456789", 9), 0xe3069283u);
    EXPECT_EQ(extend(0, "", 0), 0u);
  }
}

TEST(Crc32cTest, ValuesDiffer) { EXPECT_NE(Value("a", 1), Value("foo", 3)); }

TEST(Crc32cTest, ExtendEqualsValueOfConcatenation) {
  EXPECT_EQ(Value("hello world", 11), Extend(Value("hello ", 6), "world", 5));
}

TEST(Crc32cTest, HardwareMatchesPortableOnRandomLengthsAndAlignments) {
  if (!HardwareAvailable()) GTEST_SKIP() << "no SSE4.2 on this CPU";
  std::mt19937_64 rng(301);
  std::string data(200000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  std::vector<size_t> lengths = {0,
                                 1,
                                 7,
                                 8,
                                 9,
                                 255,
                                 256,
                                 767,
                                 768,
                                 769,
                                 3 * 8192 - 1,
                                 3 * 8192,
                                 3 * 8192 + 777,
                                 100000,
                                 199000};
  for (int i = 0; i < 300; ++i) lengths.push_back(rng() % 100000);
  for (size_t len : lengths) {
    const size_t align = rng() % 16;
    const uint32_t init = static_cast<uint32_t>(rng());
    ASSERT_EQ(ExtendHardware(init, data.data() + align, len),
              ExtendPortable(init, data.data() + align, len))
        << "len " << len << " align " << align;
  }
}

TEST(Crc32cTest, CombineJoinsPieces) {
  std::mt19937_64 rng(7);
  std::string data(70000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t split :
       {size_t{0}, size_t{1}, size_t{100}, size_t{65536}, size_t{70000}}) {
    const uint32_t a = Value(data.data(), split);
    const uint32_t b = Value(data.data() + split, data.size() - split);
    EXPECT_EQ(Combine(a, b, data.size() - split),
              Value(data.data(), data.size()))
        << "split " << split;
  }
}

TEST(Crc32cTest, MaskRoundTripsAndChangesValue) {
  const uint32_t crc = Value("foo", 3);
  EXPECT_NE(crc, Mask(crc));
  EXPECT_NE(crc, Mask(Mask(crc)));
  EXPECT_EQ(crc, Unmask(Mask(crc)));
  EXPECT_EQ(crc, Unmask(Unmask(Mask(Mask(crc)))));
  std::mt19937 rng(1);
  for (int i = 0; i < 1000; ++i) {
    const uint32_t v = rng();
    ASSERT_EQ(Unmask(Mask(v)), v);
  }
  // Rotate right by 15, then add kMaskDelta.
  EXPECT_EQ(Mask(0), 0xa282ead8u);
  EXPECT_EQ(Mask(0x00008000u), 0xa282ead9u);
}

}  // namespace
}  // namespace tfpersist::crc32c
