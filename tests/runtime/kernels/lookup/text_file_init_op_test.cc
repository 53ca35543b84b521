// InitializeTableFromTextFileV2 over vocabulary files written to a MemEnv:
// whole-line keys with line-number values (categorical_column_with_
// vocabulary_file), columns split at the delimiter, vocab_size and offset.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelRun;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

class TextFileInitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/text_file_init_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    TFP_ASSERT_OK(Env::Default()->RecursivelyCreateDir(dir_));
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    EXPECT_TRUE(WriteStringToFile(Env::Default(), path, text).ok());
    return path;
  }
  ResourceHandle MakeTable(DataType key, DataType value) {
    KernelTester t("HashTableV2");
    t.WithResourceMgr(&rm_).Attr("key_dtype", key).Attr("value_dtype", value);
    KernelRun run = t.RunValues();
    EXPECT_TRUE(run.status.ok()) << run.status;
    return *run.outputs[0].handle;
  }
  Status Init(const ResourceHandle& h, const std::string& path, int64_t key,
              int64_t value, int64_t vocab_size = -1, int64_t offset = 0,
              const std::string& delimiter = "\t") {
    KernelTester t("InitializeTableFromTextFileV2");
    t.WithResourceMgr(&rm_)
        .ResourceInput(h)
        .ScalarInput<std::string>(path)
        .Attr("key_index", key)
        .Attr("value_index", value)
        .Attr("vocab_size", vocab_size)
        .Attr("offset", offset)
        .Attr("delimiter", delimiter);
    return t.Run().status();
  }
  template <typename K, typename V>
  StatusOr<Tensor> Find(const ResourceHandle& h, std::vector<K> keys,
                        V fallback) {
    KernelTester t("LookupTableFindV2");
    t.WithResourceMgr(&rm_).ResourceInput(h).Input(keys).ScalarInput(fallback);
    return t.RunOutput();
  }
  std::string dir_;
  ResourceMgr rm_;
};

TEST_F(TextFileInitTest, WholeLineToLineNumber) {
  const std::string path = Write("vocab.txt", "us\nfr\r\nde\n");
  ResourceHandle h = MakeTable(DT_STRING, DT_INT64);
  TFP_ASSERT_OK(Init(h, path, -2, -1));
  EXPECT_THAT(Find<std::string>(h, {"de", "us", "fr", "it"}, int64_t{-1}),
              HoldsTensor(Tensor::FromVector<int64_t>({2, 0, 1, -1})));
}

TEST_F(TextFileInitTest, ColumnsVocabSizeAndOffset) {
  const std::string path = Write("cols.txt", "a,1.5,x\nb,2.5,y\nc,3.5,z\n");
  ResourceHandle h = MakeTable(DT_STRING, DT_FLOAT);
  TFP_ASSERT_OK(Init(h, path, 0, 1, /*vocab_size=*/2, 0, ","));
  EXPECT_THAT(Find<std::string>(h, {"a", "b", "c"}, 0.0f),
              HoldsTensor(Tensor::FromVector<float>({1.5f, 2.5f, 0.0f})));
  ResourceHandle n = MakeTable(DT_INT64, DT_STRING);
  TFP_ASSERT_OK(Init(n, path, -1, 2, -1, /*offset=*/10, ","));
  EXPECT_THAT(Find<int64_t>(n, {10, 12, 0}, std::string("?")),
              HoldsTensor(Tensor::FromVector<std::string>({"x", "z", "?"})));
}

TEST_F(TextFileInitTest, Errors) {
  const std::string path = Write("v.txt", "a\tb\nc\n");
  ResourceHandle h = MakeTable(DT_STRING, DT_STRING);
  EXPECT_THAT(Init(h, path, 0, 1),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Invalid number of columns in " + path +
                                 " line 1 (c) : expected 1 got 1")));
  EXPECT_THAT(Init(h, path, -2, -2, /*vocab_size=*/5),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Invalid vocab_size in " + path +
                                 ": expected: 5 but got: 2")));
  EXPECT_THAT(Init(h, path, -2, -1),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Values must be dtype int64")));
  EXPECT_THAT(Init(h, dir_ + "/missing.txt", -2, -2),
              StatusIs(StatusCode::kNotFound, HasSubstr("missing.txt")));
  const std::string empty_line = Write("e.txt", "a\n\nb\n");
  EXPECT_THAT(Init(h, empty_line, -2, -2),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("empty line found at line 1")));
  ResourceHandle num = MakeTable(DT_INT64, DT_INT64);
  const std::string bad = Write("n.txt", "1 2\nx 3\n");
  EXPECT_THAT(Init(num, bad, 0, 1, -1, 0, " "),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Field x in line 1 is not a valid int64.")));
}

}  // namespace
}  // namespace tfpersist
