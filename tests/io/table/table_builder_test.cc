#include "io/table/table_builder.h"

#include <gtest/gtest.h>

#include <random>

#include "base/fault_injection_env.h"
#include "io/table/block.h"
#include "io/table/format.h"
#include "testing/status_matchers.h"

namespace tfpersist::table {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

std::string FromHex(std::string_view hex) {
  std::string out;
  int nibbles = 0, acc = 0;
  for (char c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) continue;
    acc = acc * 16 +
          (std::isdigit(static_cast<unsigned char>(c))
               ? c - '0'
               : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    if (++nibbles == 2) {
      out.push_back(static_cast<char>(acc));
      nibbles = acc = 0;
    }
  }
  return out;
}

// Builds a table from (key, value) pairs in MemEnv and returns its bytes.
StatusOr<std::string> Build(
    const std::vector<std::pair<std::string, std::string>>& kvs,
    const TableOptions& options = TableOptions()) {
  std::unique_ptr<Env> env = NewMemEnv();
  TFP_ASSIGN_OR_RETURN(auto file, env->NewWritableFile("/t"));
  TableBuilder builder(options, file.get());
  for (const auto& [k, v] : kvs) builder.Add(k, v);
  TFP_RETURN_IF_ERROR(builder.Finish());
  TFP_RETURN_IF_ERROR(file->Close());
  return ReadFileToString(env.get(), "/t");
}

// The index entries (separator key, handle) of a table file.
std::vector<std::pair<std::string, BlockHandle>> IndexOf(const std::string& t) {
  Footer footer;
  EXPECT_THAT(footer.DecodeFrom(std::string_view(t).substr(t.size() - 48)),
              ::tfpersist::testing::IsOk());
  const BlockHandle& h = footer.index_handle();
  auto block = Block::Create(t.substr(h.offset(), h.size()));
  EXPECT_TRUE(block.ok());
  std::vector<std::pair<std::string, BlockHandle>> out;
  auto it = (*block)->NewIterator();
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view v = it->value();
    BlockHandle handle;
    EXPECT_THAT(handle.DecodeFrom(&v), ::tfpersist::testing::IsOk());
    out.emplace_back(std::string(it->key()), handle);
  }
  return out;
}

// The worked example of spec §5.4, byte for byte.
TEST(TableBuilderTest, MatchesSpecWorkedExample) {
  const std::string expected = FromHex(R"(
    00 00 06 08 01 1a 02 08 01 00 01 0f 61 08 01 12
    04 12 02 08 02 28 08 35 59 3c e5 35 00 01 0d 73
    08 07 12 00 20 08 28 07 35 09 eb 4d 15 00 00 00
    00 01 00 00 00 00 6e 02 a3 e7 00 00 00 00 01 00
    00 00 00 c0 f2 a1 b0 00 01 02 74 00 35 00 00 00
    00 01 00 00 00 00 37 4a 80 2b 3a 08 47 0e 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 57 fb 80 8b 24 75 47 db)");
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string table,
      Build({{"", FromHex("08 01 1A 02 08 01")},
             {"a", FromHex("08 01 12 04 12 02 08 02 28 08 35 59 3C E5 35")},
             {"s", FromHex("08 07 12 00 20 08 28 07 35 09 EB 4D 15")}}));
  EXPECT_EQ(table.size(), 138u);
  EXPECT_EQ(table, expected);
}

TEST(TableBuilderTest, ShortestSeparatorAndSuccessorAsLevelDb) {
  std::string s = "abc1xxxx";
  FindShortestSeparator(&s, "abc3");
  EXPECT_EQ(s, "abc2");
  s = "abc1xxxx";
  FindShortestSeparator(&s, "abc2");  // +1 is not below the limit byte
  EXPECT_EQ(s, "abc1xxxx");
  s = "abc";
  FindShortestSeparator(&s, "abcdef");  // prefix: unchanged
  EXPECT_EQ(s, "abc");
  s = "a\xff"
      "b";
  FindShortestSeparator(&s, "b");
  EXPECT_EQ(s,
            "a\xff"
            "b");  // 'a'+1 == 'b' is not < 'b'
  s = "\xff\xff"
      "a";
  FindShortestSeparator(&s,
                        "\xff\xff"
                        "z");
  EXPECT_EQ(s,
            "\xff\xff"
            "b");

  s = "Variable_3";
  FindShortSuccessor(&s);
  EXPECT_EQ(s, "W");
  s = "optimizer/momentum/w";
  FindShortSuccessor(&s);
  EXPECT_EQ(s, "p");
  s = "\xff\xff";
  FindShortSuccessor(&s);
  EXPECT_EQ(s, "\xff\xff");
  s = "\xff"
      "a";
  FindShortSuccessor(&s);
  EXPECT_EQ(s,
            "\xff"
            "b");
}

