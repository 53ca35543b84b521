// op_list: the table of every op tfpersist knows -- its OpDef's type attrs
// with their allowed dtypes, and whether a CPU kernel runs it -- printed by
// `tfpersist ops` (plain text or, with --markdown, docs/ops.md).
//
// Thread-safety: pure functions over the immutable global registries.
#ifndef TFPERSIST_TOOLS_OP_LIST_H_
#define TFPERSIST_TOOLS_OP_LIST_H_

#include <string>
#include <vector>

namespace tfpersist {

struct OpListEntry {
  std::string name;
  // One per type or list(type) attr, in OpDef order: "T: {float, double}",
  // "dtype: any" (no allowed_values), "Tout: list(any)".
  std::vector<std::string> type_attrs;
  bool has_kernel = false;
};

// Every registered OpDef, sorted by name.
std::vector<OpListEntry> ListRegisteredOps();

// "N op definitions, M with a kernel" followed by one line per op
// ("Name  kernel|-  T: {...}; ...") or, with markdown, a Markdown document
// with the same counts and a table | Op | Kernel | Types |.
std::string FormatOpList(const std::vector<OpListEntry>& ops, bool markdown);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_OP_LIST_H_
