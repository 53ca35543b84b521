// Table: reader of a table file written by TableBuilder (or by TensorFlow /
// LevelDB). Opening reads the footer and the index block; data blocks are
// read, checksum-verified and decompressed on demand by iterators.
//
// Every malformed byte (bad magic, handle out of range, checksum mismatch,
// bad block contents) is DATA_LOSS naming the file; nothing is allocated
// from an unchecked size.
//
// Thread-safety: a Table is immutable after Open and may be shared; each
// iterator is used by one thread at a time.
#ifndef TFPERSIST_IO_TABLE_TABLE_H_
#define TFPERSIST_IO_TABLE_TABLE_H_

#include <cstdint>
#include <memory>

#include "io/table/block.h"
#include "io/table/iterator.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist::table {

class Table {
 public:
  // Opens the table stored in file[0, file_size). Does not take ownership:
  // *file must outlive the table and all its iterators.
  static StatusOr<std::unique_ptr<Table>> Open(const RandomAccessFile* file,
                                               uint64_t file_size);

  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  // An iterator over all entries, bytewise key order. Errors from its status()
  // are prefixed with the file name. The table must outlive it.
  std::unique_ptr<Iterator> NewIterator() const;

  const std::string& filename() const { return file_->name(); }

 private:
  Table(const RandomAccessFile* file, uint64_t file_size,
        std::unique_ptr<Block> index_block)
      : file_(file),
        file_size_(file_size),
        index_block_(std::move(index_block)) {}

  const RandomAccessFile* file_;
  uint64_t file_size_;
  std::unique_ptr<Block> index_block_;
};

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_TABLE_H_
