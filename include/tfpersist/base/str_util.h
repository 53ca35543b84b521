// Small string helpers used across layers. Thread-safe (pure functions).
#ifndef TFPERSIST_BASE_STR_UTIL_H_
#define TFPERSIST_BASE_STR_UTIL_H_

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace tfpersist {

// Concatenates the streamed forms of its arguments: StrCat("x", 1) == "x1".
template <typename... Args>
std::string StrCat(const Args&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return std::string();
  } else {
    std::ostringstream os;
    (os << ... << args);
    return os.str();
  }
}

// Joins items with sep; items are streamed.
template <typename Container>
std::string StrJoin(const Container& items, std::string_view sep) {
  std::ostringstream os;
  bool first = true;
  for (const auto& item : items) {
    if (!first) os << sep;
    os << item;
    first = false;
  }
  return os.str();
}

// Splits on every occurrence of `sep`; with skip_empty drops empty pieces.
std::vector<std::string> StrSplit(std::string_view text, char sep,
                                  bool skip_empty = false);

// Renders bytes printable: printable ASCII kept, others as \xNN; quotes and
// backslashes escaped. Used to name binary keys in error messages.
std::string CEscape(std::string_view bytes);

// Formats a byte count as "1.50 MiB" etc.
std::string HumanReadableBytes(double bytes);

}  // namespace tfpersist

#endif  // TFPERSIST_BASE_STR_UTIL_H_
