#include "io/table/block.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "io/coding.h"
#include "io/table/block_builder.h"
#include "testing/status_matchers.h"

namespace tfpersist::table {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

std::map<std::string, std::string> SampleEntries(int n) {
  std::map<std::string, std::string> m;
  for (int i = 0; i < n; ++i) {
    char key[32];
    std::snprintf(key, sizeof(key), "tensor/%05d/w", i * 3);
    m[key] = std::string(i % 7, static_cast<char>('a' + i % 26));
  }
  return m;
}

std::string BuildBlock(const std::map<std::string, std::string>& entries,
                       int restart_interval) {
  BlockBuilder b(restart_interval);
  for (const auto& [k, v] : entries) b.Add(k, v);
  return std::string(b.Finish());
}

// Reads every entry; returns the error status, if any.
Status ReadAll(const Block& block, std::map<std::string, std::string>* out) {
  auto it = block.NewIterator();
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    (*out)[std::string(it->key())] = std::string(it->value());
  }
  return it->status();
}

TEST(BlockTest, IteratesAllEntriesInOrder) {
  for (int interval : {1, 2, 16}) {
    const auto entries = SampleEntries(100);
    TFP_ASSERT_OK_AND_ASSIGN(auto block,
                             Block::Create(BuildBlock(entries, interval)));
    std::map<std::string, std::string> read;
    TFP_ASSERT_OK(ReadAll(*block, &read));
    EXPECT_EQ(read, entries) << "interval " << interval;
  }
}

TEST(BlockTest, SeekFindsFirstKeyAtOrAfterTarget) {
  const auto entries = SampleEntries(100);
  for (int interval : {1, 16}) {
    TFP_ASSERT_OK_AND_ASSIGN(auto block,
                             Block::Create(BuildBlock(entries, interval)));
    auto it = block->NewIterator();
    for (const auto& [k, v] : entries) {
      it->Seek(k);
      ASSERT_TRUE(it->Valid());
      EXPECT_EQ(it->key(), k);
      EXPECT_EQ(it->value(), v);
      // Just before k: lands on k.
      std::string before = k.substr(0, k.size() - 1);
      it->Seek(before);
      ASSERT_TRUE(it->Valid());
      EXPECT_EQ(it->key(), k);
    }
    it->Seek("");
    ASSERT_TRUE(it->Valid());
    EXPECT_EQ(it->key(), entries.begin()->first);
    it->Seek("zzz");
    EXPECT_FALSE(it->Valid());
    TFP_EXPECT_OK(it->status());
  }
}

TEST(BlockTest, EmptyBlockHasNoEntries) {
  TFP_ASSERT_OK_AND_ASSIGN(auto block,
                           Block::Create(std::string("\0\0\0\0\1\0\0\0", 8)));
  auto it = block->NewIterator();
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  it->Seek("a");
  EXPECT_FALSE(it->Valid());
  TFP_EXPECT_OK(it->status());
}

TEST(BlockTest, BadRestartArrayIsDataLoss) {
  EXPECT_THAT(Block::Create("abc"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("too short")));
  EXPECT_THAT(Block::Create(std::string("\0\0\0\0", 4)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("restart count 0")));
  EXPECT_THAT(Block::Create(std::string("\0\0\0\0\xff\0\0\0", 8)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("restart count 255")));
  std::string block = BuildBlock(SampleEntries(40), 16);  // 3 restarts
  const size_t restarts = block.size() - 4 - 12;
  std::string bad = block;
  EncodeFixed32(bad.data() + restarts, 5);  // first restart must be 0
  EXPECT_THAT(Block::Create(bad),
              StatusIs(StatusCode::kDataLoss, HasSubstr("restart point 0")));
  bad = block;
  EncodeFixed32(bad.data() + restarts + 4, 0xffffff);  // past entries
  EXPECT_THAT(Block::Create(bad),
              StatusIs(StatusCode::kDataLoss, HasSubstr("restart point 1")));
  bad = block;
  EncodeFixed32(bad.data() + restarts + 8, 1);  // not increasing
  EXPECT_THAT(Block::Create(bad),
              StatusIs(StatusCode::kDataLoss, HasSubstr("restart point 2")));
}

TEST(BlockTest, EntryRunningPastTheEndIsDataLoss) {
  std::string block = BuildBlock({{"key", "value"}}, 16);
  block[2] = 100;  // value_length far beyond the block
  TFP_ASSERT_OK_AND_ASSIGN(auto b, Block::Create(block));
  auto it = b->NewIterator();
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  EXPECT_THAT(it->status(),
              StatusIs(StatusCode::kDataLoss, HasSubstr("past the end")));
}

TEST(BlockTest, SharedPrefixLongerThanPreviousKeyIsDataLoss) {
  std::string block = BuildBlock({{"a", "1"}, {"ab", "2"}}, 16);
  block[5] = 9;  // second entry: shared = 9 > |"a"|
  TFP_ASSERT_OK_AND_ASSIGN(auto b, Block::Create(block));
  std::map<std::string, std::string> read;
  EXPECT_THAT(ReadAll(*b, &read),
              StatusIs(StatusCode::kDataLoss, HasSubstr("shared key prefix")));
}

// Every single-byte change and every truncation either fails cleanly or
// reads some entries: never a crash or an out-of-bounds read.
TEST(BlockTest, EveryCorruptionAndTruncationIsHandled) {
  const std::string block = BuildBlock(SampleEntries(40), 4);
  for (size_t i = 0; i < block.size(); ++i) {
    for (int delta : {1, 0x80, 0xff}) {
      std::string bad = block;
      bad[i] = static_cast<char>(bad[i] + delta);
      auto b = Block::Create(bad);
      if (!b.ok()) {
        EXPECT_EQ(b.status().code(), StatusCode::kDataLoss);
        continue;
      }
      std::map<std::string, std::string> read;
      Status s = ReadAll(**b, &read);
      EXPECT_TRUE(s.ok() || s.code() == StatusCode::kDataLoss) << s;
      auto it = (*b)->NewIterator();
      it->Seek("tensor/00050/w");
    }
  }
  for (size_t len = 0; len < block.size(); ++len) {
    auto b = Block::Create(block.substr(0, len));
    if (!b.ok()) continue;
    std::map<std::string, std::string> read;
    (void)ReadAll(**b, &read);
  }
}

}  // namespace
}  // namespace tfpersist::table
