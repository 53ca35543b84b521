#include "io/bundle/crc_pipeline.h"

#include <algorithm>
#include <atomic>
#include <system_error>

#include "io/crc32c.h"

namespace tfpersist {

struct CrcPipeline::Job {
  Job(std::string_view b, std::shared_ptr<const void> o)
      : bytes(b),
        owner(std::move(o)),
        num_chunks((b.size() + kChunk - 1) / kChunk),
        crc(new uint32_t[num_chunks]),
        done(new std::atomic<bool>[num_chunks]) {
    for (size_t k = 0; k < num_chunks; ++k) done[k] = false;
  }
  uint32_t Compute(size_t k) const {
    const size_t start = k * kChunk;
    return crc32c::Value(bytes.data() + start,
                         std::min(kChunk, bytes.size() - start));
  }

  const std::string_view bytes;
  const std::shared_ptr<const void> owner;
  const size_t num_chunks;
  // crc[k] is written by the helper before done[k] is set (release).
  std::unique_ptr<uint32_t[]> crc;
  std::unique_ptr<std::atomic<bool>[]> done;
  std::atomic<size_t> caller_next{0};  // Chunks the caller has consumed
  std::atomic<bool> ended{false};
};

CrcPipeline::~CrcPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (helper_.joinable()) helper_.join();
}

void CrcPipeline::Begin(std::string_view bytes,
                        std::shared_ptr<const void> owner) {
  job_ = std::make_shared<Job>(bytes, std::move(owner));
  if (!helper_.joinable() && !helper_failed_) {
    try {
      helper_ = std::thread([this] { HelperLoop(); });
    } catch (const std::system_error&) {
      helper_failed_ = true;
    }
  }
  if (helper_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      pending_ = job_;
    }
    cv_.notify_one();
  }
}

size_t CrcPipeline::num_chunks() const { return job_->num_chunks; }

uint32_t CrcPipeline::ChunkCrc(size_t k) {
  const uint32_t crc = job_->done[k].load(std::memory_order_acquire)
                           ? job_->crc[k]
                           : job_->Compute(k);
  job_->caller_next.store(k + 1, std::memory_order_relaxed);
  return crc;
}

void CrcPipeline::End() {
  job_->ended.store(true, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_ == job_) pending_.reset();
  }
  job_.reset();
}

void CrcPipeline::HelperLoop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || pending_ != nullptr; });
      if (stop_) return;
      job = std::move(pending_);
    }
    // Stay ahead of the caller; give up once the range has ended.
    for (size_t k = job->caller_next.load(std::memory_order_relaxed);
         k < job->num_chunks && !job->ended.load(std::memory_order_relaxed);
         k = std::max(k + 1,
                      job->caller_next.load(std::memory_order_relaxed))) {
      job->crc[k] = job->Compute(k);
      job->done[k].store(true, std::memory_order_release);
    }
  }
}

}  // namespace tfpersist
