#include <gtest/gtest.h>

#include "base/fault_injection_env.h"
#include "bundle_test_util.h"
#include "io/bundle/tensor_slice_key.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::FromHex;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::StringTensor;

class BundleWriterTest : public ::testing::Test {
 protected:
  std::unique_ptr<Env> env_ = NewMemEnv();
  std::string Read(const std::string& path) {
    auto data = ReadFileToString(env_.get(), path);
    EXPECT_TRUE(data.ok()) << data.status();
    return data.ok() ? *data : "";
  }
  // Entries of dir; empty if it does not exist (MemEnv dirs are implicit).
  std::vector<std::string> Children(const std::string& dir) {
    auto children = env_->GetChildren(dir);
    return children.ok() ? *children : std::vector<std::string>{};
  }
};

// Spec checkpoint-v2.md §5.4: a = float32 [1, 2], s = string scalar "hi".
TEST_F(BundleWriterTest, MatchesSpecWorkedExampleByteForByte) {
  BundleWriter writer(env_.get(), "/ckpt/ex");
  writer.Add("a", Tensor::FromVector<float>({1.0f, 2.0f}));
  writer.Add("s", Tensor::Scalar<std::string>("hi"));
  TFP_ASSERT_OK(writer.Finish());
  EXPECT_EQ(Read("/ckpt/ex.data-00000-of-00001"),
            FromHex("00 00 80 3F 00 00 00 40 02 D8 D8 10 73 68 69"));
  const std::string index = Read("/ckpt/ex.index");
  ASSERT_EQ(index.size(), 138u);
  EXPECT_EQ(index.substr(0, 45),
            FromHex("00 00 06 08 01 1a 02 08 01 00 01 0f 61 08 01 12"
                    "04 12 02 08 02 28 08 35 59 3c e5 35 00 01 0d 73"
                    "08 07 12 00 20 08 28 07 35 09 eb 4d 15"));
  EXPECT_EQ(index.substr(index.size() - 8), FromHex("57 fb 80 8b 24 75 47 db"));
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren("/ckpt"));
  EXPECT_THAT(children, ::testing::UnorderedElementsAre(
                            "ex.data-00000-of-00001", "ex.index"));
}

TEST_F(BundleWriterTest, DataIsInAddOrderIndexIsSorted) {
  BundleWriter writer(env_.get(), "/p");
  writer.Add("z", Tensor::Scalar<int32_t>(1));
  writer.Add("a", Tensor::Scalar<int32_t>(2));
  TFP_ASSERT_OK(writer.Finish());
  EXPECT_EQ(Read("/p.data-00000-of-00001"), FromHex("01000000 02000000"));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_.get(), "/p"));
  EXPECT_THAT(reader->Keys(), ElementsAre("a", "z"));
  TFP_ASSERT_OK_AND_ASSIGN(auto entry, reader->GetBundleEntryProto("a"));
  EXPECT_EQ(entry.offset(), 4);
}

TEST_F(BundleWriterTest, AlignmentPadsAfterEachTensor) {
  BundleWriter::Options options;
  options.data_alignment = 8;
  BundleWriter writer(env_.get(), "/p", options);
  writer.Add("a", Tensor::Scalar<int8_t>(7));
  writer.Add("b", Tensor::Scalar<int16_t>(9));
  TFP_ASSERT_OK(writer.Finish());
  EXPECT_EQ(Read("/p.data-00000-of-00001"),
            FromHex("07 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00"));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_.get(), "/p"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor b, reader->Lookup("b"));
  EXPECT_EQ(b.scalar<int16_t>(), 9);
}

TEST_F(BundleWriterTest, EmptyBundleStillHasADataFile) {
  BundleWriter writer(env_.get(), "/d/empty");
  TFP_ASSERT_OK(writer.Finish());
  EXPECT_EQ(Read("/d/empty.data-00000-of-00001"), "");
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(env_.get(), "/d/empty"));
  EXPECT_TRUE(reader->Keys().empty());
}

TEST_F(BundleWriterTest, BadKeysAreStickyInvalidArgument) {
  BundleWriter writer(env_.get(), "/p");
  writer.Add("w", Tensor::Scalar<float>(1));
  writer.Add("w", Tensor::Scalar<float>(2));
  EXPECT_THAT(writer.status(), StatusIs(StatusCode::kInvalidArgument,
                                        HasSubstr("duplicate key: w")));
  writer.Add("v", Tensor::Scalar<float>(3));
  EXPECT_THAT(writer.Finish(), StatusIs(StatusCode::kInvalidArgument,
                                        HasSubstr("duplicate key")));
  EXPECT_TRUE(Children("/").empty()) << "temporaries must be removed";

  BundleWriter empty_key(env_.get(), "/q");
  empty_key.Add("", Tensor::Scalar<float>(1));
  EXPECT_THAT(empty_key.status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("reserved")));
  EXPECT_THAT(empty_key.Finish(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("reserved")));
  BundleWriter uninitialized(env_.get(), "/r");
  uninitialized.Add("x", Tensor());
  EXPECT_THAT(uninitialized.status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'x'")));
}

