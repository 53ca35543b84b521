#include "tfpersist/io/checkpoint_reader.h"

#include "io/checkpoint_test_util.h"
#include "io/v1/v1_test_writer.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::ExpectedCheckpoint;
using ::tfpersist::testing::StatusIs;

// Checks names, dtypes, shapes and value digests against expected.
void ExpectMatches(const CheckpointReader& reader,
                   const ExpectedCheckpoint& expected) {
  EXPECT_EQ(reader.format(), expected.format == "v1"
                                 ? CheckpointReader::Format::kV1
                                 : CheckpointReader::Format::kV2);
  std::vector<std::string> names;
  for (const auto& et : expected.tensors) names.push_back(et.name);
  ASSERT_EQ(reader.TensorNames(), names);
  for (const auto& et : expected.tensors) {
    SCOPED_TRACE(et.name);
    EXPECT_TRUE(reader.HasTensor(et.name));
    EXPECT_EQ(DataTypeEnumName(reader.GetVariableToDataTypeMap().at(et.name)),
              et.dtype);
    EXPECT_EQ(reader.GetVariableToShapeMap().at(et.name).dim_sizes(), et.shape);
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader.GetTensor(et.name));
    EXPECT_EQ(t.shape().dim_sizes(), et.shape);
    EXPECT_EQ(testing::TensorSha256(t), et.sha256);
  }
}

TEST(CheckpointReaderFixtureTest, EveryFixtureCheckpointByPath) {
  TFP_REQUIRE_SHARED();
  std::map<std::string, int> formats;
  for (const ExpectedCheckpoint& expected : testing::AllExpectedCheckpoints()) {
    SCOPED_TRACE(expected.path);
    TFP_ASSERT_OK_AND_ASSIGN(
        auto reader, CheckpointReader::Open(Env::Default(), expected.path));
    EXPECT_EQ(reader->path(), expected.path);
    ExpectMatches(*reader, expected);
    ++formats[expected.format];
  }
  EXPECT_EQ(formats["v1"], 4);
  EXPECT_EQ(formats["v2"], 11);
}

TEST(CheckpointReaderFixtureTest, EveryFixtureDirectoryThroughItsStateFile) {
  TFP_REQUIRE_SHARED();
  int dirs = 0;
  for (const ExpectedCheckpoint& expected : testing::AllExpectedCheckpoints()) {
    const std::string dir = testing::FixtureDir(expected.fixture);
    if (!Env::Default()->FileExists(dir + "/checkpoint").ok()) continue;
    SCOPED_TRACE(dir);
    ++dirs;
    TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                             CheckpointReader::Open(Env::Default(), dir));
    TFP_ASSERT_OK_AND_ASSIGN(std::string latest,
                             LatestCheckpoint(Env::Default(), dir));
    EXPECT_EQ(reader->path(), latest);
    EXPECT_EQ(reader->path(), expected.path);
    ExpectMatches(*reader, expected);
  }
  EXPECT_EQ(dirs, 8);
}

TEST(CheckpointReaderFixtureTest, V1ShardPatternAndDebugString) {
  TFP_REQUIRE_SHARED();
  const std::string dir =
      testing::FixtureDir("ckpt-v1-session-bundle-half-plus-two");
  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader, CheckpointReader::Open(Env::Default(),
                                          dir + "/export-?\?\?\?\?-of-00001"));
  EXPECT_EQ(reader->format(), CheckpointReader::Format::kV1);
  EXPECT_THAT(reader->TensorNames(), ElementsAre("a", "b"));
  // TF's TensorSliceReader::DebugString form, from the reader's own maps.
  std::string expected;
  for (const std::string& name : reader->TensorNames()) {
    expected += name + " (" +
                DataTypeEnumName(reader->GetVariableToDataTypeMap().at(name)) +
                ") " + reader->GetVariableToShapeMap().at(name).DebugString() +
                "\n";
  }
  EXPECT_EQ(reader->DebugString(), expected);
  EXPECT_EQ(reader->DebugString(), "a (DT_FLOAT) []\nb (DT_FLOAT) []\n");
}

