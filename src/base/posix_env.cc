// The POSIX Env: pread for random access, a buffered write() for appends.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>

#include "tfpersist/base/env.h"
#include "tfpersist/base/path.h"

namespace tfpersist {
namespace {

Status IOError(const std::string& context, int err) {
  std::string msg = StrCat(context, ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return errors::NotFound(msg);
    case EACCES:
    case EPERM:
    case EROFS:
      return errors::PermissionDenied(msg);
    case EEXIST:
      return errors::AlreadyExists(msg);
    case ENOSPC:
    case EDQUOT:
    case ENOMEM:
      return errors::ResourceExhausted(msg);
    case EISDIR:
    case ENAMETOOLONG:
      return errors::FailedPrecondition(msg);
    default:
      return errors::Unknown(msg);
  }
}

class PosixRandomAccessFile : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string name, int fd)
      : name_(std::move(name)), fd_(fd) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }

  Status Read(uint64_t offset, size_t n, std::string_view* result,
              char* scratch) const override {
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, scratch + done, n - done, offset + done);
      if (r < 0) {
        if (errno == EINTR) continue;
        *result = std::string_view(scratch, done);
        return IOError(StrCat("reading ", name_), errno);
      }
      if (r == 0) break;
      done += static_cast<size_t>(r);
    }
    *result = std::string_view(scratch, done);
    if (done < n) {
      return errors::OutOfRange("read ", done, " of ", n, " bytes at offset ",
                                offset, " of ", name_, " (end of file)");
    }
    return OkStatus();
  }
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  int fd_;
};

class PosixWritableFile : public WritableFile {
 public:
  static constexpr size_t kBufferSize = 256 * 1024;
  PosixWritableFile(std::string name, int fd)
      : name_(std::move(name)), fd_(fd) {
    buffer_.reserve(kBufferSize);
  }
  ~PosixWritableFile() override { (void)Close(); }

  Status Append(std::string_view data) override {
    if (fd_ < 0) return errors::FailedPrecondition("append to closed ", name_);
    pos_ += data.size();
    if (buffer_.size() + data.size() <= kBufferSize) {
      buffer_.append(data);
      return OkStatus();
    }
    TFP_RETURN_IF_ERROR(Flush());
    if (data.size() < kBufferSize) {
      buffer_.append(data);
      return OkStatus();
    }
    return WriteRaw(data.data(), data.size());
  }
  Status Flush() override {
    if (fd_ < 0) return OkStatus();
    Status s = WriteRaw(buffer_.data(), buffer_.size());
    buffer_.clear();
    return s;
  }
  Status Sync() override {
    TFP_RETURN_IF_ERROR(Flush());
    if (fd_ >= 0 && ::fdatasync(fd_) != 0) {
      return IOError(StrCat("syncing ", name_), errno);
    }
    return OkStatus();
  }
  Status Close() override {
    if (fd_ < 0) return OkStatus();
    Status s = Flush();
    if (::close(fd_) != 0 && s.ok()) s = IOError(StrCat("closing ", name_), errno);
    fd_ = -1;
    return s;
  }
  uint64_t Tell() const override { return pos_; }

 private:
  Status WriteRaw(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        return IOError(StrCat("writing ", name_), errno);
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
    return OkStatus();
  }

  std::string name_;
  int fd_;
  std::string buffer_;
  uint64_t pos_ = 0;
};

class PosixEnv : public Env {
 public:
  StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return IOError(path, errno);
    return std::unique_ptr<RandomAccessFile>(
        std::make_unique<PosixRandomAccessFile>(path, fd));
  }
  StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                    0644);
    if (fd < 0) return IOError(path, errno);
    return std::unique_ptr<WritableFile>(
        std::make_unique<PosixWritableFile>(path, fd));
  }
  Status FileExists(const std::string& path) override {
    if (::access(path.c_str(), F_OK) == 0) return OkStatus();
    return errors::NotFound(path, " not found");
  }
  StatusOr<FileStatistics> Stat(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return IOError(path, errno);
    FileStatistics fs;
    fs.length = static_cast<uint64_t>(st.st_size);
    fs.is_directory = S_ISDIR(st.st_mode);
    fs.mtime_nsec = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                    st.st_mtim.tv_nsec;
    return fs;
  }
  StatusOr<std::vector<std::string>> GetChildren(
      const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return IOError(dir, errno);
    std::vector<std::string> out;
    while (struct dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") out.push_back(std::move(name));
    }
    ::closedir(d);
    return out;
  }
  Status DeleteFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return IOError(path, errno);
    return OkStatus();
  }
  Status RenameFile(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return IOError(StrCat("renaming ", from, " to ", to), errno);
    }
    return OkStatus();
  }
  Status RecursivelyCreateDir(const std::string& dir) override {
    if (dir.empty() || IsDirectory(dir)) return OkStatus();
    std::string parent(Dirname(dir));
    if (!parent.empty() && parent != dir) {
      TFP_RETURN_IF_ERROR(RecursivelyCreateDir(parent));
    }
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return IOError(StrCat("creating directory ", dir), errno);
    }
    return OkStatus();
  }
  Status DeleteDir(const std::string& dir) override {
    if (::rmdir(dir.c_str()) != 0) return IOError(dir, errno);
    return OkStatus();
  }
  uint64_t NowMicros() override {
    struct timeval tv;
    ::gettimeofday(&tv, nullptr);
    return static_cast<uint64_t>(tv.tv_sec) * 1000000 + tv.tv_usec;
  }
};

}  // namespace

Env* Env::Default() {
  static Env* env = new PosixEnv;
  return env;
}

}  // namespace tfpersist
