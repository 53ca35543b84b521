#include "base/fault_injection_env.h"

namespace tfpersist {
namespace {

class FaultyWritableFile : public WritableFile {
 public:
  FaultyWritableFile(FaultInjectionEnv* env, std::unique_ptr<WritableFile> f,
                     std::string path)
      : env_(env), file_(std::move(f)), path_(std::move(path)) {}
  Status Append(std::string_view data) override {
    if (!env_->TakeWriteBudget(data.size())) {
      return errors::ResourceExhausted("injected: disk full writing ", path_);
    }
    return file_->Append(data);
  }
  Status Flush() override { return file_->Flush(); }
  Status Sync() override { return file_->Sync(); }
  Status Close() override { return file_->Close(); }
  uint64_t Tell() const override { return file_->Tell(); }

 private:
  FaultInjectionEnv* env_;
  std::unique_ptr<WritableFile> file_;
  std::string path_;
};

}  // namespace

bool FaultInjectionEnv::TakeWriteBudget(size_t n) {
  int64_t budget = write_budget_.load();
  while (budget >= 0) {
    if (static_cast<int64_t>(n) > budget) {
      write_budget_ = 0;
      return false;
    }
    if (write_budget_.compare_exchange_weak(budget, budget - n)) return true;
  }
  return true;
}

StatusOr<std::unique_ptr<RandomAccessFile>>
FaultInjectionEnv::NewRandomAccessFile(const std::string& path) {
  if (fail_open_read_) {
    return errors::Unavailable("injected: cannot open ", path);
  }
  return base_->NewRandomAccessFile(path);
}

StatusOr<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewWritableFile(
    const std::string& path) {
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> f,
                       base_->NewWritableFile(path));
  return std::unique_ptr<WritableFile>(
      std::make_unique<FaultyWritableFile>(this, std::move(f), path));
}

Status FaultInjectionEnv::RenameFile(const std::string& from,
                                     const std::string& to) {
  if (fail_rename_) {
    return errors::Unavailable("injected: cannot rename ", from, " to ", to);
  }
  return base_->RenameFile(from, to);
}

}  // namespace tfpersist
