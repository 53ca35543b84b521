#include <gtest/gtest.h>

#include "bundle_test_util.h"
#include "io/bundle/bundle_index.h"
#include "testing/status_matchers.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using ::tfpersist::testing::StatusIs;

class MergeBundlesTest : public ::testing::Test {
 protected:
  void Write(const std::string& prefix,
             const std::vector<std::pair<std::string, float>>& tensors) {
    BundleWriter writer(env_.get(), prefix);
    for (const auto& [key, value] : tensors) {
      writer.Add(key, Tensor::Scalar<float>(value));
    }
    TFP_ASSERT_OK(writer.Finish());
  }
  std::vector<std::string> Children(const std::string& dir) {
    auto children = env_->GetChildren(dir);
    return children.ok() ? *children : std::vector<std::string>{};
  }
  std::unique_ptr<Env> env_ = NewMemEnv();
};

TEST_F(MergeBundlesTest, MergesShardsRenamesDataAndCleansUp) {
  Write("/ck/m_temp/part-00000-of-00002", {{"b", 2}, {"d", 4}});
  Write("/ck/m_temp/part-00001-of-00002", {{"a", 1}, {"c", 3}});
  TFP_ASSERT_OK(MergeBundles(
      env_.get(),
      {"/ck/m_temp/part-00000-of-00002", "/ck/m_temp/part-00001-of-00002"},
      "/ck/m"));
  EXPECT_THAT(Children("/ck"),
              UnorderedElementsAre("m.index", "m.data-00000-of-00002",
                                   "m.data-00001-of-00002"));
  EXPECT_FALSE(env_->IsDirectory("/ck/m_temp"));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(env_.get(), "/ck/m"));
  EXPECT_EQ(reader->num_shards(), 2);
  EXPECT_THAT(reader->Keys(), ElementsAre("a", "b", "c", "d"));
  TFP_ASSERT_OK_AND_ASSIGN(auto a, reader->GetBundleEntryProto("a"));
  EXPECT_EQ(a.shard_id(), 1);
  for (auto [key, value] : {std::pair<const char*, float>{"a", 1}, {"d", 4}}) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->Lookup(key));
    EXPECT_EQ(t.scalar<float>(), value);
  }
  // TF's header for a 2-shard bundle: 08 02 1a 02 08 01.
  EXPECT_EQ(reader->header().SerializeAsString(),
            testing::FromHex("08 02 1a 02 08 01"));
}

TEST_F(MergeBundlesTest, DuplicateTensorIsInvalidArgument) {
  Write("/x/p0", {{"w", 1}});
  Write("/x/p1", {{"w", 2}});
  EXPECT_THAT(MergeBundles(env_.get(), {"/x/p0", "/x/p1"}, "/x/m"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Duplicate tensor keyed by w")));
}

TEST_F(MergeBundlesTest, SliceMetadataIsConcatenated) {
  const TensorShape full({4});
  for (int part = 0; part < 2; ++part) {
    BundleWriter writer(env_.get(), StrCat("/s/p", part));
    writer.AddSlice("v", full, TensorSlice({{2 * part, 2}}),
                    Tensor::FromVector<float>({2.0f * part, 2.0f * part + 1}));
    TFP_ASSERT_OK(writer.Finish());
  }
  TFP_ASSERT_OK(MergeBundles(env_.get(), {"/s/p0", "/s/p1"}, "/s/m"));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_.get(), "/s/m"));
  TFP_ASSERT_OK_AND_ASSIGN(auto entry, reader->GetBundleEntryProto("v"));
  EXPECT_EQ(entry.slices_size(), 2);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor v, reader->Lookup("v"));
  EXPECT_TRUE(v.IsSameAs(Tensor::FromVector<float>({0, 1, 2, 3})));
  TFP_ASSERT_OK_AND_ASSIGN(auto names, reader->TensorNames());
  EXPECT_THAT(names, ElementsAre("v"));
}

TEST_F(MergeBundlesTest, MissingFilesAndMismatchedHeaders) {
  Write("/y/p0", {{"a", 1}});
  EXPECT_THAT(MergeBundles(env_.get(), {"/y/p0", "/y/none"}, "/y/m"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/y/none.index")));
  EXPECT_THAT(MergeBundles(env_.get(), {"/y/none"}, "/y/m", true, true),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("At least one prefix checkpoint file")));
  TFP_ASSERT_OK(MergeBundles(env_.get(), {"/y/none", "/y/p0"}, "/y/m", true,
                             /*allow_missing_files=*/true));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_.get(), "/y/m"));
  EXPECT_THAT(reader->Keys(), ElementsAre("a"));

  Write("/z/p0", {{"a", 1}});
  Write("/z/p1", {{"b", 1}});
  auto index = ReadBundleIndex(env_.get(), "/z/p1.index");
  index->header.set_endianness(tensorflow::BundleHeaderProto::BIG);
  std::map<std::string, tensorflow::BundleEntryProto> entries;
  for (const auto& [k, v] : index->entries) entries[k].ParseFromString(v);
  TFP_ASSERT_OK(WriteBundleIndex(env_.get(), "/z/p1.index", index->header,
                                 entries, false));
  EXPECT_THAT(MergeBundles(env_.get(), {"/z/p0", "/z/p1"}, "/z/m"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("conflicting endianness")));
}

TEST_F(MergeBundlesTest, ShardedWriterSpreadsTensorsOverDataFiles) {
  ShardedBundleWriter writer(env_.get(), "/sh/model.ckpt", 3);
  writer.Add(0, "w0", Tensor::Scalar<float>(0));
  writer.Add(2, "w2", Tensor::Scalar<float>(2));
  writer.Add(1, "w1", Tensor::Scalar<float>(1));
  writer.Add(1, "w1b", testing::StringTensor({"x"}, TensorShape({1})));
  TFP_ASSERT_OK(writer.Finish());
  EXPECT_THAT(
      Children("/sh"),
      UnorderedElementsAre("model.ckpt.index", "model.ckpt.data-00000-of-00003",
                           "model.ckpt.data-00001-of-00003",
                           "model.ckpt.data-00002-of-00003"));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(env_.get(), "/sh/model.ckpt"));
  EXPECT_EQ(reader->num_shards(), 3);
  TFP_ASSERT_OK_AND_ASSIGN(auto e, reader->GetBundleEntryProto("w2"));
  EXPECT_EQ(e.shard_id(), 2);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor w1, reader->Lookup("w1"));
  EXPECT_EQ(w1.scalar<float>(), 1.0f);

  ShardedBundleWriter bad(env_.get(), "/sh2/m", 2);
  bad.Add(0, "k", Tensor::Scalar<float>(0));
  bad.Add(1, "k", Tensor::Scalar<float>(0));
  EXPECT_THAT(bad.status(), StatusIs(StatusCode::kInvalidArgument,
                                     HasSubstr("already in shard 0")));
  bad.Add(5, "z", Tensor::Scalar<float>(0));
  EXPECT_FALSE(bad.Finish().ok());
  EXPECT_TRUE(Children("/sh2/m_temp").empty());
}

}  // namespace
}  // namespace tfpersist