TEST(TableBuilderTest, FlushesWhenEstimateReachesBlockSize) {
  TableOptions options;
  options.block_size = 64;
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = 0; i < 10; ++i) {
    kvs.push_back({"key" + std::to_string(i), std::string(20, 'v')});
  }
  TFP_ASSERT_OK_AND_ASSIGN(std::string table, Build(kvs, options));
  // Entry: 3 header bytes + 4-byte key + 20 = 27 (first), 24 (shared "key").
  // Estimate after 2 entries = 27 + 24 + 4 + 4 = 59; after 3 = 83 >= 64.
  auto index = IndexOf(table);
  ASSERT_EQ(index.size(), 4u);        // [0..2] [3..5] [6..8] [9]
  EXPECT_EQ(index[0].first, "key2");  // "key2" vs "key3": +1 not < '3'
  EXPECT_EQ(index[3].first, "l");     // short successor of "key9"
  EXPECT_EQ(index[0].second.offset(), 0u);
  EXPECT_EQ(index[1].second.offset(), index[0].second.size() + 5);
}

// TF flushes *before* an entry with |key| + |value| >= 2 * block_size, so a
// huge tensor entry sits alone in its block (cf. the V1 traffic-signs file).
TEST(TableBuilderTest, OverlyLargeEntryGetsItsOwnBlock) {
  TableOptions options;
  options.block_size = 100;
  TFP_ASSERT_OK_AND_ASSIGN(std::string table,
                           Build({{"a", "1"},
                                  {"b", "2"},
                                  {"big", std::string(199, 'x')},
                                  {"c", std::string(197, 'y')},
                                  {"d", "4"}},
                                 options));
  auto index = IndexOf(table);
  // "big": 3 + 199 = 202 >= 200 -> flush [a, b] first; then the estimate
  // >= 100 flushes [big]. "c": 1 + 197 = 198 < 200: no early flush, but it
  // fills its block. [d] is last.
  ASSERT_EQ(index.size(), 4u);
  EXPECT_EQ(index[0].first, "b");    // separator("b", "big"): prefix
  EXPECT_EQ(index[1].first, "big");  // separator("big", "c"): 'b'+1 == 'c'
  EXPECT_EQ(index[2].first, "c");
  EXPECT_EQ(index[3].first, "e");
}

TEST(TableBuilderTest, OutOfOrderKeyIsStickyInvalidArgument) {
  std::unique_ptr<Env> env = NewMemEnv();
  TFP_ASSERT_OK_AND_ASSIGN(auto file, env->NewWritableFile("/t"));
  TableBuilder builder(TableOptions(), file.get());
  builder.Add("b", "1");
  builder.Add("a", "2");
  EXPECT_THAT(
      builder.status(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("strictly increasing order: \"a\" after \"b\"")));
  builder.Add("c", "3");
  EXPECT_EQ(builder.NumEntries(), 1u);
  EXPECT_THAT(builder.Finish(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("increasing")));
}

TEST(TableBuilderTest, DuplicateKeyIsInvalidArgument) {
  EXPECT_THAT(Build({{"a", "1"}, {"a", "2"}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("increasing")));
}

TEST(TableBuilderTest, WriteErrorIsSticky) {
  std::unique_ptr<Env> mem = NewMemEnv();
  FaultInjectionEnv env(mem.get());
  TFP_ASSERT_OK_AND_ASSIGN(auto file, env.NewWritableFile("/t"));
  env.SetWriteBudget(10);
  TableOptions options;
  options.block_size = 16;
  TableBuilder builder(options, file.get());
  builder.Add("key1", std::string(40, 'a'));  // flushed at once: fails
  EXPECT_THAT(builder.status(),
              StatusIs(StatusCode::kResourceExhausted, HasSubstr("disk full")));
  builder.Add("key2", "b");
  EXPECT_THAT(builder.Finish(),
              StatusIs(StatusCode::kResourceExhausted, HasSubstr("disk full")));
}

TEST(TableBuilderTest, EmptyTableHasEmptyIndex) {
  TFP_ASSERT_OK_AND_ASSIGN(std::string table, Build({}));
  // Empty metaindex (8 + 5) + empty index (8 + 5) + footer.
  EXPECT_EQ(table.size(), 13u + 13u + 48u);
  EXPECT_TRUE(IndexOf(table).empty());
}

TEST(TableBuilderTest, SnappyKeptOnlyWhenItSavesMoreThanAnEighth) {
  TableOptions options;
  options.compression = kSnappyCompression;
  TFP_ASSERT_OK_AND_ASSIGN(std::string table,
                           Build({{"k", std::string(1000, 'z')}}, options));
  auto index = IndexOf(table);
  ASSERT_EQ(index.size(), 1u);
  const BlockHandle& h = index[0].second;
  EXPECT_LT(h.size(), 200u);
  EXPECT_EQ(table[h.offset() + h.size()], '\x01');
  // Incompressible: stored raw.
  std::mt19937 rng(5);
  std::string noise;
  for (int i = 0; i < 1000; ++i) noise.push_back(static_cast<char>(rng()));
  TFP_ASSERT_OK_AND_ASSIGN(table, Build({{"k", noise}}, options));
  index = IndexOf(table);
  EXPECT_EQ(table[index[0].second.offset() + index[0].second.size()], '\0');
}

}  // namespace
}  // namespace tfpersist::table
