#include "graph/tensor_id.h"

#include <cctype>
#include <limits>

namespace tfpersist {
namespace {

bool IsLetterDigitDot(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.';
}
bool IsNameChar(char c) {
  return IsLetterDigitDot(c) || c == '_' || c == '/' || c == '-';
}

}  // namespace

std::string TensorId::ToString(bool keep_zero) const {
  if (is_control()) return StrCat("^", node);
  if (index == 0 && !keep_zero) return node;
  return StrCat(node, ":", index);
}

StatusOr<TensorId> ParseTensorName(std::string_view name) {
  TensorId id;
  std::string_view rest = name;
  const bool control = rest.starts_with("^");
  if (control) rest.remove_prefix(1);
  const size_t colon = rest.rfind(':');
  std::string_view node = rest.substr(0, colon);
  if (colon != std::string_view::npos) {
    std::string_view digits = rest.substr(colon + 1);
    int64_t index = 0;
    bool ok = !digits.empty() && !control;
    for (char c : digits) {
      if (!std::isdigit(static_cast<unsigned char>(c))) ok = false;
      if (ok) index = index * 10 + (c - '0');
      if (index > std::numeric_limits<int>::max()) ok = false;
    }
    if (!ok) {
      return errors::InvalidArgument("Malformed tensor name '", name,
                                     "': expected 'node', 'node:<index>' "
                                     "or '^node'");
    }
    id.index = static_cast<int>(index);
  }
  if (node.empty()) {
    return errors::InvalidArgument("Malformed tensor name '", name,
                                   "': empty node name");
  }
  id.node = std::string(node);
  if (control) id.index = -1;
  return id;
}

bool IsValidNodeName(std::string_view name) {
  size_t i = 0;
  while (true) {
    // One segment: [A-Za-z0-9.][A-Za-z0-9_./-]*
    if (i >= name.size() || !IsLetterDigitDot(name[i])) return false;
    ++i;
    while (i < name.size() && IsNameChar(name[i])) ++i;
    if (i == name.size()) return true;
    if (name[i] != '>') return false;
    ++i;  // '>' must start another segment
  }
}

}  // namespace tfpersist
