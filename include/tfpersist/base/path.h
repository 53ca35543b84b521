// Path helpers for '/'-separated paths. Pure functions, thread-safe.
#ifndef TFPERSIST_BASE_PATH_H_
#define TFPERSIST_BASE_PATH_H_

#include <string>
#include <string_view>

namespace tfpersist {

// JoinPath("a", "b/c") == "a/b/c"; an empty part is skipped; a part starting
// with '/' is appended after one '/', as TF's io::JoinPath does.
std::string JoinPath(std::string_view a, std::string_view b);
template <typename... T>
std::string JoinPath(std::string_view a, std::string_view b, const T&... rest) {
  return JoinPath(JoinPath(a, b), rest...);
}
bool IsAbsolutePath(std::string_view path);
// "a/b/c" -> "a/b"; "c" -> ""; "/c" -> "/".
std::string_view Dirname(std::string_view path);
// "a/b/c" -> "c".
std::string_view Basename(std::string_view path);

}  // namespace tfpersist

#endif  // TFPERSIST_BASE_PATH_H_
