// `tfpersist benchmark_model --graph=MODEL.pb --input_layer=input
//  --input_layer_shape=1,224,224,3 --output_layer=output ...`: TensorFlow's
// benchmark_model (tools/benchmark) for tfpersist's runtime. Inputs are
// seeded uniform random values in [0, 1) of the given shapes and types, or
// read from --input_file=x.npy (one file per input layer, comma-separated).
// Prints the session init time, the first run, then count / min / median /
// mean / max / std of --max_num_runs runs (stopping after --max_time
// seconds), after --warmup_runs; with --show_summary the per-node tables
// from a traced run of the executor (Session::RunWithMetadata): "Run Order"
// (--show_run_order), "Top by Computation Time" (--show_time) and the
// summary by node type; --show_flops estimates FLOPs of the contractions
// from their shapes and prints FLOP/s.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <sstream>

#include "cli/benchmark_stats.h"
#include "cli/command.h"
#include "cli/flags.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/graph_io.h"

namespace tfpersist::cli::benchmark_model {
namespace {

constexpr char kCommand[] = "benchmark_model";

struct Options {
  std::string graph, input_layer, input_layer_shape, input_layer_type = "float";
  std::string output_layer, input_file, max_time = "10.0";
  int64_t num_threads = -1, max_num_runs = 1000, warmup_runs = 1;
  bool show_run_order = true, show_time = true, show_summary = true;
  bool show_flops = false;
  int64_t run_order_limit = 0, time_limit = 10;
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(part);
  if (!s.empty() && s.back() == sep) parts.push_back("");
  return parts;
}

StatusOr<Tensor> RandomInput(const std::string& shape_text,
                             const std::string& type, uint32_t seed) {
  std::vector<int64_t> dims;
  for (const std::string& d : Split(shape_text, ',')) {
    char* end = nullptr;
    const long long v = std::strtoll(d.c_str(), &end, 10);
    if (d.empty() || *end != '\0' || v < 0) {
      return errors::InvalidArgument(
          "--input_layer_shape '", shape_text,
          "' is not a list of sizes like 1,224,224,3");
    }
    dims.push_back(v);
  }
  TFP_ASSIGN_OR_RETURN(TensorShape shape, TensorShape::Build(dims));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  if (type == "float") {
    TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(DT_FLOAT, shape));
    for (int64_t i = 0; i < t.NumElements(); ++i) t.data<float>()[i] = u(gen);
    return t;
  }
  if (type == "int32" || type == "int64") {
    const DataType dt = type == "int32" ? DT_INT32 : DT_INT64;
    TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dt, shape));
    for (int64_t i = 0; i < t.NumElements(); ++i) {
      if (dt == DT_INT32)
        t.data<int32_t>()[i] = static_cast<int32_t>(gen() % 100);
      else
        t.data<int64_t>()[i] = static_cast<int64_t>(gen() % 100);
    }
    return t;
  }
  return errors::InvalidArgument("--input_layer_type '", type,
                                 "' is not one of float, int32, int64");
}

StatusOr<std::vector<std::pair<std::string, Tensor>>> Inputs(const Options& o,
                                                             Env* env) {
  const std::vector<std::string> names = Split(o.input_layer, ',');
  std::vector<std::pair<std::string, Tensor>> feeds;
  if (!o.input_file.empty()) {
    const std::vector<std::string> files = Split(o.input_file, ',');
    if (files.size() != names.size()) {
      return errors::InvalidArgument("--input_file has ", files.size(),
                                     " files for ", names.size(),
                                     " input layers");
    }
    for (size_t i = 0; i < names.size(); ++i) {
      TFP_ASSIGN_OR_RETURN(Tensor t, ReadNpy(env, files[i]));
      feeds.emplace_back(names[i], std::move(t));
    }
    return feeds;
  }
  const std::vector<std::string> shapes = Split(o.input_layer_shape, ':');
  const std::vector<std::string> types = Split(o.input_layer_type, ',');
  if (shapes.size() != names.size() ||
      (types.size() != 1 && types.size() != names.size())) {
    return errors::InvalidArgument(
        "--input_layer has ", names.size(), " names but --input_layer_shape ",
        shapes.size(), " shapes and --input_layer_type ", types.size(),
        " types");
  }
  for (size_t i = 0; i < names.size(); ++i) {
    TFP_ASSIGN_OR_RETURN(
        Tensor t, RandomInput(shapes[i], types[types.size() == 1 ? 0 : i],
                              static_cast<uint32_t>(i + 1)));
    feeds.emplace_back(names[i], std::move(t));
  }
  return feeds;
}

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - t)
      .count();
}

