// `tfpersist saved_model_cli show|run`: TF's saved_model_cli for TF1 and TF2
// SavedModels, with TF's output text.
//   show --dir D                         the tag-sets
//   show --dir D --tag_set T             the SignatureDef keys
//   show --dir D --tag_set T --signature_def K   inputs, outputs, method
//   show --dir D --all                   everything above (TF then also
//                                        lists "Defined Functions" from the
//                                        Python objects; we do not)
//   run --dir D --tag_set T --signature_def K [--inputs 'k=x.npy;...']
//       [--input_exprs 'k=np.ones((2,5));...'] [--outdir O [--overwrite]]
// --input_exprs takes a safe subset of numpy expressions (never evaluated
// by Python): numbers, nested lists, np.array(list), np.ones(shape),
// np.zeros(shape), np.full(shape, v) (shape an int or a tuple); values are
// cast to the signature input's dtype, as session.run does with feeds.
#include <algorithm>
#include <set>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/numpy_format.h"
#include "cli/saved_model_cli_exprs.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist::cli::saved_model_cli {
namespace {

constexpr char kCommand[] = "saved_model_cli";

struct Options {
  std::string dir, tag_set, signature_def, inputs, input_exprs, outdir;
  bool all = false, overwrite = false;
};

Flags MakeFlags(Options* o) {
  Flags f(kCommand,
          "show --dir=D [--all | --tag_set=T [--signature_def=K]] | run "
          "--dir=D --tag_set=T --signature_def=K [--inputs=...] "
          "[--input_exprs=...] [--outdir=O]",
          "Shows or runs the signatures of a SavedModel (TensorFlow's "
          "saved_model_cli).");
  f.String("dir", &o->dir, "SavedModel directory");
  f.String("tag_set", &o->tag_set, "Comma-separated tags of a MetaGraphDef");
  f.String("signature_def", &o->signature_def, "SignatureDef key");
  f.Bool("all", &o->all, "Show every tag-set and SignatureDef");
  f.String("inputs", &o->inputs, "'key=file.npy;key2=file2.npy'");
  f.String("input_exprs", &o->input_exprs, "'key=np.ones((2,5));...'");
  f.String("outdir", &o->outdir, "Directory to save the outputs (.npy) to");
  f.Bool("overwrite", &o->overwrite, "Overwrite existing output files");
  return f;
}

StatusOr<tensorflow::SavedModel> ReadModel(Env* env, const std::string& dir) {
  tensorflow::SavedModel model;
  const std::string pb = JoinPath(dir, "saved_model.pb");
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, pb));
  if (!model.ParseFromString(bytes)) {
    return errors::DataLoss("Cannot parse SavedModel ", pb);
  }
  return model;
}

std::vector<std::string> SortedTags(const tensorflow::MetaGraphDef& mg) {
  std::vector<std::string> tags(mg.meta_info_def().tags().begin(),
                                mg.meta_info_def().tags().end());
  std::sort(tags.begin(), tags.end());
  return tags;
}

StatusOr<const tensorflow::MetaGraphDef*> FindMetaGraph(
    const tensorflow::SavedModel& model, const std::string& tag_set) {
  std::vector<std::string> want = StrSplit(tag_set, ',', true);
  std::sort(want.begin(), want.end());
  for (const auto& mg : model.meta_graphs()) {
    if (SortedTags(mg) == want) return &mg;
  }
  return errors::NotFound("MetaGraphDef associated with tag-set ", tag_set,
                          " could not be found in SavedModel");
}

void PrintTensorInfo(const tensorflow::TensorInfo& info,
                     const std::string& indent, std::ostream& out) {
  out << indent
      << "    dtype: " << DataTypeEnumName(static_cast<DataType>(info.dtype()))
      << "\n";
  std::string shape = "unknown_rank";
  if (!info.tensor_shape().unknown_rank()) {
    std::vector<std::string> dims;
    for (const auto& d : info.tensor_shape().dim()) {
      dims.push_back(std::to_string(d.size()));
    }
    shape = "(" + StrJoin(dims, ", ") + ")";
  }
  out << indent << "    shape: " << shape << "\n";
  out << indent << "    name: " << info.name() << "\n";
}

