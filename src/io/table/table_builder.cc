// Writes a table as TensorFlow's tensorflow/core/lib/io/table_builder.cc
// does, so the bytes are identical (layout in format.cc and
// block_builder.cc). Data blocks are cut by TF's rules:
//   * before an entry with |key| + |value| >= 2 * block_size, the current
//     data block (if any) is flushed;
//   * after an entry, the block is flushed once CurrentSizeEstimate() >=
//     block_size.
// Each flushed block gets an index entry keyed by the shortest separator
// between its last key and the next block's first key; the last block's
// key is the short successor of the table's last key. After the data
// blocks come an empty metaindex block, the index block (restart interval
// 1) and the footer.
#include "io/table/table_builder.h"

#include <snappy.h>

#include <algorithm>
#include <limits>

#include "io/coding.h"
#include "io/crc32c.h"
#include "tfpersist/base/logging.h"

namespace tfpersist::table {

void FindShortestSeparator(std::string* start, std::string_view limit) {
  const size_t min_length = std::min(start->size(), limit.size());
  size_t diff_index = 0;
  while (diff_index < min_length && (*start)[diff_index] == limit[diff_index]) {
    ++diff_index;
  }
  if (diff_index >= min_length) return;  // One is a prefix of the other.
  const uint8_t diff_byte = static_cast<uint8_t>((*start)[diff_index]);
  if (diff_byte < 0xff &&
      diff_byte + 1 < static_cast<uint8_t>(limit[diff_index])) {
    (*start)[diff_index] = static_cast<char>(diff_byte + 1);
    start->resize(diff_index + 1);
  }
}

void FindShortSuccessor(std::string* key) {
  for (size_t i = 0; i < key->size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>((*key)[i]);
    if (byte != 0xff) {
      (*key)[i] = static_cast<char>(byte + 1);
      key->resize(i + 1);
      return;
    }
  }
  // *key is a run of 0xffs. Leave it alone.
}

TableBuilder::TableBuilder(const TableOptions& options, WritableFile* file)
    : options_(options),
      file_(file),
      data_block_(options.block_restart_interval),
      index_block_(1) {}

TableBuilder::~TableBuilder() {
  TFP_DCHECK(closed_) << "TableBuilder destroyed without Finish()/Abandon()";
}

void TableBuilder::Add(std::string_view key, std::string_view value) {
  TFP_DCHECK(!closed_);
  if (!ok()) return;
  if (key.size() > std::numeric_limits<uint32_t>::max() ||
      value.size() > std::numeric_limits<uint32_t>::max()) {
    status_ =
        errors::InvalidArgument("table entry too large: key of ", key.size(),
                                " bytes, value of ", value.size(), " bytes");
    return;
  }
  if (num_entries_ > 0) {
    if (key <= std::string_view(last_key_)) {
      status_ = errors::InvalidArgument(
          "table keys must be added in strictly increasing order: \"",
          CEscape(key), "\" after \"", CEscape(last_key_), "\"");
      return;
    }
    // An overly large entry starts a block of its own.
    if (key.size() + value.size() >= 2 * options_.block_size) Flush();
    if (!ok()) return;
  }
  if (pending_index_entry_) {
    FindShortestSeparator(&last_key_, key);
    AddIndexEntry(last_key_);
  }
  last_key_.assign(key);
  ++num_entries_;
  data_block_.Add(key, value);
  if (data_block_.CurrentSizeEstimate() >= options_.block_size) Flush();
}

void TableBuilder::AddIndexEntry(std::string_view separator) {
  TFP_DCHECK(data_block_.empty());
  std::string handle_encoding;
  pending_handle_.EncodeTo(&handle_encoding);
  index_block_.Add(separator, handle_encoding);
  pending_index_entry_ = false;
}

void TableBuilder::Flush() {
  TFP_DCHECK(!closed_);
  if (!ok() || data_block_.empty()) return;
  TFP_DCHECK(!pending_index_entry_);
  WriteBlock(&data_block_, &pending_handle_);
  if (ok()) {
    pending_index_entry_ = true;
    status_ = file_->Flush();
  }
}

void TableBuilder::WriteBlock(BlockBuilder* block, BlockHandle* handle) {
  const std::string_view raw = block->Finish();
  std::string_view contents = raw;
  CompressionType type = options_.compression;
  if (type == kSnappyCompression) {
    snappy::Compress(raw.data(), raw.size(), &compressed_output_);
    if (compressed_output_.size() < raw.size() - raw.size() / 8) {
      contents = compressed_output_;
    } else {  // Compressed less than 12.5%: store uncompressed.
      type = kNoCompression;
    }
  }
  WriteRawBlock(contents, type, handle);
  compressed_output_.clear();
  block->Reset();
}

void TableBuilder::WriteRawBlock(std::string_view contents,
                                 CompressionType type, BlockHandle* handle) {
  handle->set_offset(offset_);
  handle->set_size(contents.size());
  status_ = file_->Append(contents);
  if (!ok()) return;
  char trailer[kBlockTrailerSize];
  trailer[0] = static_cast<char>(type);
  uint32_t crc = crc32c::Value(contents.data(), contents.size());
  crc = crc32c::Extend(crc, trailer, 1);  // The crc covers the type byte.
  EncodeFixed32(trailer + 1, crc32c::Mask(crc));
  status_ = file_->Append(std::string_view(trailer, kBlockTrailerSize));
  if (ok()) offset_ += contents.size() + kBlockTrailerSize;
}

Status TableBuilder::Finish() {
  Flush();
  TFP_DCHECK(!closed_);
  closed_ = true;
  BlockHandle metaindex_handle, index_handle;
  if (ok()) {
    BlockBuilder metaindex_block(options_.block_restart_interval);
    WriteBlock(&metaindex_block, &metaindex_handle);
  }
  if (ok()) {
    if (pending_index_entry_) {
      FindShortSuccessor(&last_key_);
      AddIndexEntry(last_key_);
    }
    WriteBlock(&index_block_, &index_handle);
  }
  if (ok()) {
    Footer footer;
    footer.set_metaindex_handle(metaindex_handle);
    footer.set_index_handle(index_handle);
    std::string encoding;
    footer.EncodeTo(&encoding);
    status_ = file_->Append(encoding);
    if (ok()) offset_ += encoding.size();
  }
  return status_;
}

void TableBuilder::Abandon() {
  TFP_DCHECK(!closed_);
  closed_ = true;
}

}  // namespace tfpersist::table
