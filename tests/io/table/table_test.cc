#include "io/table/table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>

#include "io/table/table_builder.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"

namespace tfpersist::table {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using KVMap = std::map<std::string, std::string>;

class TableTest : public ::testing::Test {
 protected:
  void SetUp() override { env_ = NewMemEnv(); }

  // Writes kvs as table "/t".
  void Write(const KVMap& kvs, const TableOptions& options = TableOptions()) {
    auto file = env_->NewWritableFile("/t");
    ASSERT_TRUE(file.ok());
    TableBuilder builder(options, file->get());
    for (const auto& [k, v] : kvs) builder.Add(k, v);
    TFP_ASSERT_OK(builder.Finish());
    TFP_ASSERT_OK((*file)->Close());
  }

  // Opens `path` and reads every entry into *out; returns the first error.
  Status ReadAll(const std::string& path, KVMap* out) {
    TFP_ASSIGN_OR_RETURN(auto file, env_->NewRandomAccessFile(path));
    TFP_ASSIGN_OR_RETURN(uint64_t size, env_->GetFileSize(path));
    TFP_ASSIGN_OR_RETURN(auto table, Table::Open(file.get(), size));
    auto it = table->NewIterator();
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      (*out)[std::string(it->key())] = std::string(it->value());
    }
    return it->status();
  }

  std::unique_ptr<Env> env_;
};

KVMap RandomEntries(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  KVMap kvs;
  for (int i = 0; i < n; ++i) {
    std::string key(1 + rng() % 20, '\0');
    for (char& c : key) c = static_cast<char>('a' + rng() % 4);
    kvs[key] = std::string(rng() % 300, static_cast<char>(rng()));
  }
  return kvs;
}

TEST_F(TableTest, RoundTripManyBlocks) {
  for (size_t block_size : {size_t{1}, size_t{200}, size_t{262144}}) {
    const KVMap kvs = RandomEntries(500, block_size);
    TableOptions options;
    options.block_size = block_size;
    Write(kvs, options);
    KVMap read;
    TFP_ASSERT_OK(ReadAll("/t", &read));
    EXPECT_EQ(read, kvs) << "block_size " << block_size;
  }
}

TEST_F(TableTest, SeekIsFirstKeyAtOrAfterTarget) {
  const KVMap kvs = RandomEntries(300, 3);
  TableOptions options;
  options.block_size = 256;
  Write(kvs, options);
  TFP_ASSERT_OK_AND_ASSIGN(auto file, env_->NewRandomAccessFile("/t"));
  TFP_ASSERT_OK_AND_ASSIGN(uint64_t size, env_->GetFileSize("/t"));
  TFP_ASSERT_OK_AND_ASSIGN(auto table, Table::Open(file.get(), size));
  auto it = table->NewIterator();
  for (const std::string target :
       {"", "a", "ab", "abcd", "b", "cc", "d", "dddddddddddddddddddddd", "e"}) {
    it->Seek(target);
    auto expected = kvs.lower_bound(target);
    if (expected == kvs.end()) {
      EXPECT_FALSE(it->Valid()) << target;
    } else {
      ASSERT_TRUE(it->Valid()) << target;
      EXPECT_EQ(it->key(), expected->first);
      EXPECT_EQ(it->value(), expected->second);
    }
  }
  for (const auto& [k, v] : kvs) {
    it->Seek(k);
    ASSERT_TRUE(it->Valid());
    ASSERT_EQ(it->key(), k);
  }
  TFP_EXPECT_OK(it->status());
}

TEST_F(TableTest, EmptyTable) {
  Write({});
  KVMap read;
  TFP_ASSERT_OK(ReadAll("/t", &read));
  EXPECT_TRUE(read.empty());
}

TEST_F(TableTest, ShortOrForeignFileIsDataLossNamingTheFile) {
  TFP_ASSERT_OK(WriteStringToFile(env_.get(), "/short.index", "abc"));
  KVMap read;
  EXPECT_THAT(
      ReadAll("/short.index", &read),
      StatusIs(StatusCode::kDataLoss,
               HasSubstr("/short.index: file of 3 bytes is too short")));
  TFP_ASSERT_OK(
      WriteStringToFile(env_.get(), "/x.index", std::string(100, 'x')));
  EXPECT_THAT(ReadAll("/x.index", &read),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("/x.index: not a table file (bad magic")));
}