template <typename Map>
std::vector<std::string> SortedKeys(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [k, unused] : map) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return keys;
}

Status ShowSignature(const tensorflow::MetaGraphDef& mg, const std::string& key,
                     int indent, std::ostream& out) {
  auto it = mg.signature_def().find(key);
  if (it == mg.signature_def().end()) {
    return errors::NotFound("No SignatureDef with key '", key, "'; available: ",
                            StrJoin(SortedKeys(mg.signature_def()), ", "));
  }
  const std::string pad(2 * indent, ' ');
  const tensorflow::SignatureDef& sig = it->second;
  out << pad
      << "The given SavedModel SignatureDef contains the following "
         "input(s):\n";
  for (const std::string& k : SortedKeys(sig.inputs())) {
    out << pad << "  inputs['" << k << "'] tensor_info:\n";
    PrintTensorInfo(sig.inputs().at(k), pad + "  ", out);
  }
  out << pad
      << "The given SavedModel SignatureDef contains the following "
         "output(s):\n";
  for (const std::string& k : SortedKeys(sig.outputs())) {
    out << pad << "  outputs['" << k << "'] tensor_info:\n";
    PrintTensorInfo(sig.outputs().at(k), pad + "  ", out);
  }
  out << pad << "Method name is: " << sig.method_name() << "\n";
  return OkStatus();
}

Status Show(const Options& o, const tensorflow::SavedModel& model,
            std::ostream& out) {
  if (o.all) {
    std::vector<std::vector<std::string>> tag_sets;
    for (const auto& mg : model.meta_graphs())
      tag_sets.push_back(SortedTags(mg));
    std::sort(tag_sets.begin(), tag_sets.end());
    for (const auto& tags : tag_sets) {
      out << "\nMetaGraphDef with tag-set: '" << StrJoin(tags, ", ")
          << "' contains the following SignatureDefs:\n";
      TFP_ASSIGN_OR_RETURN(const auto* mg,
                           FindMetaGraph(model, StrJoin(tags, ",")));
      for (const std::string& key : SortedKeys(mg->signature_def())) {
        out << "\nsignature_def['" << key << "']:\n";
        TFP_RETURN_IF_ERROR(ShowSignature(*mg, key, 1, out));
      }
    }
    return OkStatus();
  }
  if (o.tag_set.empty()) {
    std::vector<std::string> sets;
    for (const auto& mg : model.meta_graphs()) {
      sets.push_back("'" + StrJoin(SortedTags(mg), ", ") + "'");
    }
    std::sort(sets.begin(), sets.end());
    out << "The given SavedModel contains the following tag-sets:\n";
    for (const std::string& s : sets) out << s << "\n";
    return OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(const auto* mg, FindMetaGraph(model, o.tag_set));
  if (o.signature_def.empty()) {
    out << "The given SavedModel MetaGraphDef contains SignatureDefs with the "
           "following keys:\n";
    for (const std::string& key : SortedKeys(mg->signature_def())) {
      out << "SignatureDef key: \"" << key << "\"\n";
    }
    return OkStatus();
  }
  return ShowSignature(*mg, o.signature_def, 0, out);
}

// "k=v;k2=v2" -> pairs (empty items skipped).
StatusOr<std::vector<std::pair<std::string, std::string>>> SplitAssignments(
    const std::string& text, const char* flag) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& item : StrSplit(text, ';', true)) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return errors::InvalidArgument(flag, " \"", item,
                                     "\" format is incorrect. Please follow"
                                     "\"<input_key>=<value>\"");
    }
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  return out;
}

