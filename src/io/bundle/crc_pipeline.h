// CrcPipeline checksums large byte ranges chunk by chunk while the caller
// writes them, with help from one background thread when a core is free.
//
// The caller never waits for the helper: a chunk the helper has not
// finished is checksummed by the caller right after writing it (the bytes
// are then still in cache), so on a busy machine the cost is that of the
// sequential loop, and on an idle one the checksum is almost free.
//
// Thread-safety: Begin/ChunkCrc/End are called by one thread; the helper is
// internal.
#ifndef TFPERSIST_IO_BUNDLE_CRC_PIPELINE_H_
#define TFPERSIST_IO_BUNDLE_CRC_PIPELINE_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

namespace tfpersist {

class CrcPipeline {
 public:
  static constexpr size_t kChunk = 512 * 1024;

  CrcPipeline() = default;
  CrcPipeline(const CrcPipeline&) = delete;
  CrcPipeline& operator=(const CrcPipeline&) = delete;
  // Stops and joins the helper.
  ~CrcPipeline();

  // Starts a range. `owner` keeps `bytes` alive for as long as the helper
  // may read them (possibly past End()). The helper thread is started on the
  // first call; if that fails, everything runs on the caller's thread.
  void Begin(std::string_view bytes, std::shared_ptr<const void> owner);
  // Number of kChunk-sized pieces of the current range (the last may be
  // shorter).
  size_t num_chunks() const;
  // crc32c (from 0) of chunk k of the current range.
  // REQUIRES: Begin() was called; k = 0, 1, 2, ... in order.
  uint32_t ChunkCrc(size_t k);
  // Ends the current range; the helper drops it.
  void End();

 private:
  struct Job;
  void HelperLoop();

  std::shared_ptr<Job> job_;  // Current range (caller's view)
  std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<Job> pending_;  // Guarded by mu_: range for the helper
  bool stop_ = false;             // Guarded by mu_
  std::thread helper_;
  bool helper_failed_ = false;
};

}  // namespace tfpersist

#endif  // TFPERSIST_IO_BUNDLE_CRC_PIPELINE_H_
