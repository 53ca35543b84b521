#include "testing/fixtures.h"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace tfpersist::testing {

std::string SharedDir() {
  const char* env = std::getenv("TFP_SHARED_DIR");
  std::string dir = env != nullptr ? env : "";
#ifdef TFP_SHARED_DIR
  if (dir.empty()) dir = TFP_SHARED_DIR;
#endif
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(fs::path(dir) / "fixtures", ec)) {
    return "";
  }
  return fs::canonical(dir, ec).string();
}

std::string FixtureDir(const std::string& name) {
  return SharedDir() + "/fixtures/tf/" + name;
}

std::vector<std::string> FixtureNames() {
  std::vector<std::string> out;
  std::string root = SharedDir();
  if (root.empty()) return out;
  for (const auto& e : fs::directory_iterator(root + "/fixtures/tf")) {
    if (e.is_directory()) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> FixtureFilesWithSuffix(const std::string& suffix) {
  std::vector<std::string> out;
  std::string root = SharedDir();
  if (root.empty()) return out;
  for (const auto& e :
       fs::recursive_directory_iterator(root + "/fixtures/tf")) {
    std::string p = e.path().string();
    if (e.is_regular_file() && p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {
struct TempDirs {
  std::vector<fs::path> dirs;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : dirs) fs::remove_all(d, ec);
  }
};
}  // namespace

std::string NewTempDir(const std::string& tag) {
  static TempDirs dirs_holder;
  TempDirs* dirs = &dirs_holder;
  static int counter = 0;
  fs::path base = fs::temp_directory_path() /
                  ("tfpersist_test_" + std::to_string(::getpid()));
  fs::path dir = base / (tag + "_" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  dirs->dirs.push_back(dir);
  return dir.string();
}

}  // namespace tfpersist::testing
