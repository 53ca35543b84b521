// `tfpersist run MODEL.pb --input NAME:0=x.npy ... --output NAME:0 ...`:
// runs a GraphDef (frozen .pb or .pbtxt) on .npy inputs (numeric, or
// strings: '|S', '<U' or object arrays of bytes) or raw files
// (--input NAME:0=@file.wav feeds the file's bytes as a scalar string) and
// prints each
// output's dtype, shape and a value summary; with --output_dir writes
// D/<name with '/' and ':' replaced by '_'>.npy ("Net/add:0" ->
// "Net_add_0.npy"). Without --output, the likely outputs (nodes nothing
// consumes, as summarize_graph finds them) are fetched. --repeat=N times N
// runs of the same feeds (after one warm-up run) and prints min/median/mean.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/numpy_format.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/summarize_graph.h"

namespace tfpersist::cli::run {
namespace {

constexpr char kCommand[] = "run";

struct Options {
  std::vector<std::string> inputs;   // "NAME=FILE.npy"
  std::vector<std::string> outputs;  // tensor names
  std::string output_dir;
  int64_t repeat = 0;
  int64_t threads = 0;
};

StatusOr<std::vector<std::pair<std::string, Tensor>>> ReadFeeds(
    const Options& o, Env* env) {
  std::vector<std::pair<std::string, Tensor>> feeds;
  for (const std::string& spec : o.inputs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
      return errors::InvalidArgument(
          "--input '", spec, "' is not NAME:0=FILE.npy or NAME:0=@FILE");
    }
    const std::string file = spec.substr(eq + 1);
    Tensor value;
    if (file.starts_with("@")) {  // raw bytes as a scalar string
      if (file.size() == 1) {
        return errors::InvalidArgument("--input '", spec,
                                       "' names no file after '@'");
      }
      TFP_ASSIGN_OR_RETURN(std::string bytes,
                           ReadFileToString(env, file.substr(1)));
      value = Tensor::Scalar<std::string>(std::move(bytes));
    } else {
      TFP_ASSIGN_OR_RETURN(value, ReadNpy(env, file));
    }
    feeds.emplace_back(spec.substr(0, eq), std::move(value));
  }
  return feeds;
}

std::string FileNameFor(const std::string& tensor_name) {
  std::string name = tensor_name;
  std::replace(name.begin(), name.end(), '/', '_');
  std::replace(name.begin(), name.end(), ':', '_');
  return name + ".npy";
}

// "min=.. max=.. mean=.." for numeric tensors with elements.
std::string Stats(const Tensor& t) {
  if (t.NumElements() == 0 || t.dtype() == DT_STRING) return "";
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    const double v = t.ElementAsDouble(i);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  return StrCat("  min=", lo, " max=", hi, " mean=", sum / t.NumElements());
}

Status PrintAndWrite(const Options& o, const std::vector<std::string>& names,
                     const std::vector<Tensor>& values, CommandContext& ctx) {
  numpy::PrintOptions print;
  print.threshold = 20;
  for (size_t i = 0; i < names.size(); ++i) {
    const Tensor& t = values[i];
    ctx.out << names[i] << "  dtype=" << DataTypeString(t.dtype())
            << "  shape=" << t.shape().DebugString() << Stats(t) << "\n"
            << numpy::ArrayStr(t, print) << "\n";
    if (o.output_dir.empty()) continue;
    const std::string path = JoinPath(o.output_dir, FileNameFor(names[i]));
    TFP_RETURN_IF_ERROR(WriteNpy(ctx.env, path, t));
    ctx.out << "wrote " << path << "\n";
  }
  return OkStatus();
}

Status Timed(Session* session,
             const std::vector<std::pair<std::string, Tensor>>& feeds,
             const std::vector<std::string>& fetches, int64_t repeat,
             std::ostream& out) {
  std::vector<double> ms;
  std::vector<Tensor> values;
  for (int64_t i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    TFP_RETURN_IF_ERROR(session->Run(feeds, fetches, {}, &values));
    const std::chrono::duration<double, std::milli> d =
        std::chrono::steady_clock::now() - start;
    ms.push_back(d.count());
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  double mean = 0;
  for (double v : ms) mean += v / ms.size();
  out << "timing: " << repeat << " runs, min " << sorted.front()
      << " ms, median " << sorted[sorted.size() / 2] << " ms, mean " << mean
      << " ms\n";
  return OkStatus();
}

Status Run(const std::string& model, Options o, CommandContext& ctx) {
  TFP_ASSIGN_OR_RETURN(tensorflow::GraphDef graph_def,
                       ReadGraphDefFile(model, GraphDefFormat::kAuto, ctx.env));
  TFP_ASSIGN_OR_RETURN(auto feeds, ReadFeeds(o, ctx.env));
  if (o.outputs.empty()) {
    for (const std::string& n : LikelyOutputNodes(graph_def)) {
      o.outputs.push_back(n + ":0");
    }
    if (o.outputs.empty()) {
      return errors::InvalidArgument("no --output given and ", model,
                                     " has no likely output node");
    }
  }
  SessionOptions options;
  options.env = ctx.env;
  options.intra_op_threads = static_cast<int>(o.threads);
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph_def, options));
  std::vector<Tensor> values;
  Status ran = session->Run(feeds, o.outputs, {}, &values);
  if (!ran.ok()) {
    const bool unfed =
        ran.message().find("must feed") != std::string_view::npos;
    return Status(
        ran.code(),
        StrCat("running ", model, ": ", ran.message(),
               unfed ? " (feed it with --input NAME:0=FILE.npy)" : ""));
  }
  if (!o.output_dir.empty()) {
    TFP_RETURN_IF_ERROR(ctx.env->RecursivelyCreateDir(o.output_dir));
  }
  TFP_RETURN_IF_ERROR(PrintAndWrite(o, o.outputs, values, ctx));
  if (o.repeat > 0) {
    TFP_RETURN_IF_ERROR(
        Timed(session.get(), feeds, o.outputs, o.repeat, ctx.out));
  }
  return OkStatus();
}

}  // namespace

