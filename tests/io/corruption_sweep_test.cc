// Corruption sweep through CheckpointReader (the public entry point): every
// single-byte flip (XOR 0xFF) and every truncation of a multi-tensor V2
// fixture's .index and .data shards, and of a V1 fixture, must fail with a
// clear error (DATA_LOSS / INVALID_ARGUMENT / NOT_FOUND for a cut file that
// no longer looks like a checkpoint) or read back identical values. Counts
// are printed (the "0 silent differences, 0 crashes").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/str_util.h"
#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {
namespace {

using Values = std::map<std::string, Tensor>;

StatusOr<Values> ReadAll(Env* env, const std::string& path) {
  TFP_ASSIGN_OR_RETURN(auto reader, CheckpointReader::Open(env, path));
  Values out;
  for (const std::string& name : reader->TensorNames()) {
    TFP_ASSIGN_OR_RETURN(out[name], reader->GetTensor(name));
  }
  return out;
}

struct SweepCounts {
  int variants = 0, errors = 0, identical = 0, silent_differences = 0;
};

class CorruptionSweep {
 public:
  // `files`: mem path -> original bytes; `open_path` is given to Open.
  CorruptionSweep(std::map<std::string, std::string> files,
                  std::string open_path)
      : files_(std::move(files)), open_path_(std::move(open_path)) {
    for (const auto& [path, bytes] : files_) {
      EXPECT_TRUE(WriteStringToFile(env_.get(), path, bytes).ok());
    }
    auto all = ReadAll(env_.get(), open_path_);
    EXPECT_TRUE(all.ok()) << all.status();
    if (all.ok()) original_ = std::move(all).value();
  }

  size_t num_tensors() const { return original_.size(); }

  // Every XOR 0xFF of one byte and every proper prefix of each file.
  SweepCounts Run() {
    SweepCounts c;
    for (const auto& [path, bytes] : files_) {
      for (size_t i = 0; i < bytes.size(); ++i) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ 0xff);
        Check(path, bad, StrCat(path, " byte ", i, " ^ 0xff"), &c);
      }
      for (size_t n = 0; n < bytes.size(); ++n) {
        Check(path, bytes.substr(0, n), StrCat(path, " cut to ", n), &c);
      }
      EXPECT_TRUE(WriteStringToFile(env_.get(), path, bytes).ok());
    }
    return c;
  }

 private:
  void Check(const std::string& path, const std::string& contents,
             const std::string& what, SweepCounts* c) {
    ++c->variants;
    ASSERT_TRUE(WriteStringToFile(env_.get(), path, contents).ok());
    auto all = ReadAll(env_.get(), open_path_);
    if (!all.ok()) {
      const StatusCode code = all.status().code();
      EXPECT_TRUE(code == StatusCode::kDataLoss ||
                  code == StatusCode::kInvalidArgument ||
                  code == StatusCode::kNotFound)
          << what << ": " << all.status();
      ++c->errors;
      return;
    }
    bool same = all->size() == original_.size();
    for (const auto& [name, t] : original_) {
      auto it = all->find(name);
      same = same && it != all->end() && it->second.IsSameAs(t);
    }
    if (same) {
      ++c->identical;
    } else {
      ++c->silent_differences;
      ADD_FAILURE() << what << " read back different values";
    }
  }

  std::unique_ptr<Env> env_ = NewMemEnv();
  std::map<std::string, std::string> files_;
  std::string open_path_;
  Values original_;
};

std::string Fixture(const std::string& rel) {
  auto bytes = ReadFileToString(Env::Default(), testing::FixtureDir("") + rel);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

// ckpt-v2-sharded-tf2: an index and two data shards (TF2 object graph,
// several float tensors), 15,645 bytes in all.
TEST(CorruptionSweepTest, V2FixtureIndexAndDataShards) {
  TFP_REQUIRE_SHARED();
  const std::string src = "ckpt-v2-sharded-tf2/model.ckpt";
  std::map<std::string, std::string> files;
  for (const char* suffix :
       {".index", ".data-00000-of-00002", ".data-00001-of-00002"}) {
    files[StrCat("/c/model.ckpt", suffix)] = Fixture(src + suffix);
  }
  CorruptionSweep sweep(files, "/c/model.ckpt");
  ASSERT_GT(sweep.num_tensors(), 3u);
  const SweepCounts c = sweep.Run();
  std::printf("V2 sweep: %d variants, %d errors, %d identical, %d silent\n",
              c.variants, c.errors, c.identical, c.silent_differences);
  EXPECT_EQ(c.variants, 2 * (1206 + 2091 + 12348));
  EXPECT_EQ(c.silent_differences, 0);
}

// ckpt-v1-bad-half-plus-two/export: a TF1 V1 checkpoint (two tensors).
TEST(CorruptionSweepTest, V1Fixture) {
  TFP_REQUIRE_SHARED();
  CorruptionSweep sweep(
      {{"/v1/export", Fixture("ckpt-v1-bad-half-plus-two/export")}},
      "/v1/export");
  ASSERT_EQ(sweep.num_tensors(), 2u);
  const SweepCounts c = sweep.Run();
  std::printf("V1 sweep: %d variants, %d errors, %d identical, %d silent\n",
              c.variants, c.errors, c.identical, c.silent_differences);
  EXPECT_EQ(c.variants, 2 * 209);
  EXPECT_EQ(c.silent_differences, 0);
  EXPECT_GT(c.errors, 209);  // every truncation and most flips are caught
}

}  // namespace
}  // namespace tfpersist
