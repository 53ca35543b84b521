// `tfpersist summarize_graph MODEL.pb`: TF's graph_transforms/
// summarize_graph (inputs with dtypes and shapes, variables, likely
// outputs, parameter counts and bytes, control edges, op histogram).
// TF's spelling --in_graph=MODEL.pb is accepted too.
#include "tfpersist/tools/summarize_graph.h"

#include "cli/command.h"
#include "cli/flags.h"
#include "tfpersist/tools/graph_io.h"

namespace tfpersist::cli::summarize_graph {
namespace {

constexpr char kCommand[] = "summarize_graph";

Status Summarize(const std::string& path, bool print_structure,
                 CommandContext& ctx) {
  TFP_ASSIGN_OR_RETURN(tensorflow::GraphDef graph_def,
                       ReadGraphDefFile(path, GraphDefFormat::kAuto, ctx.env));
  TFP_ASSIGN_OR_RETURN(std::string text,
                       SummarizeGraph(graph_def, path, print_structure));
  ctx.out << text;
  return OkStatus();
}

}  // namespace

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  std::string in_graph;
  bool print_structure = false;
  Flags flags(kCommand, "MODEL.pb [--print_structure]",
              "Prints what TensorFlow's summarize_graph tool prints about a "
              "GraphDef (.pb or\n.pbtxt): likely inputs and outputs, "
              "parameter counts and the op histogram.");
  flags.String("in_graph", &in_graph, "The graph (instead of MODEL.pb)");
  flags.Bool("print_structure", &print_structure,
             "Also print every node, its inputs and Const values");
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  const size_t n = flags.positional().size() + (in_graph.empty() ? 0 : 1);
  if (n != 1) {
    ctx.err << kCommand << ": expected one MODEL.pb argument, got " << n
            << " (run 'tfpersist " << kCommand << " --help' for usage)\n";
    return kExitUsage;
  }
  const std::string path = in_graph.empty() ? flags.positional()[0] : in_graph;
  const Status status = Summarize(path, print_structure, ctx);
  ctx.out.flush();
  return status.ok() ? kExitOk : ReportError(ctx, kCommand, status);
}

}  // namespace tfpersist::cli::summarize_graph