int Main(const std::vector<std::string>& args_in, CommandContext& ctx) {
  Options o;
  std::vector<std::string> args = args_in;
  Flags flags(kCommand,
              "MODEL.pb [--input NAME:0=x.npy|@file ...] [--output NAME:0 ...] "
              "[--output_dir=D] [--repeat=N] [--threads=N]",
              "Runs a GraphDef (.pb or .pbtxt) on .npy inputs and prints every "
              "output's dtype,\nshape and values. --input NAME:0=@FILE feeds a "
              "file's raw bytes as a scalar\nstring (WAV, JPEG, a serialized "
              "tf.Example); string outputs are written as\n.npy of bytes "
              "('|S'). --input and --output repeat; "
              "without --output the graph's\nlikely outputs are fetched.");
  flags.Repeated("input", &o.inputs,
                 "A feed NAME:0=FILE.npy (the tensor's value from a .npy file)");
  flags.Repeated("output", &o.outputs, "A tensor to fetch, NAME:0");
  flags.String("output_dir", &o.output_dir,
               "Write each output to D/<name, '/' and ':' as '_'>.npy");
  flags.Int64("repeat", &o.repeat,
              "Time N more runs of the same feeds (min/median/mean ms)", 0);
  flags.Int64("threads", &o.threads, "Intra-op threads (0 = all cores)", 0,
              1024);
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  if (flags.positional().size() != 1) {
    ctx.err << kCommand << ": expected one MODEL.pb argument, got "
            << flags.positional().size() << " (run 'tfpersist " << kCommand
            << " --help' for usage)\n";
    return kExitUsage;
  }
  const Status status = Run(flags.positional()[0], o, ctx);
  ctx.out.flush();
  return status.ok() ? kExitOk : ReportError(ctx, kCommand, status);
}

}  // namespace tfpersist::cli::run
