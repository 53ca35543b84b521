// Pieces of the table file format shared by the builder and the reader:
// block handles, the footer and reading a block with its trailer
// (layout in format.cc and docs/formats/table.md).
#ifndef TFPERSIST_IO_TABLE_FORMAT_H_
#define TFPERSIST_IO_TABLE_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "tfpersist/base/env.h"
#include "tfpersist/base/status.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist::table {

// Stored in the block trailer's type byte.
enum CompressionType : uint8_t {
  kNoCompression = 0,
  kSnappyCompression = 1,
};

// 1 type byte + fixed32 masked crc32c of (block contents ‖ type byte).
inline constexpr size_t kBlockTrailerSize = 5;
// "echo http://code.google.com/p/leveldb/ | sha1sum", first 64 bits.
inline constexpr uint64_t kTableMagicNumber = 0xdb4775248b80fb57ull;

// Points at a block: its offset in the file and the size of its contents
// (the trailer excluded).
class BlockHandle {
 public:
  // Two varint64s.
  static constexpr size_t kMaxEncodedLength = 10 + 10;

  BlockHandle() = default;
  BlockHandle(uint64_t offset, uint64_t size) : offset_(offset), size_(size) {}

  uint64_t offset() const { return offset_; }
  uint64_t size() const { return size_; }
  void set_offset(uint64_t offset) { offset_ = offset; }
  void set_size(uint64_t size) { size_ = size; }

  void EncodeTo(std::string* dst) const;
  // Consumes a handle from the front of *input; DATA_LOSS if malformed.
  Status DecodeFrom(std::string_view* input);

  friend bool operator==(const BlockHandle& a, const BlockHandle& b) {
    return a.offset_ == b.offset_ && a.size_ == b.size_;
  }

 private:
  uint64_t offset_ = ~uint64_t{0};
  uint64_t size_ = ~uint64_t{0};
};

// The fixed-size tail of every table file.
class Footer {
 public:
  // Two padded handles and the 8-byte magic number.
  static constexpr size_t kEncodedLength =
      2 * BlockHandle::kMaxEncodedLength + 8;

  const BlockHandle& metaindex_handle() const { return metaindex_handle_; }
  const BlockHandle& index_handle() const { return index_handle_; }
  void set_metaindex_handle(const BlockHandle& h) { metaindex_handle_ = h; }
  void set_index_handle(const BlockHandle& h) { index_handle_ = h; }

  // Appends exactly kEncodedLength bytes.
  void EncodeTo(std::string* dst) const;
  // REQUIRES: input.size() == kEncodedLength. DATA_LOSS on a bad magic
  // number or malformed handles.
  Status DecodeFrom(std::string_view input);

 private:
  BlockHandle metaindex_handle_;
  BlockHandle index_handle_;
};

// Reads the block at `handle` from `file` (of size file_size), verifies the
// trailer's crc32c and decompresses it if needed. Returns the contents.
// Never allocates more than the file can hold: a handle that points past
// the end is DATA_LOSS before any read. Messages do not name the file; the
// caller adds that context.
StatusOr<std::string> ReadBlock(const RandomAccessFile& file,
                                uint64_t file_size, const BlockHandle& handle);

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_FORMAT_H_