StatusOr<std::map<std::string, Tensor>> LoadInputs(
    const Options& o, const tensorflow::SignatureDef& sig, Env* env) {
  std::map<std::string, Tensor> feeds;
  auto check_key = [&](const std::string& key) -> Status {
    if (sig.inputs().count(key)) return OkStatus();
    return errors::InvalidArgument(
        "\"", key, "\" is not a valid input key. Please choose from \"",
        StrJoin(SortedKeys(sig.inputs()), "\", \""),
        "\", or use --show option.");
  };
  TFP_ASSIGN_OR_RETURN(auto files, SplitAssignments(o.inputs, "--inputs"));
  for (const auto& [key, file] : files) {
    TFP_RETURN_IF_ERROR(check_key(key));
    TFP_ASSIGN_OR_RETURN(feeds[key], ReadNpy(env, file));
  }
  TFP_ASSIGN_OR_RETURN(auto exprs,
                       SplitAssignments(o.input_exprs, "--input_exprs"));
  for (const auto& [key, expr] : exprs) {
    TFP_RETURN_IF_ERROR(check_key(key));
    TFP_ASSIGN_OR_RETURN(feeds[key], EvaluateNumpyExpression(expr));
  }
  for (auto& [key, t] : feeds) {
    const auto dtype = static_cast<DataType>(sig.inputs().at(key).dtype());
    TFP_ASSIGN_OR_RETURN(t, CastForFeed(t, dtype));
  }
  return feeds;
}

Status Run(const Options& o, CommandContext& ctx) {
  if (o.inputs.empty() && o.input_exprs.empty()) {
    return errors::InvalidArgument(
        "At least one of --inputs, --input_exprs or --input_examples must be "
        "required");
  }
  std::vector<std::string> tags = StrSplit(o.tag_set, ',', true);
  TFP_ASSIGN_OR_RETURN(
      auto bundle,
      LoadSavedModel(o.dir, std::set<std::string>(tags.begin(), tags.end()),
                     ctx.env));
  TFP_ASSIGN_OR_RETURN(const auto* sig, bundle->GetSignature(o.signature_def));
  TFP_ASSIGN_OR_RETURN(auto feeds, LoadInputs(o, *sig, ctx.env));
  TFP_ASSIGN_OR_RETURN(auto outputs,
                       bundle->RunSignature(o.signature_def, feeds));
  for (const auto& [key, value] : outputs) {  // sorted keys, as TF
    ctx.out << "Result for output key " << key << ":\n"
            << numpy::ArrayStr(value) << "\n";
    if (o.outdir.empty()) continue;
    TFP_RETURN_IF_ERROR(ctx.env->RecursivelyCreateDir(o.outdir));
    const std::string path = JoinPath(o.outdir, key + ".npy");
    if (!o.overwrite && ctx.env->FileExists(path).ok()) {
      return errors::AlreadyExists(
          "Output file ", path,
          " already exists. Add \"--overwrite\" to overwrite the existing "
          "output files.");
    }
    TFP_RETURN_IF_ERROR(WriteNpy(ctx.env, path, value));
    ctx.out << "Output " << key << " is saved to " << path << "\n";
  }
  return OkStatus();
}

}  // namespace

int Main(const std::vector<std::string>& args, CommandContext& ctx) {
  Options o;
  Flags flags = MakeFlags(&o);
  if (auto exit = ParseFlagsOrExit(flags, args, ctx)) return *exit;
  const auto& pos = flags.positional();
  const bool show = pos.size() == 1 && pos[0] == "show";
  const bool run = pos.size() == 1 && pos[0] == "run";
  if ((!show && !run) || o.dir.empty() ||
      (run && (o.tag_set.empty() || o.signature_def.empty()))) {
    ctx.err << kCommand << ": expected 'show' or 'run' with --dir"
            << (run ? ", --tag_set and --signature_def" : "")
            << " (run 'tfpersist " << kCommand << " --help' for usage)\n";
    return kExitUsage;
  }
  Status s;
  if (show) {
    auto model = ReadModel(ctx.env, o.dir);
    s = model.ok() ? Show(o, *model, ctx.out) : model.status();
  } else {
    s = Run(o, ctx);
  }
  ctx.out.flush();
  return s.ok() ? kExitOk : ReportError(ctx, kCommand, s);
}

}  // namespace tfpersist::cli::saved_model_cli