TEST_F(TableTest, HostileIndexHandleIsDataLossNamingTheFile) {
  Write({{"a", "1"}});
  TFP_ASSERT_OK_AND_ASSIGN(std::string data,
                           ReadFileToString(env_.get(), "/t"));
  // Footer starts with the metaindex handle (1 + 1 bytes), then the index
  // handle: make its size huge.
  std::string bad = data;
  const size_t footer = bad.size() - 48;
  bad.replace(footer + 2, 11, "\x20\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01");
  TFP_ASSERT_OK(WriteStringToFile(env_.get(), "/bad.index", bad));
  KVMap read;
  EXPECT_THAT(ReadAll("/bad.index", &read),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("/bad.index: index block: block handle")));
}

// Every single-byte change gives DATA_LOSS or exactly the original entries
// (bytes the reader ignores: metaindex contents, footer padding).
TEST_F(TableTest, EveryByteFlipIsDetectedOrHarmless) {
  KVMap kvs = RandomEntries(40, 9);
  TableOptions options;
  options.block_size = 300;
  Write(kvs, options);
  TFP_ASSERT_OK_AND_ASSIGN(std::string data,
                           ReadFileToString(env_.get(), "/t"));
  int detected = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    std::string bad = data;
    bad[i] ^= 0x5a;
    TFP_ASSERT_OK(WriteStringToFile(env_.get(), "/bad", bad));
    KVMap read;
    Status s = ReadAll("/bad", &read);
    if (s.ok()) {
      ASSERT_EQ(read, kvs) << "flip at " << i << " changed the entries";
    } else {
      ASSERT_EQ(s.code(), StatusCode::kDataLoss) << s;
      ++detected;
    }
  }
  EXPECT_GT(detected, static_cast<int>(data.size()) - 60);
}

TEST_F(TableTest, EveryTruncationIsAnError) {
  Write(RandomEntries(30, 5));
  TFP_ASSERT_OK_AND_ASSIGN(std::string data,
                           ReadFileToString(env_.get(), "/t"));
  for (size_t len = 0; len < data.size(); ++len) {
    TFP_ASSERT_OK(WriteStringToFile(env_.get(), "/cut", data.substr(0, len)));
    KVMap read;
    EXPECT_THAT(ReadAll("/cut", &read),
                StatusIs(StatusCode::kDataLoss, HasSubstr("/cut")))
        << len;
  }
}

// Every table TensorFlow wrote in the fixtures (V2 indexes, incl. snappy
// blocks, and V1 checkpoints, incl. a 3-block table) reads cleanly.
TEST(TableFixtureTest, OpensEveryTfWrittenTable) {
  TFP_REQUIRE_SHARED();
  std::vector<std::string> paths =
      ::tfpersist::testing::FixtureFilesWithSuffix(".index");
  for (const char* v1 :
       {"ckpt-v1-nxt-adam/model.ckpt", "ckpt-v1-traffic-signs/model.ckpt",
        "ckpt-v1-bad-half-plus-two/export",
        "ckpt-v1-session-bundle-half-plus-two/"
        "export-00000-of-00001"}) {
    paths.push_back(
        JoinPath(::tfpersist::testing::SharedDir(), "fixtures/tf", v1));
  }
  ASSERT_GE(paths.size(), 15u);
  Env* env = Env::Default();
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    TFP_ASSERT_OK_AND_ASSIGN(auto file, env->NewRandomAccessFile(path));
    TFP_ASSERT_OK_AND_ASSIGN(uint64_t size, env->GetFileSize(path));
    TFP_ASSERT_OK_AND_ASSIGN(auto table, Table::Open(file.get(), size));
    auto it = table->NewIterator();
    int n = 0;
    std::string previous;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) {
      if (n == 0) EXPECT_EQ(it->key(), "") << "header entry comes first";
      if (n > 0) EXPECT_LT(previous, it->key());
      previous = std::string(it->key());
    }
    TFP_EXPECT_OK(it->status());
    EXPECT_GE(n, 2);
  }
}

}  // namespace
}  // namespace tfpersist::table
