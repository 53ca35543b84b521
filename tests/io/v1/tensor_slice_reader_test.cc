#include "io/v1/tensor_slice_reader.h"

#include "io/checkpoint_test_util.h"
#include "io/v1/v1_test_writer.h"
#include "testing/status_matchers.h"

namespace tfpersist::v1 {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::V1TestWriter;

// ---------------------------------------------------------------------------
// Conformance with TF-written V1 files.

TEST(TensorSliceReaderFixtureTest, EveryV1FixtureMatchesItsExpectations) {
  TFP_REQUIRE_SHARED();
  int checkpoints = 0;
  for (const auto& expected : testing::AllExpectedCheckpoints()) {
    if (expected.format != "v1") continue;
    SCOPED_TRACE(expected.path);
    ++checkpoints;
    TFP_ASSERT_OK_AND_ASSIGN(
        auto reader, TensorSliceReader::Open(Env::Default(), expected.path));
    ASSERT_EQ(reader->tensors().size(), expected.tensors.size());
    auto info = reader->tensors().begin();
    for (const auto& et : expected.tensors) {
      SCOPED_TRACE(et.name);
      EXPECT_EQ(info->first, et.name);
      EXPECT_EQ(DataTypeEnumName(info->second.dtype), et.dtype);
      EXPECT_EQ(info->second.shape.dim_sizes(), et.shape);
      TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->GetTensor(et.name));
      EXPECT_EQ(t.shape(), info->second.shape);
      EXPECT_EQ(testing::TensorSha256(t), et.sha256);
      ++info;
    }
  }
  EXPECT_EQ(checkpoints, 4);
}

TEST(TensorSliceReaderFixtureTest, ShardedNameAndGlobPattern) {
  TFP_REQUIRE_SHARED();
  const std::string dir =
      testing::FixtureDir("ckpt-v1-session-bundle-half-plus-two");
  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader, TensorSliceReader::Open(Env::Default(),
                                           dir + "/export-?\?\?\?\?-of-00001"));
  EXPECT_THAT(reader->filenames(), ElementsAre(dir + "/export-00000-of-00001"));
  // y = 0.5 x + 2 (fixtures README; SOURCE.md: a = 0.5, b = 2).
  TFP_ASSERT_OK_AND_ASSIGN(Tensor a, reader->GetTensor("a"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor b, reader->GetTensor("b"));
  EXPECT_EQ(a.scalar<float>(), 0.5f);
  EXPECT_EQ(b.scalar<float>(), 2.0f);
  EXPECT_THAT(reader->GetTensor("nope"),
              StatusIs(StatusCode::kNotFound, HasSubstr("nope")));
}

// ---------------------------------------------------------------------------
// Synthetic files: slices, shards, dtypes, compression.

class TensorSliceReaderTest : public ::testing::Test {
 protected:
  std::unique_ptr<Env> mem_ = NewMemEnv();
  Env* env_ = mem_.get();
};

Tensor Iota(const TensorShape& shape, float base) {
  Tensor t(DT_FLOAT, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<float>()[i] = base + i;
  return t;
}

TEST_F(TensorSliceReaderTest, ReassemblesSlicesAcrossShards) {
  // A [4,3] tensor: rows 0-1 in shard 0; rows 2-3 split by column in
  // shard 1. Each slice's values are row-major within the slice.
  const TensorShape full({4, 3});
  V1TestWriter shard0, shard1;
  shard0.AddSlice("w", full, TensorSlice({{0, 2}, {0, -1}}),
                  Iota(TensorShape({2, 3}), 0));
  shard1.AddSlice("w", full, TensorSlice({{2, 2}, {0, 1}}),
                  Tensor::FromVector<float>({6, 9}, TensorShape({2, 1})));
  shard1.AddSlice(
      "w", full, TensorSlice({{2, 2}, {1, 2}}),
      Tensor::FromVector<float>({7, 8, 10, 11}, TensorShape({2, 2})));
  shard1.Add("step", Tensor::Scalar<int64_t>(42));
  TFP_ASSERT_OK(shard0.Write(env_, "/c/model.ckpt-00000-of-00002"));
  TFP_ASSERT_OK(shard1.Write(env_, "/c/model.ckpt-00001-of-00002"));

  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader,
      TensorSliceReader::Open(env_, "/c/model.ckpt-?\?\?\?\?-of-00002"));
  EXPECT_EQ(reader->filenames().size(), 2u);
  EXPECT_EQ(reader->tensors().at("w").slices.size(), 3u);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor w, reader->GetTensor("w"));
  EXPECT_TRUE(w.IsSameAs(Iota(full, 0))) << w.DebugString(12);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor step, reader->GetTensor("step"));
  EXPECT_EQ(step.scalar<int64_t>(), 42);
}

