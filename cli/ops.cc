// `tfpersist ops [--markdown]`: every registered op, the dtypes of its type
// attrs and whether a kernel runs it (docs/ops.md is its --markdown output).
#include "cli/command.h"
#include "cli/flags.h"
#include "tfpersist/tools/op_list.h"

namespace tfpersist::cli::ops {

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  bool markdown = false;
  Flags flags("ops", "[--markdown]",
              "Lists every op tfpersist knows: the dtypes of its type attrs "
              "and whether a\nkernel runs it (import-only ops load but do "
              "not run).");
  flags.Bool("markdown", &markdown, "Print the Markdown table of docs/ops.md");
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  if (!flags.positional().empty()) {
    ctx.err << "ops: unexpected argument '" << flags.positional()[0]
            << "' (run 'tfpersist ops --help' for usage)\n";
    return kExitUsage;
  }
  ctx.out << FormatOpList(ListRegisteredOps(), markdown);
  ctx.out.flush();
  return kExitOk;
}

}  // namespace tfpersist::cli::ops
