#include "tfpersist/base/closest_names.h"

#include <algorithm>
#include <utility>

#include "tfpersist/base/str_util.h"

namespace tfpersist {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const size_t subst = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, subst});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> ClosestNames(std::string_view name,
                                      const std::vector<std::string>& candidates,
                                      size_t max) {
  // (distance, name): ties go to the alphabetically first name.
  std::vector<std::pair<size_t, std::string_view>> scored;
  scored.reserve(candidates.size());
  for (const std::string& c : candidates) {
    scored.emplace_back(EditDistance(name, c), c);
  }
  const size_t k = std::min(max, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + k, scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < k; ++i) out.emplace_back(scored[i].second);
  return out;
}

std::string ClosestNamesSuffix(std::string_view name,
                               const std::vector<std::string>& candidates,
                               std::string_view what,
                               std::string_view empty_text) {
  std::vector<std::string> names = ClosestNames(name, candidates);
  if (names.empty()) return std::string(empty_text);
  for (std::string& n : names) n = StrCat("'", n, "'");
  return StrCat(" Closest ", what, ": ", StrJoin(names, ", "), ".");
}

}  // namespace tfpersist