TEST_F(TensorSliceReaderTest, ReadsEveryValueFieldAndSnappyBlocks) {
  V1TestWriter writer;
  std::vector<Tensor> tensors = {
      Tensor::FromVector<double>({1.5, -2.25}),
      Tensor::FromVector<int32_t>({-7, 1 << 30}),
      Tensor::FromVector<int8_t>({-128, 127}),
      Tensor::FromVector<uint16_t>({0, 65535}),
      Tensor::FromVector<int64_t>({int64_t{1} << 62, -1}),
      Tensor::FromVector<uint64_t>({~uint64_t{0}}),
      Tensor::FromVector<bool>({true, false, true}),
      Tensor::FromVector<half>({FloatToHalf(1.0f), FloatToHalf(-0.5f)}),
      Tensor::FromVector<tstring>({"", std::string("a\0b", 3), "xyz"}),
      Tensor::FromVector<complex64>({{1, 2}, {-3, 4}}),
  };
  for (size_t i = 0; i < tensors.size(); ++i) {
    writer.Add(StrCat("t", i), tensors[i]);
  }
  TFP_ASSERT_OK(writer.Write(env_, "/c/all", table::kSnappyCompression));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           TensorSliceReader::Open(env_, "/c/all"));
  for (size_t i = 0; i < tensors.size(); ++i) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->GetTensor(StrCat("t", i)));
    EXPECT_TRUE(t.IsSameAs(tensors[i])) << i << ": " << t.DebugString();
  }
}

TEST_F(TensorSliceReaderTest, MissingFilesAndMissingMeta) {
  EXPECT_THAT(TensorSliceReader::Open(env_, "/c/none-?\?\?\?\?-of-00002"),
              StatusIs(StatusCode::kNotFound, HasSubstr("none-")));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/c/junk", "not a table at all"));
  EXPECT_THAT(TensorSliceReader::Open(env_, "/c/junk"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("/c/junk")));
  V1TestWriter writer;
  writer.Add("a", Tensor::Scalar<float>(1));
  writer.mutable_data()->clear();
  TFP_ASSERT_OK(writer.Write(env_, "/c/no_data"));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           TensorSliceReader::Open(env_, "/c/no_data"));
  EXPECT_THAT(reader->GetTensor("a"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("no data entry")));
}

TEST_F(TensorSliceReaderTest, RejectsInconsistentMetadata) {
  const TensorShape full({4});
  V1TestWriter overlap;
  overlap.AddSlice("w", full, TensorSlice({{0, 3}}), Iota(TensorShape({3}), 0));
  overlap.AddSlice("w", full, TensorSlice({{2, 2}}), Iota(TensorShape({2}), 0));
  TFP_ASSERT_OK(overlap.Write(env_, "/c/overlap"));
  EXPECT_THAT(TensorSliceReader::Open(env_, "/c/overlap"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("overlapping")));

  V1TestWriter outside;
  outside.AddSlice("w", full, TensorSlice({{3, 2}}), Iota(TensorShape({2}), 0));
  TFP_ASSERT_OK(outside.Write(env_, "/c/outside"));
  EXPECT_THAT(TensorSliceReader::Open(env_, "/c/outside"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("tensor w")));

  V1TestWriter a, b;  // Same name, different shapes in two shards.
  a.Add("w", Iota(TensorShape({4}), 0));
  b.Add("w", Iota(TensorShape({5}), 0));
  TFP_ASSERT_OK(a.Write(env_, "/c/m-00000-of-00002"));
  TFP_ASSERT_OK(b.Write(env_, "/c/m-00001-of-00002"));
  EXPECT_THAT(TensorSliceReader::Open(env_, "/c/m-*"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("conflicting")));

  V1TestWriter version;
  version.Add("w", Iota(full, 0));
  version.mutable_meta()->mutable_versions()->set_min_consumer(2);
  TFP_ASSERT_OK(version.Write(env_, "/c/version"));
  EXPECT_THAT(TensorSliceReader::Open(env_, "/c/version"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("consumer 2")));
}

