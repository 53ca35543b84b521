// "Did you mean" suggestions: the one helper every layer and the CLI use when
// a name given by the user (node, tensor, checkpoint key, signature, flag,
// command) does not exist. Thread-safety: pure functions.
#ifndef TFPERSIST_BASE_CLOSEST_NAMES_H_
#define TFPERSIST_BASE_CLOSEST_NAMES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tfpersist {

// Levenshtein distance in bytes.
size_t EditDistance(std::string_view a, std::string_view b);

// Up to `max` candidates nearest to `name` by edit distance, nearest first
// (ties alphabetically).
std::vector<std::string> ClosestNames(std::string_view name,
                                      const std::vector<std::string>& candidates,
                                      size_t max = 3);

// " Closest names: 'a', 'b', 'c'." (`what` replaces "names": e.g. "keys",
// "flags"), or `empty_text` when there are no candidates. Meant to be
// appended to a NOT_FOUND / INVALID_ARGUMENT message.
std::string ClosestNamesSuffix(std::string_view name,
                               const std::vector<std::string>& candidates,
                               std::string_view what = "names",
                               std::string_view empty_text = "");

}  // namespace tfpersist

#endif  // TFPERSIST_BASE_CLOSEST_NAMES_H_
