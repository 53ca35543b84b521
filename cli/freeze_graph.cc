// `tfpersist freeze_graph`: TF's tensorflow/python/tools/freeze_graph.py
// with the same flags: restore a graph's variables from a checkpoint and
// write the GraphDef with them as Const nodes. --restore_op_name,
// --filename_tensor_name and --checkpoint_version are accepted and
// ignored, as in TF. Unlike TF (which reads --input_graph as text unless
// --input_binary), a binary file is also accepted without --input_binary.
#include "tfpersist/tools/freeze_graph.h"

#include "cli/command.h"
#include "cli/flags.h"

namespace tfpersist::cli::freeze_graph {
namespace {

constexpr char kCommand[] = "freeze_graph";

struct Args {
  FreezeGraphOptions o;
  std::string output_node_names, whitelist, blacklist, initializer_nodes,
      tags = "serve", ignored;
  int64_t ignored_int = 2;
};

Flags MakeFlags(Args* a) {
  Flags f(kCommand,
          "(--input_meta_graph=M | --input_graph=G.pb[txt] | "
          "--input_saved_model_dir=D) --input_checkpoint=P "
          "--output_node_names=a,b --output_graph=out.pb [...]",
          "Restores the variables of a graph from a checkpoint and writes the "
          "graph with\nthem converted to constants (TensorFlow's "
          "freeze_graph).");
  FreezeGraphOptions& o = a->o;
  f.String("input_graph", &o.input_graph, "GraphDef file to load");
  f.String("input_meta_graph", &o.input_meta_graph,
           "MetaGraphDef (.meta) to load");
  f.String("input_saved_model_dir", &o.input_saved_model_dir,
           "SavedModel directory");
  f.String("saved_model_tags", &a->tags, "Comma-separated MetaGraph tags");
  f.String("signature_def", &o.signature_def,
           "SavedModel signature to freeze (TF2; default serving_default "
           "when --output_node_names is not given)");
  f.Bool("lower_control_flow", &o.lower_control_flow,
         "Lower If/While/Case to Switch/Merge/Enter/Exit (TF2)");
  f.String("input_saver", &o.input_saver, "SaverDef file to restore with");
  f.Bool("input_binary", &o.input_binary, "Input files are binary protos");
  f.String("input_checkpoint", &o.input_checkpoint,
           "Checkpoint prefix or file");
  f.String("output_node_names", &a->output_node_names,
           "Comma-separated output op names");
  f.String("output_graph", &o.output_graph, "Frozen GraphDef to write");
  f.Bool("clear_devices", &o.clear_devices, "Remove device specifications");
  f.String("initializer_nodes", &a->initializer_nodes,
           "Comma-separated nodes to run after restoring");
  f.String("variable_names_whitelist", &a->whitelist,
           "Only convert these variables");
  f.String("variable_names_blacklist", &a->blacklist,
           "Do not convert these variables");
  f.Bool("fix_training_ops", &o.fix_training_ops,
         "Frozen RefSwitch/RefMerge/AssignSub/AssignAdd -> "
         "Switch/Merge/Sub/Add, then remove_training_nodes");
  f.String("restore_op_name", &a->ignored, "Deprecated, ignored");
  f.String("filename_tensor_name", &a->ignored, "Deprecated, ignored");
  f.Int64("checkpoint_version", &a->ignored_int,
          "Ignored (V1 and V2 are read)");
  return f;
}

void Finish(Args* a, CommandContext& ctx) {
  a->o.env = ctx.env;
  a->o.output_node_names = SplitCommaList(a->output_node_names);
  a->o.initializer_nodes = SplitCommaList(a->initializer_nodes);
  a->o.saved_model_tags = SplitCommaList(a->tags);
  if (!a->whitelist.empty())
    a->o.variable_names_whitelist = SplitCommaList(a->whitelist);
  if (!a->blacklist.empty())
    a->o.variable_names_blacklist = SplitCommaList(a->blacklist);
}

}  // namespace

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  Args a;
  Flags flags = MakeFlags(&a);
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  if (!flags.positional().empty()) {
    ctx.err << kCommand << ": unexpected argument '" << flags.positional()[0]
            << "' (run 'tfpersist " << kCommand << " --help' for usage)\n";
    return kExitUsage;
  }
  Finish(&a, ctx);
  auto frozen = FreezeGraph(a.o);
  if (!frozen.ok()) return ReportError(ctx, kCommand, frozen.status());
  int converted = 0;
  for (const auto& n : frozen->node()) converted += n.op() == "Const";
  ctx.out << frozen->node_size() << " ops in the final graph (" << converted
          << " Const)";
  if (!a.o.output_graph.empty()) ctx.out << ", written to " << a.o.output_graph;
  ctx.out << "\n";
  return kExitOk;
}

}  // namespace tfpersist::cli::freeze_graph