TEST_F(TensorSliceReaderTest, RejectsBadSliceData) {
  const TensorShape full({4});
  V1TestWriter gap;  // Only half of the tensor is stored.
  gap.AddSlice("w", full, TensorSlice({{0, 2}}), Iota(TensorShape({2}), 0));
  TFP_ASSERT_OK(gap.Write(env_, "/c/gap"));
  TFP_ASSERT_OK_AND_ASSIGN(auto r1, TensorSliceReader::Open(env_, "/c/gap"));
  EXPECT_THAT(r1->GetTensor("w"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("cover 2 of its 4")));

  V1TestWriter count;  // Three values for four elements.
  count.Add("w", Iota(full, 0));
  for (auto& [key, value] : *count.mutable_data()) {
    value.mutable_data()->mutable_data()->mutable_float_val()->RemoveLast();
  }
  TFP_ASSERT_OK(count.Write(env_, "/c/count"));
  TFP_ASSERT_OK_AND_ASSIGN(auto r2, TensorSliceReader::Open(env_, "/c/count"));
  EXPECT_THAT(r2->GetTensor("w"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("holds 3 values")));

  V1TestWriter field;  // Values in the int field of a float tensor.
  field.Add("w", Tensor::FromVector<int32_t>({1, 2, 3, 4}));
  field.mutable_meta()->mutable_tensor(0)->set_type(tensorflow::DT_FLOAT);
  TFP_ASSERT_OK(field.Write(env_, "/c/field"));
  TFP_ASSERT_OK_AND_ASSIGN(auto r3, TensorSliceReader::Open(env_, "/c/field"));
  EXPECT_THAT(r3->GetTensor("w"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("0 in the field")));

  V1TestWriter huge;  // A shape of 2^60 elements backed by one value.
  huge.Add("w", Iota(TensorShape({1}), 0));
  huge.mutable_meta()
      ->mutable_tensor(0)
      ->mutable_shape()
      ->mutable_dim(0)
      ->set_size(int64_t{1} << 60);
  TFP_ASSERT_OK(huge.Write(env_, "/c/huge"));
  TFP_ASSERT_OK_AND_ASSIGN(auto r4, TensorSliceReader::Open(env_, "/c/huge"));
  EXPECT_THAT(r4->GetTensor("w"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("holds 1 values")));
}

// ---------------------------------------------------------------------------
// Hostile bytes: every truncation and every single-byte change of the
// smallest TF-written V1 file gives an error or exactly the original data.

// Reads every tensor of the checkpoint at path in env.
StatusOr<std::map<std::string, Tensor>> ReadAll(Env* env,
                                                const std::string& path) {
  TFP_ASSIGN_OR_RETURN(auto reader, TensorSliceReader::Open(env, path));
  std::map<std::string, Tensor> out;
  for (const auto& [name, info] : reader->tensors()) {
    TFP_ASSIGN_OR_RETURN(out[name], reader->GetTensor(name));
  }
  return out;
}

void ExpectErrorOrOriginal(const StatusOr<std::map<std::string, Tensor>>& got,
                           const std::map<std::string, Tensor>& original,
                           const std::string& what) {
  if (!got.ok()) {
    EXPECT_THAT(got.status().code(),
                AnyOf(StatusCode::kDataLoss, StatusCode::kInvalidArgument))
        << what << ": " << got.status();
    return;
  }
  ASSERT_EQ(got->size(), original.size()) << what;
  for (const auto& [name, t] : original) {
    ASSERT_TRUE(got->count(name)) << what << ": lost " << name;
    EXPECT_TRUE(got->at(name).IsSameAs(t)) << what << ": " << name;
  }
}

TEST(TensorSliceReaderHostileTest, TruncationsAndByteFlips) {
  TFP_REQUIRE_SHARED();
  const std::string path =
      testing::FixtureDir("ckpt-v1-bad-half-plus-two") + "/export";
  TFP_ASSERT_OK_AND_ASSIGN(std::string bytes,
                           ReadFileToString(Env::Default(), path));
  TFP_ASSERT_OK_AND_ASSIGN(auto original, ReadAll(Env::Default(), path));
  ASSERT_EQ(original.size(), 2u);
  std::unique_ptr<Env> mem = NewMemEnv();
  for (size_t n = 0; n < bytes.size(); ++n) {
    TFP_ASSERT_OK(
        WriteStringToFile(mem.get(), "/t/export", bytes.substr(0, n)));
    StatusOr<std::map<std::string, Tensor>> got =
        ReadAll(mem.get(), "/t/export");
    EXPECT_FALSE(got.ok()) << "truncated to " << n;
    ExpectErrorOrOriginal(got, original, StrCat("truncated to ", n));
  }
  int errors = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int flip : {0x01, 0x80, 0xff}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(bad[i] ^ flip);
      TFP_ASSERT_OK(WriteStringToFile(mem.get(), "/t/export", bad));
      auto got = ReadAll(mem.get(), "/t/export");
      errors += !got.ok();
      ExpectErrorOrOriginal(got, original, StrCat("byte ", i, " ^ ", flip));
    }
  }
  // Block checksums cover all but the footer's padding.
  EXPECT_GT(errors, static_cast<int>(bytes.size()));
}

}  // namespace
}  // namespace tfpersist::v1
