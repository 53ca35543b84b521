#include "tfpersist/base/env.h"

#include <fnmatch.h>

#include <algorithm>
#include <random>

#include "tfpersist/base/path.h"

namespace tfpersist {

StatusOr<uint64_t> Env::GetFileSize(const std::string& path) {
  TFP_ASSIGN_OR_RETURN(FileStatistics st, Stat(path));
  return st.length;
}

bool Env::IsDirectory(const std::string& path) {
  StatusOr<FileStatistics> st = Stat(path);
  return st.ok() && st->is_directory;
}

StatusOr<std::vector<std::string>> Env::GetMatchingPaths(
    const std::string& pattern) {
  std::string dir(Dirname(pattern));
  std::string base(Basename(pattern));
  if (dir.find_first_of("*?[") != std::string::npos) {
    return errors::Unimplemented("wildcards are supported only in the last ",
                                 "path component: ", pattern);
  }
  std::vector<std::string> out;
  StatusOr<std::vector<std::string>> children =
      GetChildren(dir.empty() ? "." : dir);
  if (!children.ok()) {
    if (errors::IsNotFound(children.status())) return out;
    return children.status();
  }
  for (const std::string& child : *children) {
    if (::fnmatch(base.c_str(), child.c_str(), FNM_PERIOD) == 0) {
      out.push_back(JoinPath(dir, child));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

StatusOr<std::string> ReadFileToString(Env* env, const std::string& path) {
  TFP_ASSIGN_OR_RETURN(uint64_t size, env->GetFileSize(path));
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                       env->NewRandomAccessFile(path));
  std::string data(size, '\0');
  std::string_view result;
  TFP_RETURN_IF_ERROR(file->Read(0, size, &result, data.data()));
  if (result.data() != data.data()) data.assign(result);
  return data;
}

Status WriteStringToFile(Env* env, const std::string& path,
                         std::string_view data) {
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                       env->NewWritableFile(path));
  TFP_RETURN_IF_ERROR(file->Append(data));
  return file->Close();
}

Status WriteStringToFileAtomic(Env* env, const std::string& path,
                               std::string_view data) {
  std::string tmp = StrCat(path, ".tmp", RandomU64());
  Status s = [&]() -> Status {
    TFP_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                         env->NewWritableFile(tmp));
    TFP_RETURN_IF_ERROR(file->Append(data));
    TFP_RETURN_IF_ERROR(file->Sync());
    TFP_RETURN_IF_ERROR(file->Close());
    return env->RenameFile(tmp, path);
  }();
  if (!s.ok()) (void)env->DeleteFile(tmp);
  return s;
}

uint64_t RandomU64() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  return rng();
}

}  // namespace tfpersist
