#include <gtest/gtest.h>

#include <complex>

#include "bundle_test_util.h"
#include "io/bundle/bundle_index.h"
#include "io/coding.h"
#include "io/crc32c.h"
#include "testing/status_matchers.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::StringTensor;

class BundleReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BundleWriter writer(env_.get(), "/ckpt/m");
    writer.Add("f", Tensor::FromVector<float>({1.5f, -2, 3}, {3, 1}));
    writer.Add("d", Tensor::Scalar<double>(0.25));
    writer.Add("i64", Tensor::FromVector<int64_t>({1ll << 40, -7}));
    writer.Add("b", Tensor::FromVector<bool>({true, false, true}));
    writer.Add("c", Tensor::FromVector<complex64>({{1, 2}, {3, 4}}));
    writer.Add("h", Tensor::FromVector<half>({half{0x3c00}}));
    writer.Add(
        "s", StringTensor({"a", std::string(300, 'x'), ""}, TensorShape({3})));
    writer.Add("empty", Tensor(DT_FLOAT, TensorShape({0, 5})));
    TFP_ASSERT_OK(writer.Finish());
  }
  StatusOr<std::unique_ptr<BundleReader>> Open() {
    return BundleReader::Open(env_.get(), "/ckpt/m");
  }
  // Rewrites the index with `mutate` applied to key's entry.
  void MutateEntry(const std::string& key,
                   void (*mutate)(tensorflow::BundleEntryProto*)) {
    auto index = ReadBundleIndex(env_.get(), "/ckpt/m.index");
    ASSERT_TRUE(index.ok());
    std::map<std::string, tensorflow::BundleEntryProto> entries;
    for (const auto& [k, v] : index->entries) entries[k].ParseFromString(v);
    mutate(&entries[key]);
    TFP_ASSERT_OK(WriteBundleIndex(env_.get(), "/ckpt/m.index", index->header,
                                   entries, false));
  }
  std::unique_ptr<Env> env_ = NewMemEnv();
};

TEST_F(BundleReaderTest, ListsAndReadsEveryDtype) {
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  EXPECT_THAT(reader->Keys(),
              ElementsAre("b", "c", "d", "empty", "f", "h", "i64", "s"));
  EXPECT_EQ(reader->num_shards(), 1);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor f, reader->Lookup("f"));
  EXPECT_TRUE(f.IsSameAs(Tensor::FromVector<float>({1.5f, -2, 3}, {3, 1})));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor c, reader->Lookup("c"));
  EXPECT_EQ(c.data<complex64>()[1], complex64(3, 4));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor s, reader->Lookup("s"));
  EXPECT_TRUE(s.IsSameAs(
      StringTensor({"a", std::string(300, 'x'), ""}, TensorShape({3}))));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor empty, reader->Lookup("empty"));
  EXPECT_EQ(empty.shape(), TensorShape({0, 5}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor h, reader->Lookup("h"));
  EXPECT_EQ(h.data<half>()[0].bits, 0x3c00);
  TFP_ASSERT_OK_AND_ASSIGN(DtypeAndShape info,
                           reader->LookupDtypeAndShape("i64"));
  EXPECT_EQ(info.dtype, DT_INT64);
  EXPECT_EQ(info.shape, TensorShape({2}));
  EXPECT_TRUE(reader->Contains("d"));
  EXPECT_FALSE(reader->Contains("dd"));
}

TEST_F(BundleReaderTest, MissingKeyAndMissingBundleAreNotFound) {
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  EXPECT_THAT(reader->Lookup("nope"),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("Key nope not found in checkpoint /ckpt/m")));
  EXPECT_THAT(BundleReader::Open(env_.get(), "/ckpt/other"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/ckpt/other.index")));
}

TEST_F(BundleReaderTest, LookupIntoReusesTheCallersBuffer) {
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  Tensor dest(DT_FLOAT, TensorShape({3, 1}));
  const char* buffer = dest.raw_data();
  TFP_ASSERT_OK(reader->LookupInto("f", &dest));
  EXPECT_EQ(dest.raw_data(), buffer);
  EXPECT_EQ(dest.data<float>()[2], 3.0f);
  Tensor wrong(DT_FLOAT, TensorShape({3}));
  EXPECT_THAT(reader->LookupInto("f", &wrong),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("destination is a float tensor of shape [3] "
                                 "but the checkpoint holds float [3,1]")));
  Tensor strings(DT_STRING, TensorShape({3}));
  TFP_ASSERT_OK(reader->LookupInto("s", &strings));
  EXPECT_EQ(strings.data<std::string>()[0], "a");
}

TEST_F(BundleReaderTest, CorruptDataIsDataLossNamingTensorAndFile) {
  auto data = ReadFileToString(env_.get(), "/ckpt/m.data-00000-of-00001");
  ASSERT_TRUE(data.ok());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  TFP_ASSERT_OK_AND_ASSIGN(auto entry, reader->GetBundleEntryProto("f"));
  std::string bad = *data;
  bad[entry.offset() + 1] ^= 1;
  TFP_ASSERT_OK(
      WriteStringToFile(env_.get(), "/ckpt/m.data-00000-of-00001", bad));
  TFP_ASSERT_OK_AND_ASSIGN(reader, Open());
  EXPECT_THAT(reader->Lookup("f"),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("Checksum does not match for tensor 'f' in "
                                 "/ckpt/m.data-00000-of-00001")));
  TFP_EXPECT_OK(reader->Lookup("d").status());
}

