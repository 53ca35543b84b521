// Block layout (data, metaindex and index blocks alike; cf. leveldb
// table/block_builder.cc):
//
//   entry*                       one per key, in increasing key order
//   restarts: fixed32[num_restarts]   offset of each restart entry
//   num_restarts: fixed32             >= 1 (an empty block has [0], 1)
//
// Each entry:
//   shared_bytes:   varint32   length of the prefix shared with previous key
//   unshared_bytes: varint32   length of the rest of the key
//   value_length:   varint32
//   key_delta:      char[unshared_bytes]
//   value:          char[value_length]
//
// At a restart point shared_bytes == 0 and the full key is stored; restarts
// begin every `restart_interval` entries, starting with entry 0 at offset 0.
// A reader binary-searches the restart array, then scans forward.
#include "io/table/block_builder.h"

#include <algorithm>

#include "io/coding.h"
#include "tfpersist/base/logging.h"

namespace tfpersist::table {

BlockBuilder::BlockBuilder(int restart_interval)
    : restart_interval_(restart_interval) {
  TFP_CHECK(restart_interval >= 1) << "restart_interval " << restart_interval;
  restarts_.push_back(0);  // First restart point is at offset 0
}

void BlockBuilder::Reset() {
  buffer_.clear();
  restarts_.clear();
  restarts_.push_back(0);
  counter_ = 0;
  finished_ = false;
  last_key_.clear();
}

size_t BlockBuilder::CurrentSizeEstimate() const {
  return buffer_.size() + restarts_.size() * sizeof(uint32_t) +
         sizeof(uint32_t);
}

std::string_view BlockBuilder::Finish() {
  for (uint32_t restart : restarts_) PutFixed32(&buffer_, restart);
  PutFixed32(&buffer_, static_cast<uint32_t>(restarts_.size()));
  finished_ = true;
  return buffer_;
}

void BlockBuilder::Add(std::string_view key, std::string_view value) {
  TFP_DCHECK(!finished_);
  TFP_DCHECK(counter_ <= restart_interval_);
  size_t shared = 0;
  if (counter_ < restart_interval_) {
    const size_t min_length = std::min(last_key_.size(), key.size());
    while (shared < min_length && last_key_[shared] == key[shared]) ++shared;
  } else {
    restarts_.push_back(static_cast<uint32_t>(buffer_.size()));
    counter_ = 0;
  }
  const size_t non_shared = key.size() - shared;

  PutVarint32(&buffer_, static_cast<uint32_t>(shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(non_shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(value.size()));
  buffer_.append(key.data() + shared, non_shared);
  buffer_.append(value.data(), value.size());

  last_key_.resize(shared);
  last_key_.append(key.data() + shared, non_shared);
  ++counter_;
}

}  // namespace tfpersist::table