Status Benchmark(const Options& o, CommandContext& ctx) {
  if (o.graph.empty() || o.input_layer.empty() || o.output_layer.empty()) {
    return errors::InvalidArgument(
        "--graph, --input_layer and --output_layer are required");
  }
  double max_time = 0;
  try {
    max_time = std::stod(o.max_time);
  } catch (...) {
    return errors::InvalidArgument("--max_time '", o.max_time,
                                   "' is not a number of seconds");
  }
  TFP_ASSIGN_OR_RETURN(auto feeds, Inputs(o, ctx.env));
  const std::vector<std::string> outputs = Split(o.output_layer, ',');
  ctx.out << "Graph: [" << o.graph << "]\nInput layers: [" << o.input_layer
          << "]\nInput shapes: [" << o.input_layer_shape
          << "]\nOutput layers: [" << o.output_layer << "]\nNum threads: ["
          << o.num_threads << "]\n";
  auto start = std::chrono::steady_clock::now();
  TFP_ASSIGN_OR_RETURN(
      tensorflow::GraphDef graph_def,
      ReadGraphDefFile(o.graph, GraphDefFormat::kAuto, ctx.env));
  SessionOptions options;
  options.env = ctx.env;
  options.intra_op_parallelism_threads =
      o.num_threads > 0 ? static_cast<int>(o.num_threads) : 0;
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph_def, options));
  ctx.out << "Initialized session in " << MsSince(start) / 1e3 << "s.\n";
  std::vector<Tensor> values;
  start = std::chrono::steady_clock::now();
  TFP_RETURN_IF_ERROR(session->Run(feeds, outputs, {}, &values));
  ctx.out << "First run: " << MsSince(start) * 1e3 << " us\n";
  for (int64_t i = 0; i < o.warmup_runs; ++i) {
    TFP_RETURN_IF_ERROR(session->Run(feeds, outputs, {}, &values));
  }
  std::vector<double> us;
  const auto bench_start = std::chrono::steady_clock::now();
  while (static_cast<int64_t>(us.size()) < o.max_num_runs &&
         (us.empty() || MsSince(bench_start) < max_time * 1e3)) {
    start = std::chrono::steady_clock::now();
    TFP_RETURN_IF_ERROR(session->Run(feeds, outputs, {}, &values));
    us.push_back(MsSince(start) * 1e3);
  }
  ctx.out << "Running benchmark for max " << o.max_num_runs
          << " iterations, max " << max_time
          << " seconds: " << LatencySummary(us) << "\n";
  if (!o.show_summary && !o.show_flops) return OkStatus();
  RunMetadata meta;
  TFP_RETURN_IF_ERROR(
      session->RunWithMetadata(feeds, outputs, {}, &values, &meta));
  NodeTable table;
  table.Add(meta.step_stats);  // first traced run
  for (int i = 0; i < 9; ++i) {
    TFP_RETURN_IF_ERROR(
        session->RunWithMetadata(feeds, outputs, {}, &values, &meta));
    table.Add(meta.step_stats);
  }
  if (o.show_summary) {
    table.Print(ctx.out, {o.show_run_order, o.show_time, o.run_order_limit,
                          o.time_limit});
  }
  if (o.show_flops) {
    std::vector<double> sorted = us;
    std::sort(sorted.begin(), sorted.end());
    const double flops = table.EstimatedFlops();
    ctx.out << "FLOPs estimate: " << flops / 1e6 << "M\nFLOPs/second: "
            << flops / (sorted[sorted.size() / 2] / 1e6) / 1e9 << "G\n";
  }
  return OkStatus();
}

}  // namespace

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  Options o;
  Flags flags(
      kCommand,
      "--graph=MODEL.pb --input_layer=NAME[,NAME] "
      "--input_layer_shape=1,224,224,3[:...] --output_layer=NAME[,NAME]",
      "Times Session::Run on a GraphDef as TensorFlow's benchmark_model "
      "does: init time,\nfirst run, latency statistics and per-node "
      "tables from real per-node timing.");
  flags.String("graph", &o.graph, "The GraphDef (.pb or .pbtxt)");
  flags.String("input_layer", &o.input_layer,
               "Input tensor names, comma-separated");
  flags.String("input_layer_shape", &o.input_layer_shape,
               "Input shapes: sizes comma-separated, inputs ':'-separated");
  flags.String("input_layer_type", &o.input_layer_type,
               "Input types (float, int32, int64), comma-separated");
  flags.String("input_file", &o.input_file,
               "Read the inputs from .npy files (comma-separated) instead");
  flags.String("output_layer", &o.output_layer, "Output tensor names");
  flags.Int64("num_threads", &o.num_threads,
              "Intra-op threads (-1 = all cores)");
  flags.Int64("max_num_runs", &o.max_num_runs, "Most timed runs");
  flags.String("max_time", &o.max_time, "Most seconds of timed runs");
  flags.Int64("warmup_runs", &o.warmup_runs, "Untimed runs before timing");
  flags.Bool("show_run_order", &o.show_run_order, "Print the Run Order table");
  flags.Int64("run_order_limit", &o.run_order_limit, "Rows of it (0 = all)");
  flags.Bool("show_time", &o.show_time, "Print Top by Computation Time");
  flags.Int64("time_limit", &o.time_limit, "Rows of it");
  flags.Bool("show_summary", &o.show_summary, "Print the per-node tables");
  flags.Bool("show_flops", &o.show_flops, "Estimate FLOPs and FLOP/s");
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  Status s = Benchmark(o, ctx);
  return s.ok() ? kExitOk : ReportError(ctx, kCommand, s);
}

}  // namespace tfpersist::cli::benchmark_model
