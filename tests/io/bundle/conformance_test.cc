// Every V2 bundle TensorFlow wrote in ../shared/fixtures/tf: contents match
// expected_tensors.json, re-writing TF1 Saver checkpoints reproduces them
// byte for byte, and every single-byte corruption or truncation of a small
// checkpoint is detected.
#include <gtest/gtest.h>

#include <algorithm>

#include "bundle_test_util.h"
#include "io/table/format.h"
#include "testing/fixtures.h"
#include "testing/json.h"
#include "testing/sha256.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::tfpersist::testing::FixtureDir;
using ::tfpersist::testing::HashableBytes;
using ::tfpersist::testing::Json;

std::string FixtureRoot() { return testing::SharedDir() + "/fixtures/tf/"; }

// Every tensor of a bundle, by key (partitioned tensors reassembled).
StatusOr<std::map<std::string, Tensor>> ReadAll(Env* env,
                                                const std::string& prefix) {
  TFP_ASSIGN_OR_RETURN(auto reader, BundleReader::Open(env, prefix));
  TFP_ASSIGN_OR_RETURN(std::vector<std::string> names, reader->TensorNames());
  std::map<std::string, Tensor> out;
  for (const std::string& name : names) {
    TFP_ASSIGN_OR_RETURN(out[name], reader->Lookup(name));
  }
  return out;
}

TEST(BundleConformanceTest, EveryV2BundleMatchesExpectedTensors) {
  TFP_REQUIRE_SHARED();
  const std::vector<std::string> indexes =
      testing::FixtureFilesWithSuffix(".index");
  ASSERT_EQ(indexes.size(), 11u);
  int tensors_checked = 0;
  for (const std::string& index : indexes) {
    SCOPED_TRACE(index);
    const std::string prefix = index.substr(0, index.size() - 6);
    const std::string rel = prefix.substr(FixtureRoot().size());
    const std::string folder = rel.substr(0, rel.find('/'));
    const std::string key = rel.substr(folder.size() + 1);
    TFP_ASSERT_OK_AND_ASSIGN(
        std::string text,
        ReadFileToString(Env::Default(),
                         FixtureDir(folder) + "/expected_tensors.json"));
    TFP_ASSERT_OK_AND_ASSIGN(Json json, testing::ParseJson(text));
    const Json& expected = json[key];
    ASSERT_EQ(expected["format"].string, "v2");

    TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                             BundleReader::Open(Env::Default(), prefix));
    TFP_ASSERT_OK_AND_ASSIGN(std::vector<std::string> names,
                             reader->TensorNames());
    ASSERT_EQ(names.size(), expected["tensors"].array.size());
    for (size_t i = 0; i < names.size(); ++i) {
      const Json& want = expected["tensors"].array[i];
      EXPECT_EQ(names[i], want["name"].string);
      TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->Lookup(names[i]));
      EXPECT_EQ(DataTypeEnumName(t.dtype()), want["dtype"].string) << names[i];
      std::vector<int64_t> dims;
      for (const Json& d : want["shape"].array) {
        dims.push_back(static_cast<int64_t>(d.number));
      }
      EXPECT_EQ(t.shape().dim_sizes(), dims) << names[i];
      EXPECT_EQ(testing::Sha256Hex(HashableBytes(t)), want["sha256"].string)
          << names[i];
      ++tensors_checked;
    }
  }
  EXPECT_EQ(tensors_checked, 189);  // all V2 tensors listed in the JSONs
}

// TF1 Saver checkpoints re-written in data-file order are byte-identical.
TEST(BundleConformanceTest, RewritingTf1SaverCheckpointsIsByteIdentical) {
  TFP_REQUIRE_SHARED();
  const std::vector<std::string> prefixes = {
      "ckpt-v2-mnist-mlp-ema/model.ckpt-29001", "ckpt-v2-lenet-adam/lenet",
      "ckpt-v2-mnist-fc-feed/model.ckpt-1999",
      "ckpt-v2-tf2onnx-regression/model",
      "ckpt-v2-estimator-wide-deep/model.ckpt-3760"};
  for (const std::string& rel : prefixes) {
    SCOPED_TRACE(rel);
    const std::string prefix = FixtureRoot() + rel;
    TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                             BundleReader::Open(Env::Default(), prefix));
    std::vector<std::pair<int64_t, std::string>> order;
    for (const std::string& key : reader->Keys()) {
      TFP_ASSERT_OK_AND_ASSIGN(auto entry, reader->GetBundleEntryProto(key));
      ASSERT_EQ(entry.slices_size(), 0);
      order.emplace_back(entry.offset(), key);
    }
    std::sort(order.begin(), order.end());
    std::unique_ptr<Env> mem = NewMemEnv();
    BundleWriter writer(mem.get(), "/out/ckpt");
    for (const auto& [offset, key] : order) {
      TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->Lookup(key));
      writer.Add(key, t);
    }
    TFP_ASSERT_OK(writer.Finish());
    for (const auto& [mine, theirs] :
         {std::pair<std::string, std::string>{"/out/ckpt.index",
                                              MetaFilename(prefix)},
          {"/out/ckpt.data-00000-of-00001", DataFilename(prefix, 0, 1)}}) {
      TFP_ASSERT_OK_AND_ASSIGN(std::string a,
                               ReadFileToString(mem.get(), mine));
      TFP_ASSERT_OK_AND_ASSIGN(std::string b,
                               ReadFileToString(Env::Default(), theirs));
      EXPECT_EQ(a.size(), b.size()) << theirs;
      EXPECT_TRUE(a == b) << theirs << " differs";
    }
  }
}

class CorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::SharedDir().empty()) return;
    const std::string src = FixtureRoot() + "ckpt-v2-tf2onnx-regression/model";
    for (const char* suffix : {".index", ".data-00000-of-00001"}) {
      auto data = ReadFileToString(Env::Default(), src + suffix);
      ASSERT_TRUE(data.ok());
      files_[std::string("/c/model") + suffix] = *data;
      TFP_ASSERT_OK(WriteStringToFile(env_.get(),
                                      std::string("/c/model") + suffix, *data));
    }
    auto all = ReadAll(env_.get(), "/c/model");
    ASSERT_TRUE(all.ok()) << all.status();
    original_ = std::move(all).value();
    ASSERT_EQ(original_.size(), 2u);
  }
  // Reading "/c/model" must fail with DATA_LOSS / INVALID_ARGUMENT or give
  // exactly the original tensors. Returns true if an error was reported.
  bool CheckReadIsSafe(const std::string& what) {
    auto all = ReadAll(env_.get(), "/c/model");
    if (!all.ok()) {
      EXPECT_TRUE(all.status().code() == StatusCode::kDataLoss ||
                  all.status().code() == StatusCode::kInvalidArgument)
          << what << ": " << all.status();
      return true;
    }
    EXPECT_EQ(all->size(), original_.size()) << what;
    for (const auto& [name, tensor] : original_) {
      auto it = all->find(name);
      EXPECT_TRUE(it != all->end() && it->second.IsSameAs(tensor))
          << what << ": tensor " << name << " differs";
    }
    return false;
  }
  std::unique_ptr<Env> env_ = NewMemEnv();
  std::map<std::string, std::string> files_;
  std::map<std::string, Tensor> original_;
};

// Bytes of the index the reader never looks at: the metaindex block (TF
// ignores it) and the footer's handles + padding (a flip there may decode
// to the same handles).
bool IgnoredIndexByte(const std::string& index, size_t i) {
  const size_t footer = index.size() - table::Footer::kEncodedLength;
  table::Footer f;
  if (!f.DecodeFrom(std::string_view(index).substr(footer)).ok()) return false;
  const uint64_t meta = f.metaindex_handle().offset();
  const uint64_t meta_end =
      meta + f.metaindex_handle().size() + table::kBlockTrailerSize;
  return (i >= meta && i < meta_end) || (i >= footer && i < footer + 40);
}

TEST_F(CorruptionTest, EverySingleByteCorruptionIsDetectedOrHarmless) {
  TFP_REQUIRE_SHARED();
  int cases = 0;
  for (const auto& [path, data] : files_) {
    const bool is_index = path.ends_with(".index");
    for (size_t i = 0; i < data.size(); ++i) {
      for (int mask : {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff}) {
        std::string bad = data;
        bad[i] = static_cast<char>(bad[i] ^ mask);
        TFP_ASSERT_OK(WriteStringToFile(env_.get(), path, bad));
        const std::string what = StrCat(path, " byte ", i, " ^ ", mask);
        const bool detected = CheckReadIsSafe(what);
        if (!is_index || !IgnoredIndexByte(data, i)) {
          EXPECT_TRUE(detected) << what << " went unnoticed";
        }
        ++cases;
      }
    }
    TFP_ASSERT_OK(WriteStringToFile(env_.get(), path, data));
  }
  EXPECT_EQ(cases, (134 + 8) * 9);
}

TEST_F(CorruptionTest, EveryTruncationIsAnError) {
  TFP_REQUIRE_SHARED();
  for (const auto& [path, data] : files_) {
    for (size_t len = 0; len < data.size(); ++len) {
      TFP_ASSERT_OK(WriteStringToFile(env_.get(), path, data.substr(0, len)));
      EXPECT_TRUE(CheckReadIsSafe(StrCat(path, " cut to ", len)))
          << path << " cut to " << len << " was read without error";
    }
    TFP_ASSERT_OK(WriteStringToFile(env_.get(), path, data));
  }
}

}  // namespace
}  // namespace tfpersist