TEST_F(BundleWriterTest, FinishTwiceIsFailedPrecondition) {
  BundleWriter writer(env_.get(), "/p");
  TFP_ASSERT_OK(writer.Finish());
  EXPECT_THAT(writer.Finish(),
              StatusIs(StatusCode::kFailedPrecondition, HasSubstr("closed")));
}

TEST_F(BundleWriterTest, DestroyedWithoutFinishLeavesNothing) {
  {
    BundleWriter writer(env_.get(), "/dir/p");
    writer.Add("w", Tensor::Scalar<float>(1));
  }
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren("/dir"));
  EXPECT_TRUE(children.empty());
}

TEST_F(BundleWriterTest, DiskFullLeavesNoFilesAndNamesTheTensor) {
  FaultInjectionEnv env(env_.get());
  env.SetWriteBudget(100);
  BundleWriter writer(&env, "/dir/p");
  writer.Add("small", Tensor::Scalar<float>(1));
  writer.Add("big", Tensor::Zeros(DT_FLOAT, TensorShape({100})));
  EXPECT_THAT(writer.status(),
              StatusIs(StatusCode::kResourceExhausted,
                       HasSubstr("writing tensor 'big' to /dir/p.data")));
  EXPECT_FALSE(writer.Finish().ok());
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env.GetChildren("/dir"));
  EXPECT_TRUE(children.empty());
}

TEST_F(BundleWriterTest, FailedRenameKeepsTheOldCheckpoint) {
  {
    BundleWriter writer(env_.get(), "/dir/p");
    writer.Add("w", Tensor::Scalar<float>(1));
    TFP_ASSERT_OK(writer.Finish());
  }
  const std::string old_index = Read("/dir/p.index");
  FaultInjectionEnv env(env_.get());
  env.SetFailRename(true);
  BundleWriter writer(&env, "/dir/p");
  writer.Add("w", Tensor::Scalar<float>(2));
  EXPECT_THAT(writer.Finish(),
              StatusIs(StatusCode::kUnavailable, HasSubstr("rename")));
  EXPECT_EQ(Read("/dir/p.index"), old_index);
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren("/dir"));
  EXPECT_THAT(children, ::testing::UnorderedElementsAre(
                            "p.index", "p.data-00000-of-00001"));
}

TEST_F(BundleWriterTest, AddSliceWritesMetadataAndSliceEntries) {
  BundleWriter writer(env_.get(), "/p");
  const TensorShape full({4, 3});
  writer.AddSlice("emb", full, TensorSlice({{0, 2}, {0, 3}}),
                  Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, {2, 3}));
  writer.AddSlice("emb", full, TensorSlice({{2, 2}, {0, 3}}),
                  Tensor::FromVector<float>({7, 8, 9, 10, 11, 12}, {2, 3}));
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_.get(), "/p"));
  const std::string key0 =
      EncodeTensorNameSlice("emb", TensorSlice({{0, 2}, {0, 3}}));
  EXPECT_EQ(key0, FromHex("00 65 6d 62 00 01 01 02 80 82 80 83"));
  EXPECT_THAT(reader->Keys().size(), 3u);
  TFP_ASSERT_OK_AND_ASSIGN(auto names, reader->TensorNames());
  EXPECT_THAT(names, ElementsAre("emb"));
  TFP_ASSERT_OK_AND_ASSIGN(auto entry, reader->GetBundleEntryProto("emb"));
  EXPECT_EQ(entry.slices_size(), 2);
  EXPECT_EQ(entry.size(), 0);  // no data of its own
  TFP_ASSERT_OK_AND_ASSIGN(Tensor emb, reader->Lookup("emb"));
  EXPECT_TRUE(emb.IsSameAs(Tensor::FromVector<float>(
      {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, full)));
}

TEST_F(BundleWriterTest, AddSliceCoveringEverythingIsAPlainAdd) {
  BundleWriter writer(env_.get(), "/p");
  writer.AddSlice("w", TensorShape({2}), TensorSlice({{0, 2}}),
                  Tensor::FromVector<float>({1, 2}));
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_.get(), "/p"));
  EXPECT_THAT(reader->Keys(), ElementsAre("w"));
}

TEST_F(BundleWriterTest, AddSliceWithWrongShapeIsInvalidArgument) {
  BundleWriter writer(env_.get(), "/p");
  writer.AddSlice("w", TensorShape({4}), TensorSlice({{0, 2}}),
                  Tensor::FromVector<float>({1, 2, 3}));
  EXPECT_THAT(writer.status(), StatusIs(StatusCode::kInvalidArgument,
                                        HasSubstr("AddSlice('w'")));
}

TEST(BundleWriterDiskTest, WritesToDiskCreatingTheDirectory) {
  const std::string dir = testing::NewTempDir("bundle_writer");
  const std::string prefix = dir + "/a/b/model.ckpt-7";
  BundleWriter writer(Env::Default(), prefix);
  writer.Add("t", StringTensor({"x", "", "yz"}, TensorShape({3})));
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(Env::Default(), prefix));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->Lookup("t"));
  EXPECT_TRUE(t.IsSameAs(StringTensor({"x", "", "yz"}, TensorShape({3}))));
}

}  // namespace
}  // namespace tfpersist
