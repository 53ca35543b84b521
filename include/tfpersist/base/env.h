// Env: every file access of tfpersist goes through this interface, so tests
// can run on an in-memory file system and inject faults (cf. leveldb Env).
//
// Implementations: Env::Default() (POSIX), NewMemEnv() (in-memory, for
// tests), FaultInjectionEnv (wraps another Env; see fault_injection_env.h).
// Thread-safety: all Env methods may be called concurrently. A
// RandomAccessFile may be read concurrently; a WritableFile is used by one
// thread at a time.
#ifndef TFPERSIST_BASE_ENV_H_
#define TFPERSIST_BASE_ENV_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/status.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads up to n bytes at offset. Sets *result to the bytes read, which may
  // point into scratch (REQUIRES: scratch holds n bytes) or into memory owned
  // by the file (valid while the file lives). A short read at end of file is
  // OUT_OF_RANGE with *result holding what was read.
  virtual Status Read(uint64_t offset, size_t n, std::string_view* result,
                      char* scratch) const = 0;
  // The file's name, for error messages.
  virtual const std::string& name() const = 0;
};

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Flush() = 0;
  // Flushes and makes the data durable (fsync).
  virtual Status Sync() = 0;
  // Flushes and closes; further calls fail. The destructor closes too.
  virtual Status Close() = 0;
  // Bytes appended so far.
  virtual uint64_t Tell() const = 0;
};

struct FileStatistics {
  uint64_t length = 0;
  bool is_directory = false;
  int64_t mtime_nsec = 0;
};

class Env {
 public:
  virtual ~Env() = default;

  // The process-wide POSIX Env. Never deleted.
  static Env* Default();

  virtual StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;
  // Creates or truncates path.
  virtual StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path) = 0;

  // OK if path exists, NOT_FOUND otherwise.
  virtual Status FileExists(const std::string& path) = 0;
  virtual StatusOr<FileStatistics> Stat(const std::string& path) = 0;
  // Names (not paths) of the entries of dir, without "." and "..".
  virtual StatusOr<std::vector<std::string>> GetChildren(
      const std::string& dir) = 0;
  virtual Status DeleteFile(const std::string& path) = 0;
  // Atomically replaces `to` with `from` (POSIX rename semantics).
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Creates dir and missing parents; OK if it exists.
  virtual Status RecursivelyCreateDir(const std::string& dir) = 0;
  // Deletes an empty directory.
  virtual Status DeleteDir(const std::string& dir) = 0;
  virtual uint64_t NowMicros() = 0;

  // Non-virtual conveniences.
  StatusOr<uint64_t> GetFileSize(const std::string& path);
  bool IsDirectory(const std::string& path);
  // Paths matching a glob pattern whose wildcards (* ? [...]) appear only in
  // the last component. Sorted.
  StatusOr<std::vector<std::string>> GetMatchingPaths(
      const std::string& pattern);
};

// An Env that keeps files in memory. Directories are implicit. Owned by the
// caller.
std::unique_ptr<Env> NewMemEnv();

// Whole-file helpers.
StatusOr<std::string> ReadFileToString(Env* env, const std::string& path);
Status WriteStringToFile(Env* env, const std::string& path,
                         std::string_view data);
// Writes data to "path.tmp<random>" then renames it over path, so readers see
// the old or the new content, never a mix. Syncs before the rename.
Status WriteStringToFileAtomic(Env* env, const std::string& path,
                               std::string_view data);
// A random 64-bit number for temporary file names. Thread-safe.
uint64_t RandomU64();

}  // namespace tfpersist

#endif  // TFPERSIST_BASE_ENV_H_
