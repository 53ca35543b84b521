// Table file layout (cf. leveldb doc/table_format.md; whole-file view in
// docs/formats/table.md):
//
//   [data block 0][trailer] ... [data block N-1][trailer]
//   [metaindex block][trailer]      always empty in TF-written tables
//   [index block][trailer]          one entry per data block
//   [footer]                        48 bytes
//
// Block trailer (5 bytes):
//   type: uint8          0 = raw, 1 = snappy-compressed contents
//   crc:  fixed32        Mask(crc32c(stored contents ‖ type))
//
// BlockHandle: varint64 offset ‖ varint64 size (size excludes the trailer).
//
// Footer (48 bytes):
//   metaindex_handle: BlockHandle
//   index_handle:     BlockHandle
//   padding:          zeros up to byte 40 (2 * BlockHandle::kMaxEncodedLength)
//   magic:            fixed64 0xdb4775248b80fb57 (low word first)
#include "io/table/format.h"

#include <snappy.h>

#include "io/coding.h"
#include "io/crc32c.h"

namespace tfpersist::table {

void BlockHandle::EncodeTo(std::string* dst) const {
  PutVarint64(dst, offset_);
  PutVarint64(dst, size_);
}

Status BlockHandle::DecodeFrom(std::string_view* input) {
  if (GetVarint64(input, &offset_) && GetVarint64(input, &size_)) {
    return OkStatus();
  }
  return errors::DataLoss("bad block handle");
}

void Footer::EncodeTo(std::string* dst) const {
  const size_t original_size = dst->size();
  metaindex_handle_.EncodeTo(dst);
  index_handle_.EncodeTo(dst);
  dst->resize(original_size + 2 * BlockHandle::kMaxEncodedLength);  // Padding
  PutFixed32(dst, static_cast<uint32_t>(kTableMagicNumber & 0xffffffffu));
  PutFixed32(dst, static_cast<uint32_t>(kTableMagicNumber >> 32));
}

Status Footer::DecodeFrom(std::string_view input) {
  if (input.size() != kEncodedLength) {
    return errors::DataLoss("footer has ", input.size(), " bytes, expected ",
                            kEncodedLength);
  }
  const char* magic_ptr = input.data() + kEncodedLength - 8;
  const uint64_t magic = DecodeFixed64(magic_ptr);
  if (magic != kTableMagicNumber) {
    return errors::DataLoss("not a table file (bad magic number)");
  }
  input.remove_suffix(8);
  TFP_RETURN_IF_ERROR_CTX(metaindex_handle_.DecodeFrom(&input), "footer");
  TFP_RETURN_IF_ERROR_CTX(index_handle_.DecodeFrom(&input), "footer");
  return OkStatus();
}

namespace {

// Snappy's densest element (a 3-byte copy of 64 bytes) expands ~21x; a
// claimed uncompressed size beyond this bound is hostile.
constexpr uint64_t kMaxSnappyExpansion = 32;

StatusOr<std::string> Uncompress(std::string_view compressed) {
  size_t length = 0;
  if (!snappy::GetUncompressedLength(compressed.data(), compressed.size(),
                                     &length) ||
      length > kMaxSnappyExpansion * compressed.size() + 64 ||
      !snappy::IsValidCompressedBuffer(compressed.data(), compressed.size())) {
    return errors::DataLoss("corrupted snappy-compressed block contents");
  }
  std::string out(length, '\0');
  if (!snappy::RawUncompress(compressed.data(), compressed.size(),
                             out.data())) {
    return errors::DataLoss("corrupted snappy-compressed block contents");
  }
  return out;
}

}  // namespace

StatusOr<std::string> ReadBlock(const RandomAccessFile& file,
                                uint64_t file_size, const BlockHandle& handle) {
  const uint64_t n = handle.size();
  if (handle.offset() > file_size || n > file_size - handle.offset() ||
      kBlockTrailerSize > file_size - handle.offset() - n) {
    return errors::DataLoss("block handle (offset ", handle.offset(), ", size ",
                            n, ") is out of range of a file of ", file_size,
                            " bytes");
  }
  std::string buf(n + kBlockTrailerSize, '\0');
  std::string_view contents;
  Status s = file.Read(handle.offset(), buf.size(), &contents, buf.data());
  if (contents.size() != buf.size()) {
    if (!s.ok() && !errors::IsOutOfRange(s)) return s;
    return errors::DataLoss("truncated block read at offset ", handle.offset());
  }
  TFP_RETURN_IF_ERROR(s);

  const char* data = contents.data();
  const uint32_t expected = crc32c::Unmask(DecodeFixed32(data + n + 1));
  const uint32_t actual = crc32c::Value(data, n + 1);
  if (actual != expected) {
    return errors::DataLoss("block checksum mismatch at offset ",
                            handle.offset(), " (size ", n, ")");
  }
  switch (static_cast<uint8_t>(data[n])) {
    case kNoCompression:
      if (data != buf.data()) return std::string(data, n);
      buf.resize(n);
      return buf;
    case kSnappyCompression:
      return Uncompress(std::string_view(data, n));
    default:
      return errors::DataLoss("bad block type ",
                              static_cast<int>(static_cast<uint8_t>(data[n])),
                              " at offset ", handle.offset());
  }
}

}  // namespace tfpersist::table
