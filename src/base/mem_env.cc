// An in-memory Env for tests. Files are shared immutable snapshots for
// readers; writers replace the stored content on every append.
#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "tfpersist/base/env.h"
#include "tfpersist/base/path.h"

namespace tfpersist {
namespace {

using FileData = std::shared_ptr<std::string>;

class MemRandomAccessFile : public RandomAccessFile {
 public:
  MemRandomAccessFile(std::string name, FileData data)
      : name_(std::move(name)), data_(std::move(data)) {}
  Status Read(uint64_t offset, size_t n, std::string_view* result,
              char* scratch) const override {
    if (offset >= data_->size()) {
      *result = std::string_view();
      if (n == 0) return OkStatus();
      return errors::OutOfRange("read at offset ", offset, " past end of ",
                                name_);
    }
    size_t avail = std::min<uint64_t>(n, data_->size() - offset);
    *result = std::string_view(data_->data() + offset, avail);
    if (avail < n) {
      return errors::OutOfRange("read ", avail, " of ", n, " bytes of ", name_,
                                " (end of file)");
    }
    return OkStatus();
  }
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  FileData data_;
};

class MemEnv;

class MemWritableFile : public WritableFile {
 public:
  MemWritableFile(MemEnv* env, std::string path) : env_(env), path_(path) {}
  Status Append(std::string_view data) override;
  Status Flush() override { return OkStatus(); }
  Status Sync() override { return OkStatus(); }
  Status Close() override { closed_ = true; return OkStatus(); }
  uint64_t Tell() const override { return size_; }

 private:
  MemEnv* env_;
  std::string path_;
  uint64_t size_ = 0;
  bool closed_ = false;
};

class MemEnv : public Env {
 public:
  StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) return errors::NotFound(path, " not found");
    return std::unique_ptr<RandomAccessFile>(
        std::make_unique<MemRandomAccessFile>(path, it->second));
  }
  StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path) override {
    std::lock_guard<std::mutex> l(mu_);
    files_[path] = std::make_shared<std::string>();
    return std::unique_ptr<WritableFile>(
        std::make_unique<MemWritableFile>(this, path));
  }
  Status FileExists(const std::string& path) override {
    std::lock_guard<std::mutex> l(mu_);
    if (files_.count(path) || IsDirLocked(path)) return OkStatus();
    return errors::NotFound(path, " not found");
  }
  StatusOr<FileStatistics> Stat(const std::string& path) override {
    std::lock_guard<std::mutex> l(mu_);
    FileStatistics st;
    auto it = files_.find(path);
    if (it != files_.end()) {
      st.length = it->second->size();
      return st;
    }
    if (IsDirLocked(path)) {
      st.is_directory = true;
      return st;
    }
    return errors::NotFound(path, " not found");
  }
  StatusOr<std::vector<std::string>> GetChildren(
      const std::string& dir) override {
    std::lock_guard<std::mutex> l(mu_);
    std::set<std::string> names;
    std::string prefix = dir.empty() || dir == "." ? "" : dir + "/";
    auto add = [&](const std::string& p) {
      if (p.compare(0, prefix.size(), prefix) != 0) return;
      std::string rest = p.substr(prefix.size());
      if (!rest.empty()) names.insert(rest.substr(0, rest.find('/')));
    };
    for (const auto& [p, d] : files_) add(p);
    for (const auto& p : dirs_) add(p);
    if (names.empty() && !IsDirLocked(dir)) {
      return errors::NotFound(dir, " not found");
    }
    return std::vector<std::string>(names.begin(), names.end());
  }
  Status DeleteFile(const std::string& path) override {
    std::lock_guard<std::mutex> l(mu_);
    if (files_.erase(path) == 0) return errors::NotFound(path, " not found");
    return OkStatus();
  }
  Status RenameFile(const std::string& from, const std::string& to) override {
    std::lock_guard<std::mutex> l(mu_);
    auto it = files_.find(from);
    if (it == files_.end()) return errors::NotFound(from, " not found");
    FileData d = it->second;
    files_.erase(it);
    files_[to] = d;
    return OkStatus();
  }
  Status RecursivelyCreateDir(const std::string& dir) override {
    std::lock_guard<std::mutex> l(mu_);
    for (std::string d = dir; !d.empty() && d != "/";
         d = std::string(Dirname(d))) {
      dirs_.insert(d);
    }
    return OkStatus();
  }
  Status DeleteDir(const std::string& dir) override {
    std::lock_guard<std::mutex> l(mu_);
    dirs_.erase(dir);
    return OkStatus();
  }
  uint64_t NowMicros() override { return Env::Default()->NowMicros(); }

  // Appends to the stored content (copy-on-write, so open readers keep their
  // snapshot).
  Status AppendTo(const std::string& path, std::string_view data) {
    std::lock_guard<std::mutex> l(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) return errors::NotFound(path, " was deleted");
    if (it->second.use_count() == 1) {
      it->second->append(data);  // no reader holds this snapshot
    } else {
      auto next = std::make_shared<std::string>(*it->second);
      next->append(data);
      it->second = std::move(next);
    }
    return OkStatus();
  }

 private:
  bool IsDirLocked(const std::string& path) const {
    if (dirs_.count(path)) return true;
    std::string prefix = path + "/";
    for (const auto& [p, d] : files_) {
      if (p.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
  }

  std::mutex mu_;
  std::map<std::string, FileData> files_;
  std::set<std::string> dirs_;
};

Status MemWritableFile::Append(std::string_view data) {
  if (closed_) return errors::FailedPrecondition("append to closed ", path_);
  size_ += data.size();
  return env_->AppendTo(path_, data);
}

}  // namespace

std::unique_ptr<Env> NewMemEnv() { return std::make_unique<MemEnv>(); }

}  // namespace tfpersist
