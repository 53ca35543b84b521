// Reading a block (layout in block_builder.cc). Every decode is bounded by
// the end of the entry region.
#include "io/table/block.h"

#include <limits>

#include "io/coding.h"

namespace tfpersist::table {
namespace {

// Decodes the three entry-header varints at p (not beyond limit) and returns
// the start of the key delta, or nullptr if the entry does not fit.
const char* DecodeEntry(const char* p, const char* limit, uint32_t* shared,
                        uint32_t* non_shared, uint32_t* value_length) {
  if (limit - p < 3) return nullptr;
  *shared = static_cast<uint8_t>(p[0]);
  *non_shared = static_cast<uint8_t>(p[1]);
  *value_length = static_cast<uint8_t>(p[2]);
  if ((*shared | *non_shared | *value_length) < 128) {
    p += 3;  // Fast path: all three values are encoded in one byte each
  } else {
    if ((p = GetVarint32Ptr(p, limit, shared)) == nullptr) return nullptr;
    if ((p = GetVarint32Ptr(p, limit, non_shared)) == nullptr) return nullptr;
    if ((p = GetVarint32Ptr(p, limit, value_length)) == nullptr) return nullptr;
  }
  if (static_cast<uint64_t>(limit - p) <
      static_cast<uint64_t>(*non_shared) + *value_length) {
    return nullptr;
  }
  return p;
}

class BlockIterator : public Iterator {
 public:
  BlockIterator(const char* data, uint32_t restarts, uint32_t num_restarts)
      : data_(data),
        restarts_(restarts),
        num_restarts_(num_restarts),
        current_(restarts),
        restart_index_(num_restarts) {}

  bool Valid() const override { return current_ < restarts_; }
  Status status() const override { return status_; }
  std::string_view key() const override { return key_; }
  std::string_view value() const override { return value_; }

  void Next() override { ParseNextKey(); }

  void SeekToFirst() override {
    SeekToRestartPoint(0);
    ParseNextKey();
  }

  void Seek(std::string_view target) override;

 private:
  uint32_t GetRestartPoint(uint32_t index) const {
    return DecodeFixed32(data_ + restarts_ + index * sizeof(uint32_t));
  }
  // Offset just past the current entry.
  uint32_t NextEntryOffset() const {
    return static_cast<uint32_t>((value_.data() + value_.size()) - data_);
  }
  void SeekToRestartPoint(uint32_t index) {
    key_.clear();
    restart_index_ = index;
    // ParseNextKey() starts at the end of value_, so set value_ accordingly.
    value_ = std::string_view(data_ + GetRestartPoint(index), 0);
  }
  void CorruptionError(const char* what) {
    current_ = restarts_;
    restart_index_ = num_restarts_;
    status_ = errors::DataLoss("corrupted block: ", what);
    key_.clear();
    value_ = std::string_view();
  }
  bool ParseNextKey();

  const char* const data_;       // The block contents
  const uint32_t restarts_;      // Offset of the restart array
  const uint32_t num_restarts_;  // Number of uint32_t restart entries
  uint32_t current_;        // Offset of current entry; >= restarts_ if !Valid
  uint32_t restart_index_;  // Index of restart block holding current_
  std::string key_;
  std::string_view value_;
  Status status_;
};

bool BlockIterator::ParseNextKey() {
  if (!status_.ok()) return false;
  current_ = NextEntryOffset();
  const char* p = data_ + current_;
  const char* limit = data_ + restarts_;
  if (p >= limit) {  // No more entries: mark as invalid.
    current_ = restarts_;
    restart_index_ = num_restarts_;
    return false;
  }
  uint32_t shared, non_shared, value_length;
  p = DecodeEntry(p, limit, &shared, &non_shared, &value_length);
  if (p == nullptr) {
    CorruptionError("entry runs past the end of the block");
    return false;
  }
  if (key_.size() < shared) {
    CorruptionError("shared key prefix longer than the previous key");
    return false;
  }
  key_.resize(shared);
  key_.append(p, non_shared);
  value_ = std::string_view(p + non_shared, value_length);
  while (restart_index_ + 1 < num_restarts_ &&
         GetRestartPoint(restart_index_ + 1) < current_) {
    ++restart_index_;
  }
  return true;
}

void BlockIterator::Seek(std::string_view target) {
  if (!status_.ok()) return;
  // Binary search for the last restart point whose key is < target.
  uint32_t left = 0;
  uint32_t right = num_restarts_ - 1;
  while (left < right) {
    const uint32_t mid = left + (right - left + 1) / 2;
    uint32_t shared, non_shared, value_length;
    const char* key_ptr =
        DecodeEntry(data_ + GetRestartPoint(mid), data_ + restarts_, &shared,
                    &non_shared, &value_length);
    if (key_ptr == nullptr || shared != 0) {
      CorruptionError("bad entry at a restart point");
      return;
    }
    if (std::string_view(key_ptr, non_shared) < target) {
      left = mid;  // Keys before "mid" are uninteresting.
    } else {
      right = mid - 1;  // Keys at or after "mid" are uninteresting.
    }
  }
  // Linear search (within the restart block) for the first key >= target.
  SeekToRestartPoint(left);
  while (ParseNextKey()) {
    if (std::string_view(key_) >= target) return;
  }
}

}  // namespace

StatusOr<std::unique_ptr<Block>> Block::Create(std::string contents) {
  const size_t size = contents.size();
  if (size < sizeof(uint32_t)) {
    return errors::DataLoss("corrupted block: ", size,
                            " bytes is too short for a restart count");
  }
  if (size > std::numeric_limits<uint32_t>::max()) {
    return errors::DataLoss("corrupted block: ", size, " bytes is too large");
  }
  const uint32_t num_restarts = DecodeFixed32(contents.data() + size - 4);
  const uint64_t max_restarts = (size - sizeof(uint32_t)) / sizeof(uint32_t);
  if (num_restarts == 0 || num_restarts > max_restarts) {
    return errors::DataLoss("corrupted block: restart count ", num_restarts,
                            " does not fit a block of ", size, " bytes");
  }
  const uint32_t restart_offset = static_cast<uint32_t>(
      size - (1 + static_cast<uint64_t>(num_restarts)) * sizeof(uint32_t));
  const char* restarts = contents.data() + restart_offset;
  uint32_t previous = 0;
  for (uint32_t i = 0; i < num_restarts; ++i) {
    const uint32_t offset = DecodeFixed32(restarts + 4 * i);
    const bool ok =
        (i == 0) ? offset == 0 : (offset > previous && offset < restart_offset);
    if (!ok) {
      return errors::DataLoss("corrupted block: restart point ", i,
                              " has bad offset ", offset);
    }
    previous = offset;
  }
  return std::unique_ptr<Block>(
      new Block(std::move(contents), restart_offset, num_restarts));
}

std::unique_ptr<Iterator> Block::NewIterator() const {
  return std::make_unique<BlockIterator>(contents_.data(), restart_offset_,
                                         num_restarts_);
}

}  // namespace tfpersist::table
