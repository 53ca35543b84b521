// BlockBuilder builds one prefix-compressed block of a table (layout in
// block_builder.cc and docs/formats/table.md).
//
// Thread-safety: not thread-safe; one builder per thread.
#ifndef TFPERSIST_IO_TABLE_BLOCK_BUILDER_H_
#define TFPERSIST_IO_TABLE_BLOCK_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfpersist::table {

class BlockBuilder {
 public:
  // A restart point (full key, no shared prefix) starts every
  // `restart_interval` entries. TF uses 16 for data blocks, 1 for the index.
  // REQUIRES: restart_interval >= 1.
  explicit BlockBuilder(int restart_interval);

  BlockBuilder(const BlockBuilder&) = delete;
  BlockBuilder& operator=(const BlockBuilder&) = delete;

  // Forgets all entries, as if just constructed.
  void Reset();

  // REQUIRES: Finish() has not been called since the last Reset().
  // REQUIRES: key is bytewise larger than any previously added key (the
  // caller, TableBuilder, checks this).
  void Add(std::string_view key, std::string_view value);

  // Appends the restart array and returns the finished block contents. The
  // view stays valid until Reset() or destruction.
  std::string_view Finish();

  // Estimated size of the block once finished: entries so far plus
  // 4 bytes per restart point plus 4 (TF's CurrentSizeEstimate, which decides
  // when a data block is flushed; keep it exact for byte-identical output).
  size_t CurrentSizeEstimate() const;

  bool empty() const { return buffer_.empty(); }

 private:
  const int restart_interval_;
  std::string buffer_;              // Destination buffer
  std::vector<uint32_t> restarts_;  // Restart points
  int counter_ = 0;                 // Entries emitted since last restart
  bool finished_ = false;           // Has Finish() been called?
  std::string last_key_;
};

}  // namespace tfpersist::table

#endif  // TFPERSIST_IO_TABLE_BLOCK_BUILDER_H_