TEST(CheckpointReaderFixtureTest, UnknownKeysAndMissingCheckpoints) {
  TFP_REQUIRE_SHARED();
  const std::string prefix =
      testing::FixtureDir("ckpt-v2-tf2onnx-regression") + "/model";
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           CheckpointReader::Open(Env::Default(), prefix));
  EXPECT_FALSE(reader->HasTensor("nope"));
  EXPECT_THAT(
      reader->GetTensor("nope"),
      StatusIs(StatusCode::kNotFound,
               HasSubstr("Key nope not found in checkpoint " + prefix)));
  EXPECT_THAT(CheckpointReader::Open(Env::Default(), prefix + "-missing"),
              StatusIs(StatusCode::kNotFound, HasSubstr("model-missing")));
  // A SavedModel's variables/ folder has no `checkpoint` state file.
  EXPECT_THAT(
      CheckpointReader::Open(
          Env::Default(),
          testing::FixtureDir("savedmodel-tf2-keras-dense") + "/variables"),
      StatusIs(StatusCode::kNotFound, HasSubstr("checkpoint")));
}

class CheckpointReaderTest : public ::testing::Test {
 protected:
  std::unique_ptr<Env> mem_ = NewMemEnv();
  Env* env_ = mem_.get();
};

Tensor Iota(const TensorShape& shape) {
  Tensor t(DT_FLOAT, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<float>()[i] = i;
  return t;
}

TEST_F(CheckpointReaderTest, PartitionedV1AndV2ListFullNamesOnce) {
  const TensorShape full({4, 2});
  const TensorSlice top({{0, 2}, {0, -1}}), bottom({{2, 2}, {0, -1}});
  const Tensor whole = Iota(full);
  testing::V1TestWriter v1;
  v1.AddSlice("emb", full, top, whole.SliceDim0(0, 2));
  v1.AddSlice("emb", full, bottom, whole.SliceDim0(2, 4));
  TFP_ASSERT_OK(v1.Write(env_, "/v1/model.ckpt"));
  BundleWriter v2(env_, "/v2/model.ckpt");
  v2.AddSlice("emb", full, top, whole.SliceDim0(0, 2));
  v2.AddSlice("emb", full, bottom, whole.SliceDim0(2, 4));
  TFP_ASSERT_OK(v2.Finish());

  for (const char* path : {"/v1/model.ckpt", "/v2/model.ckpt"}) {
    SCOPED_TRACE(path);
    TFP_ASSERT_OK_AND_ASSIGN(auto reader, CheckpointReader::Open(env_, path));
    EXPECT_THAT(reader->TensorNames(), ElementsAre("emb"));
    EXPECT_EQ(reader->GetVariableToShapeMap().at("emb"), full);
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->GetTensor("emb"));
    EXPECT_TRUE(t.IsSameAs(whole)) << t.DebugString(8);
    EXPECT_EQ(reader->DebugString(), "emb (DT_FLOAT) [4,2], 2 slices\n");
  }
}

TEST_F(CheckpointReaderTest, DirectoryWithoutUsableStateIsNotFound) {
  TFP_ASSERT_OK(env_->RecursivelyCreateDir("/d"));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/x", "y"));
  EXPECT_THAT(CheckpointReader::Open(env_, "/d"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/d/checkpoint")));
  BundleWriter writer(env_, "/d/ckpt-1");
  writer.Add("v", Tensor::Scalar<int32_t>(7));
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK(UpdateCheckpointStateFile(env_, "/d", "/d/ckpt-1", {}));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, CheckpointReader::Open(env_, "/d"));
  EXPECT_EQ(reader->path(), "/d/ckpt-1");
  TFP_ASSERT_OK_AND_ASSIGN(Tensor v, reader->GetTensor("v"));
  EXPECT_EQ(v.scalar<int32_t>(), 7);
}

TEST_F(CheckpointReaderTest, CorruptFilesAreDataLoss) {
  TFP_ASSERT_OK(WriteStringToFile(env_, "/c/model.ckpt.index", "garbage"));
  EXPECT_THAT(CheckpointReader::Open(env_, "/c/model.ckpt"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("model.ckpt.index")));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/c/v1", "garbage"));
  EXPECT_THAT(CheckpointReader::Open(env_, "/c/v1"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("/c/v1")));
}

}  // namespace
}  // namespace tfpersist
