// Block: the reader of one block written by BlockBuilder.
//
// Create() validates the restart array once; the iterator then checks every
// entry it decodes against the block bounds, so corrupt contents yield
// DATA_LOSS from the iterator's status(), never a crash or a read outside
// the block.
//
// Thread-safety: a Block is immutable; iterators over it may be used from
// different threads (one thread per iterator).
#ifndef TFPERSIST_IO_TABLE_BLOCK_H_
#define TFPERSIST_IO_TABLE_BLOCK_H_

#include <cstdint>
#include <memory>
#include <string>

#include "io/table/iterator.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist::table {

class Block {
 public:
  // Takes the finished contents of a block. DATA_LOSS if it is shorter than
  // its restart array, or the restart offsets are not increasing from 0 and
  // inside the entry region.
  static StatusOr<std::unique_ptr<Block>> Create(std::string contents);

  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  size_t size() const { return contents_.size(); }
  uint32_t num_restarts() const { return num_restarts_; }

  // Keys are compared bytewise. The block must outlive the iterator.
  std::unique_ptr<Iterator> NewIterator() const;

 private:
  Block(std::string contents, uint32_t restart_offset, uint32_t num_restarts)
      : contents_(std::move(contents)),
        restart_offset_(restart_offset),
        num_restarts_(num_restarts) {}

  std::string contents_;
  uint32_t restart_offset_;  // Offset of the restart array in contents_
  uint32_t num_restarts_;
};

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_BLOCK_H_
