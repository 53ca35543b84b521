// `tfpersist inspect_checkpoint`: TF's tensorflow/python/tools/
// inspect_checkpoint.py without TensorFlow. Output, byte for byte as TF's:
//  * default: the reader's DebugString, one "name (DT_TYPE) [d0,d1]" line
//    per tensor, then an empty line (Python's print adds a newline);
//  * --all_tensor_names: "tensor_name:  <name>" per tensor, sorted;
//  * --all_tensors: the same, each followed by str() of its NumPy value;
//  * --tensor_name=X: "tensor_name:  X" and the value of X;
//  * --object_graph (ours; TF2 object-based checkpoints): one line per
//    saved tensor, sorted by object path:
//    "<path> (<attribute>) <DT_TYPE> [dims] key=<checkpoint key>
//    [full_name=<name>] [slot=<name> of <variable path>]".
// Unlike TF (which prints errors to stdout and exits 0), errors go to
// stderr as one line and the exit code is non-zero.
#include <algorithm>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/numpy_format.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/io/object_graph.h"

namespace tfpersist::cli::inspect_checkpoint {
namespace {

constexpr char kCommand[] = "inspect_checkpoint";

// TF's hint for people who pass a V2 file instead of its prefix.
Status WithPrefixHint(const Status& status, const std::string& file_name) {
  for (const char* ext : {".index", ".data", ".meta"}) {
    const size_t pos = file_name.rfind(ext);
    if (pos != std::string::npos && pos > 0) {
      return Status(status.code(),
                    StrCat(status.message(),
                           " (a V2 checkpoint is named by its prefix: try "
                           "--file_name=",
                           file_name.substr(0, file_name.rfind('.')), ")"));
    }
  }
  return status;
}

// Prints "tensor_name:  <name>" and, if with_value, the tensor's value.
Status PrintTensor(const CheckpointReader& reader, const std::string& name,
                   bool with_value, std::ostream& out) {
  out << "tensor_name:  " << name << "\n";
  if (!with_value) return OkStatus();
  TFP_ASSIGN_OR_RETURN(Tensor value, reader.GetTensor(name));
  out << numpy::ArrayStr(value) << "\n";
  return OkStatus();
}

struct Options {
  std::string file_name, tensor_name;
  bool all_tensors = false, all_tensor_names = false, object_graph = false;
};

Flags MakeFlags(Options* o) {
  Flags flags(kCommand,
              "--file_name=PREFIX [--tensor_name=NAME] [--all_tensors] "
              "[--all_tensor_names] [--object_graph]",
              "Prints the tensors of a checkpoint, as TensorFlow's "
              "inspect_checkpoint tool:\nwithout --tensor_name, their "
              "names, dtypes and shapes.");
  flags.String("file_name", &o->file_name,
               "V2 prefix, V1 file or pattern, or a directory with a "
               "`checkpoint` state file");
  flags.String("tensor_name", &o->tensor_name, "Name of the tensor to print");
  flags.Bool("all_tensors", &o->all_tensors,
             "Print the names and values of all the tensors");
  flags.Bool("all_tensor_names", &o->all_tensor_names,
             "Print the names of all the tensors");
  flags.Bool("object_graph", &o->object_graph,
             "List the tensors of a TF2 object-based checkpoint by object "
             "path");
  return flags;
}

std::string ShapeString(const TensorShape& shape) {
  std::vector<int64_t> dims;
  for (int i = 0; i < shape.dims(); ++i) dims.push_back(shape.dim_size(i));
  return "[" + StrJoin(dims, ",") + "]";
}

Status PrintObjectGraph(const CheckpointReader& reader, std::ostream& out) {
  TFP_ASSIGN_OR_RETURN(auto graph, ReadObjectGraph(reader));
  TFP_ASSIGN_OR_RETURN(auto tensors, ListObjectGraphTensors(graph));
  std::stable_sort(tensors.begin(), tensors.end(),
                   [](const auto& a, const auto& b) {
                     return a.object_path < b.object_path;
                   });
  for (const ObjectGraphTensor& t : tensors) {
    out << (t.object_path.empty() ? "<root>" : t.object_path) << " ("
        << t.attribute << ")";
    auto dtype = reader.GetVariableToDataTypeMap().find(t.checkpoint_key);
    if (dtype != reader.GetVariableToDataTypeMap().end()) {
      out << " " << DataTypeEnumName(dtype->second) << " "
          << ShapeString(reader.GetVariableToShapeMap().at(t.checkpoint_key));
    } else {
      out << " <missing>";
    }
    out << " key=" << t.checkpoint_key;
    if (!t.full_name.empty() && t.full_name != t.object_path) {
      out << " full_name=" << t.full_name;
    }
    if (!t.slot_of.empty())
      out << " slot=" << t.slot_name << " of " << t.slot_of;
    out << "\n";
  }
  return OkStatus();
}

Status Run(const Options& o, const CheckpointReader& reader,
           std::ostream& out) {
  if (o.object_graph) return PrintObjectGraph(reader, out);
  if (o.all_tensors || o.all_tensor_names) {
    for (const std::string& name : reader.TensorNames()) {
      TFP_RETURN_IF_ERROR(PrintTensor(reader, name, o.all_tensors, out));
    }
    return OkStatus();
  }
  if (o.tensor_name.empty()) {
    out << reader.DebugString() << "\n";
    return OkStatus();
  }
  if (!reader.HasTensor(o.tensor_name)) {
    return reader.GetTensor(o.tensor_name).status();  // NOT_FOUND.
  }
  return PrintTensor(reader, o.tensor_name, true, out);
}

}  // namespace

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  Options o;
  Flags flags = MakeFlags(&o);
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  if (o.file_name.empty() || !flags.positional().empty()) {
    ctx.err << kCommand << ": "
            << (o.file_name.empty()
                    ? "--file_name is required"
                    : "unexpected argument '" + flags.positional()[0] + "'")
            << " (run 'tfpersist " << kCommand << " --help' for usage)\n";
    return kExitUsage;
  }
  auto reader = CheckpointReader::Open(ctx.env, o.file_name);
  if (!reader.ok()) {
    return ReportError(ctx, kCommand,
                       WithPrefixHint(reader.status(), o.file_name));
  }
  const Status status = Run(o, **reader, ctx.out);
  ctx.out.flush();
  return status.ok() ? kExitOk : ReportError(ctx, kCommand, status);
}

}  // namespace tfpersist::cli::inspect_checkpoint