TEST_F(BundleReaderTest, CorruptStringLengthsAreDataLoss) {
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  TFP_ASSERT_OK_AND_ASSIGN(auto entry, reader->GetBundleEntryProto("s"));
  auto data = ReadFileToString(env_.get(), "/ckpt/m.data-00000-of-00001");
  std::string bad = *data;
  bad[entry.offset()] = 2;  // "a" claims 2 bytes
  TFP_ASSERT_OK(
      WriteStringToFile(env_.get(), "/ckpt/m.data-00000-of-00001", bad));
  TFP_ASSERT_OK_AND_ASSIGN(reader, Open());
  EXPECT_THAT(
      reader->Lookup("s"),
      StatusIs(StatusCode::kDataLoss,
               HasSubstr("tensor 's' in /ckpt/m.data-00000-of-00001: "
                         "the string lengths checksum does not match")));
}

TEST_F(BundleReaderTest, TruncatedDataFileIsDataLoss) {
  auto data = ReadFileToString(env_.get(), "/ckpt/m.data-00000-of-00001");
  TFP_ASSERT_OK(WriteStringToFile(env_.get(), "/ckpt/m.data-00000-of-00001",
                                  data->substr(0, 10)));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  EXPECT_THAT(reader->Lookup("s"),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("extends past the end of "
                                 "/ckpt/m.data-00000-of-00001 (10 bytes)")));
}

TEST_F(BundleReaderTest, HostileEntriesAreRejectedBeforeAllocating) {
  MutateEntry("f", [](tensorflow::BundleEntryProto* e) {
    e->mutable_shape()->mutable_dim(0)->set_size(1ll << 40);
    e->set_size(4ll << 40);
  });
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, Open());
  EXPECT_THAT(reader->Lookup("f"), StatusIs(StatusCode::kDataLoss,
                                            HasSubstr("extends past the end")));
  MutateEntry("f", [](tensorflow::BundleEntryProto* e) { e->set_size(5); });
  TFP_ASSERT_OK_AND_ASSIGN(reader, Open());
  EXPECT_THAT(reader->Lookup("f"),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("invalid size in bundle entry; stored 5")));
  MutateEntry("d", [](tensorflow::BundleEntryProto* e) { e->set_shard_id(3); });
  MutateEntry("b", [](tensorflow::BundleEntryProto* e) {
    e->mutable_shape()->add_dim()->set_size(-4);
  });
  MutateEntry("c", [](tensorflow::BundleEntryProto* e) {
    e->set_dtype(static_cast<tensorflow::DataType>(77));
  });
  MutateEntry("s", [](tensorflow::BundleEntryProto* e) {
    e->mutable_shape()->add_dim()->set_size(1ll << 50);
  });
  TFP_ASSERT_OK_AND_ASSIGN(reader, Open());
  EXPECT_THAT(reader->Lookup("d"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("invalid shard_id 3")));
  EXPECT_THAT(reader->Lookup("b"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("tensor 'b'")));
  EXPECT_THAT(reader->Lookup("c"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("invalid dtype 77")));
  EXPECT_THAT(reader->Lookup("s"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("tensor 's'")));
}

TEST_F(BundleReaderTest, NewerFormatVersionIsInvalidArgument) {
  auto index = ReadBundleIndex(env_.get(), "/ckpt/m.index");
  index->header.mutable_version()->set_min_consumer(2);
  TFP_ASSERT_OK(
      WriteBundleIndex(env_.get(), "/ckpt/m.index", index->header, {}, false));
  EXPECT_THAT(Open(), StatusIs(StatusCode::kInvalidArgument,
                               HasSubstr("min consumer version 2")));
}

// A bundle written on a big-endian machine: data bytes are big-endian and
// the checksums cover them as stored.
TEST(BundleReaderEndianTest, BigEndianBundleIsByteSwapped) {
  std::unique_ptr<Env> env = NewMemEnv();
  const std::string data = testing::FromHex("3f c0 00 00  40 20 00 00");
  TFP_ASSERT_OK(WriteStringToFile(env.get(), "/be.data-00000-of-00001", data));
  tensorflow::BundleHeaderProto header = DefaultBundleHeader(1);
  header.set_endianness(tensorflow::BundleHeaderProto::BIG);
  std::map<std::string, tensorflow::BundleEntryProto> entries;
  auto& e = entries["w"];
  e.set_dtype(tensorflow::DT_FLOAT);
  ShapeToProto(TensorShape({2}), e.mutable_shape());
  e.set_size(8);
  e.set_crc32c(crc32c::Mask(crc32c::Value(data.data(), 8)));
  TFP_ASSERT_OK(
      WriteBundleIndex(env.get(), "/be.index", header, entries, false));
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env.get(), "/be"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor w, reader->Lookup("w"));
  EXPECT_EQ(w.data<float>()[0], 1.5f);
  EXPECT_EQ(w.data<float>()[1], 2.5f);
}

}  // namespace
}  // namespace tfpersist
