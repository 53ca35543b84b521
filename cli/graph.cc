// `tfpersist graph MODEL.pb --format=dot|svg [--output=F]`: the graph as
// Graphviz dot text, or as SVG rendered by Graphviz's `dot -Tsvg` (a clear
// error when Graphviz is not installed). Writes to stdout without --output.
#include "cli/command.h"
#include "cli/flags.h"
#include "tfpersist/base/path.h"
#include "tfpersist/tools/graph_dot.h"
#include "tfpersist/tools/graph_io.h"

namespace tfpersist::cli::graph {
namespace {

constexpr char kCommand[] = "graph";

Status Render(const std::string& path, const std::string& format,
              const std::string& output, CommandContext& ctx) {
  if (format != "dot" && format != "svg") {
    return errors::InvalidArgument("--format must be dot or svg, not '", format,
                                   "'");
  }
  TFP_ASSIGN_OR_RETURN(tensorflow::GraphDef graph_def,
                       ReadGraphDefFile(path, GraphDefFormat::kAuto, ctx.env));
  std::string text = GraphDefToDot(graph_def, std::string(Basename(path)));
  if (format == "svg") {
    TFP_ASSIGN_OR_RETURN(text, RenderDot(text));
  }
  if (output.empty()) {
    ctx.out << text;
    return OkStatus();
  }
  return WriteStringToFile(ctx.env, output, text);
}

}  // namespace

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  std::string format = "dot", output;
  Flags flags(kCommand, "MODEL.pb [--format=dot|svg] [--output=FILE]",
              "Draws a GraphDef: Graphviz dot text, or SVG through Graphviz's "
              "`dot -Tsvg`.");
  flags.String("format", &format, "dot or svg");
  flags.String("output", &output, "File to write (default: stdout)");
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  if (flags.positional().size() != 1) {
    ctx.err << kCommand << ": expected one MODEL.pb argument, got "
            << flags.positional().size() << " (run 'tfpersist " << kCommand
            << " --help' for usage)\n";
    return kExitUsage;
  }
  const Status status = Render(flags.positional()[0], format, output, ctx);
  ctx.out.flush();
  return status.ok() ? kExitOk : ReportError(ctx, kCommand, status);
}

}  // namespace tfpersist::cli::graph
