// TableBuilder writes an immutable sorted key -> value table (an SSTable in
// the LevelDB format as TensorFlow writes it; docs/formats/table.md).
//
// Sticky status: Add() returns nothing; the first error is kept and reported
// by status() and Finish(). Finish() or Abandon() are the only exits.
//
// Thread-safety: const methods may be called concurrently; anything else
// needs external synchronization.
#ifndef TFPERSIST_IO_TABLE_TABLE_BUILDER_H_
#define TFPERSIST_IO_TABLE_TABLE_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "io/table/block_builder.h"
#include "io/table/format.h"
#include "io/table/table_options.h"
#include "tfpersist/base/env.h"

namespace tfpersist::table {

// LevelDB's BytewiseComparator shortening, exposed for tests.
// If *start < limit, changes *start to a short string in [*start, limit).
void FindShortestSeparator(std::string* start, std::string_view limit);
// Changes *key to a short string >= *key.
void FindShortSuccessor(std::string* key);

class TableBuilder {
 public:
  // Writes into *file, which must outlive the builder. Does not close it:
  // the caller closes the file after Finish().
  TableBuilder(const TableOptions& options, WritableFile* file);

  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;
  // Calling neither Finish() nor Abandon() is a bug (DCHECK).
  ~TableBuilder();

  // Appends key -> value. A key that is not bytewise greater than the
  // previous one, or a key/value longer than 4 GiB, sets INVALID_ARGUMENT.
  // REQUIRES: Finish() and Abandon() have not been called.
  void Add(std::string_view key, std::string_view value);

  // Writes the current data block (if any) to the file now.
  // REQUIRES: Finish() and Abandon() have not been called.
  void Flush();

  // The first error met, else OK.
  Status status() const { return status_; }

  // Writes the remaining data block, the metaindex and index blocks and the
  // footer. Returns status(). REQUIRES: not yet finished or abandoned.
  Status Finish();

  // Stops using the file; what was written so far should be discarded.
  void Abandon();

  uint64_t NumEntries() const { return num_entries_; }
  // Bytes written so far (the final file size after Finish()).
  uint64_t FileSize() const { return offset_; }

 private:
  bool ok() const { return status_.ok(); }
  void WriteBlock(BlockBuilder* block, BlockHandle* handle);
  void WriteRawBlock(std::string_view contents, CompressionType type,
                     BlockHandle* handle);
  void AddIndexEntry(std::string_view separator);

  const TableOptions options_;
  WritableFile* const file_;
  uint64_t offset_ = 0;
  Status status_;
  BlockBuilder data_block_;
  BlockBuilder index_block_;
  std::string last_key_;
  uint64_t num_entries_ = 0;
  bool closed_ = false;  // Finish() or Abandon() has been called.

  // The index entry of a flushed block is emitted when the next key is
  // known, so its key can be a short separator ("the r" between "the quick
  // brown fox" and "the who"). Invariant: true only if data_block_ is empty.
  bool pending_index_entry_ = false;
  BlockHandle pending_handle_;
  std::string compressed_output_;
};

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_TABLE_BUILDER_H_
