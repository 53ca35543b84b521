#include "tools/name_suggest.h"

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

std::string ClosestNodeNames(std::string_view name,
                             const tensorflow::GraphDef& graph_def) {
  std::vector<std::pair<size_t, std::string>> scored;
  scored.reserve(graph_def.node_size());
  for (const auto& node : graph_def.node()) {
    scored.emplace_back(EditDistance(name, node.name()), node.name());
  }
  if (scored.empty()) return " The graph is empty.";
  const size_t k = std::min<size_t>(3, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + k, scored.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < k; ++i) {
    names.push_back(StrCat("'", scored[i].second, "'"));
  }
  return StrCat(" Closest names: ", StrJoin(names, ", "), ".");
}

}  // namespace tfpersist
