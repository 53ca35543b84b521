// FaultInjectionEnv wraps another Env and makes chosen operations fail, to
// test that writers leave no damaged files behind and readers report errors.
//
// Thread-safety: the knobs are atomics; safe to flip while in use.
#ifndef TFPERSIST_BASE_FAULT_INJECTION_ENV_H_
#define TFPERSIST_BASE_FAULT_INJECTION_ENV_H_

#include <atomic>
#include <cstdint>

#include "tfpersist/base/env.h"

namespace tfpersist {

class FaultInjectionEnv : public Env {
 public:
  // Does not take ownership; `base` must outlive this Env.
  explicit FaultInjectionEnv(Env* base) : base_(base) {}

  // After `bytes` more bytes are appended (over all files), every Append
  // fails with RESOURCE_EXHAUSTED ("injected: disk full"). -1 = unlimited.
  void SetWriteBudget(int64_t bytes) { write_budget_ = bytes; }
  // Makes RenameFile fail with UNAVAILABLE.
  void SetFailRename(bool fail) { fail_rename_ = fail; }
  // Makes NewRandomAccessFile fail with UNAVAILABLE.
  void SetFailOpenForRead(bool fail) { fail_open_read_ = fail; }

  // Consumes budget for n bytes; false if the write must fail.
  bool TakeWriteBudget(size_t n);

  StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) override;
  StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path) override;
  Status FileExists(const std::string& path) override {
    return base_->FileExists(path);
  }
  StatusOr<FileStatistics> Stat(const std::string& path) override {
    return base_->Stat(path);
  }
  StatusOr<std::vector<std::string>> GetChildren(
      const std::string& dir) override {
    return base_->GetChildren(dir);
  }
  Status DeleteFile(const std::string& path) override {
    return base_->DeleteFile(path);
  }
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status RecursivelyCreateDir(const std::string& dir) override {
    return base_->RecursivelyCreateDir(dir);
  }
  Status DeleteDir(const std::string& dir) override {
    return base_->DeleteDir(dir);
  }
  uint64_t NowMicros() override { return base_->NowMicros(); }

 private:
  Env* base_;
  std::atomic<int64_t> write_budget_{-1};
  std::atomic<bool> fail_rename_{false};
  std::atomic<bool> fail_open_read_{false};
};

}  // namespace tfpersist

#endif  // TFPERSIST_BASE_FAULT_INJECTION_ENV_H_
