#include "io/table/format.h"

#include <gtest/gtest.h>
#include <snappy.h>

#include "io/coding.h"
#include "io/crc32c.h"
#include "testing/status_matchers.h"

namespace tfpersist::table {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(FormatTest, BlockHandleRoundTrip) {
  for (auto [offset, size] : {std::pair<uint64_t, uint64_t>{0, 0},
                              {58, 8},
                              {1ull << 40, 300},
                              {~0ull, ~0ull}}) {
    std::string enc;
    BlockHandle(offset, size).EncodeTo(&enc);
    EXPECT_LE(enc.size(), BlockHandle::kMaxEncodedLength);
    std::string_view in(enc);
    BlockHandle h;
    TFP_ASSERT_OK(h.DecodeFrom(&in));
    EXPECT_EQ(h, BlockHandle(offset, size));
    EXPECT_TRUE(in.empty());
  }
  std::string_view truncated("\x80", 1);
  BlockHandle h;
  EXPECT_THAT(h.DecodeFrom(&truncated),
              StatusIs(StatusCode::kDataLoss, HasSubstr("bad block handle")));
}

TEST(FormatTest, FooterIs48BytesEndingInMagic) {
  Footer f;
  f.set_metaindex_handle(BlockHandle(58, 8));
  f.set_index_handle(BlockHandle(71, 14));
  std::string enc;
  f.EncodeTo(&enc);
  ASSERT_EQ(enc.size(), 48u);
  EXPECT_EQ(enc.substr(0, 4), "\x3a\x08\x47\x0e");
  EXPECT_EQ(enc.substr(4, 36), std::string(36, '\0'));
  EXPECT_EQ(enc.substr(40), "\x57\xfb\x80\x8b\x24\x75\x47\xdb");
  Footer g;
  TFP_ASSERT_OK(g.DecodeFrom(enc));
  EXPECT_EQ(g.metaindex_handle(), BlockHandle(58, 8));
  EXPECT_EQ(g.index_handle(), BlockHandle(71, 14));

  enc[47] ^= 1;
  EXPECT_THAT(g.DecodeFrom(enc),
              StatusIs(StatusCode::kDataLoss, HasSubstr("bad magic")));
  EXPECT_THAT(g.DecodeFrom(std::string_view(enc).substr(1)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("47 bytes")));
  std::string bad_handle(48, '\xff');
  EncodeFixed64(bad_handle.data() + 40, kTableMagicNumber);
  EXPECT_THAT(g.DecodeFrom(bad_handle),
              StatusIs(StatusCode::kDataLoss, HasSubstr("footer")));
}

// A file holding one block with its trailer at offset 3.
std::string FileWithBlock(std::string_view contents, char type) {
  std::string file = "xyz";
  file.append(contents);
  file.push_back(type);
  uint32_t crc = crc32c::Value(file.data() + 3, contents.size() + 1);
  PutFixed32(&file, crc32c::Mask(crc));
  return file;
}

class ReadBlockTest : public ::testing::Test {
 protected:
  StatusOr<std::string> Read(const std::string& data, BlockHandle h) {
    env_ = NewMemEnv();
    Status s = WriteStringToFile(env_.get(), "/f", data);
    if (!s.ok()) return s;
    auto file = env_->NewRandomAccessFile("/f");
    if (!file.ok()) return file.status();
    return ReadBlock(**file, data.size(), h);
  }
  std::unique_ptr<Env> env_;
};

TEST_F(ReadBlockTest, RawAndSnappyBlocks) {
  std::string file = FileWithBlock("hello", kNoCompression);
  TFP_ASSERT_OK_AND_ASSIGN(std::string got, Read(file, BlockHandle(3, 5)));
  EXPECT_EQ(got, "hello");

  std::string raw(1000, 'q'), compressed;
  snappy::Compress(raw.data(), raw.size(), &compressed);
  file = FileWithBlock(compressed, kSnappyCompression);
  TFP_ASSERT_OK_AND_ASSIGN(got, Read(file, BlockHandle(3, compressed.size())));
  EXPECT_EQ(got, raw);
}

TEST_F(ReadBlockTest, ChecksumTypeAndRangeErrors) {
  std::string file = FileWithBlock("hello", kNoCompression);
  std::string bad = file;
  bad[4] ^= 0x20;
  EXPECT_THAT(Read(bad, BlockHandle(3, 5)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("checksum mismatch")));
  bad = file;
  bad[8] = 1;  // type byte: crc covers it
  EXPECT_THAT(Read(bad, BlockHandle(3, 5)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("checksum mismatch")));
  EXPECT_THAT(Read(FileWithBlock("hello", 7), BlockHandle(3, 5)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("bad block type 7")));
  EXPECT_THAT(Read(FileWithBlock("hello", 1), BlockHandle(3, 5)),
              StatusIs(StatusCode::kDataLoss, HasSubstr("snappy")));
  for (BlockHandle h :
       {BlockHandle(3, 6), BlockHandle(4, 5), BlockHandle(100, 1),
        BlockHandle(3, ~0ull), BlockHandle(~0ull, 5)}) {
    EXPECT_THAT(Read(file, h),
                StatusIs(StatusCode::kDataLoss, HasSubstr("out of range")))
        << h.offset() << "," << h.size();
  }
}

TEST_F(ReadBlockTest, HostileSnappyLengthIsRejectedBeforeAllocating) {
  // Claims 2^32-1 uncompressed bytes in a 6-byte block.
  std::string claim;
  PutVarint32(&claim, 0xffffffffu);
  claim.push_back('\0');
  EXPECT_THAT(Read(FileWithBlock(claim, kSnappyCompression),
                   BlockHandle(3, claim.size())),
              StatusIs(StatusCode::kDataLoss, HasSubstr("snappy")));
}

}  // namespace
}  // namespace tfpersist::table
