#include "io/table/block_builder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "io/coding.h"

namespace tfpersist::table {
namespace {

std::vector<uint32_t> RestartsOf(std::string_view block) {
  const uint32_t n = DecodeFixed32(block.data() + block.size() - 4);
  std::vector<uint32_t> out;
  const char* p = block.data() + block.size() - 4 - 4 * n;
  for (uint32_t i = 0; i < n; ++i) out.push_back(DecodeFixed32(p + 4 * i));
  return out;
}

TEST(BlockBuilderTest, EmptyBlockIsOneRestartAtZero) {
  BlockBuilder b(16);
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.CurrentSizeEstimate(), 8u);
  EXPECT_EQ(b.Finish(), std::string_view("\0\0\0\0\1\0\0\0", 8));
}

TEST(BlockBuilderTest, EntryLayoutWithSharedPrefix) {
  BlockBuilder b(16);
  b.Add("abc", "1");
  b.Add("abd", "22");
  EXPECT_EQ(b.CurrentSizeEstimate(), 7u + 6u + 4u + 4u);
  // shared, non_shared, value_len, key delta, value.
  const std::string expected =
      std::string(
          "\x00\x03\x01"
          "abc"
          "1",
          7) +
      std::string(
          "\x02\x01\x02"
          "d"
          "22",
          6) +
      std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8);
  EXPECT_EQ(b.Finish(), expected);
}

TEST(BlockBuilderTest, RestartEvery16EntriesForDataBlocks) {
  BlockBuilder b(16);
  for (int i = 0; i < 43; ++i) {
    char key[16];
    std::snprintf(key, sizeof(key), "key%04d", i);
    b.Add(key, "v");
  }
  std::string_view block = b.Finish();
  std::vector<uint32_t> restarts = RestartsOf(block);
  ASSERT_EQ(restarts.size(), 3u);  // 43 entries -> restarts at 0, 16, 32
  EXPECT_EQ(restarts[0], 0u);
  // A restart entry stores the full 7-byte key: 3 + 7 + 1 = 11 bytes; the
  // others share "key00"/"key001" etc. Check restarts land on full keys.
  for (uint32_t r : restarts) {
    EXPECT_EQ(block[r], '\0') << "shared must be 0 at restart " << r;
    EXPECT_EQ(block[r + 1], '\x07');
  }
}

TEST(BlockBuilderTest, IndexBlocksRestartAtEveryEntry) {
  BlockBuilder b(1);
  b.Add("a", "x");
  b.Add("ab", "y");
  b.Add("abc", "z");
  std::string_view block = b.Finish();
  EXPECT_EQ(RestartsOf(block), (std::vector<uint32_t>{0, 5, 11}));
  EXPECT_EQ(block[5], '\0');  // no shared prefix at a restart
}

TEST(BlockBuilderTest, ResetStartsOver) {
  BlockBuilder b(16);
  b.Add("k", "v");
  b.Finish();
  b.Reset();
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.Finish().size(), 8u);
}

}  // namespace
}  // namespace tfpersist::table
