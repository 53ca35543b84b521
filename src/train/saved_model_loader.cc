// LoadSavedModel (spec meta-graph.md §5.2) and running signatures.
#include <google/protobuf/text_format.h>

#include "tfpersist/base/path.h"
#include "tfpersist/io/file_kind.h"
#include "tfpersist/train/meta_graph.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist {
namespace {

constexpr char kInitOpSignatureKey[] = "__saved_model_init_op";

StatusOr<tensorflow::SavedModel> ReadSavedModel(Env* env,
                                                const std::string& dir) {
  tensorflow::SavedModel model;
  const std::string pb = JoinPath(dir, "saved_model.pb");
  const std::string pbtxt = JoinPath(dir, "saved_model.pbtxt");
  if (env->FileExists(pb).ok()) {
    TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, pb));
    if (!model.ParseFromString(bytes)) {
      return errors::DataLoss("Cannot parse SavedModel ", pb);
    }
    return model;
  }
  if (env->FileExists(pbtxt).ok()) {
    TFP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(env, pbtxt));
    if (!google::protobuf::TextFormat::ParseFromString(text, &model)) {
      return errors::DataLoss("Cannot parse SavedModel ", pbtxt);
    }
    return model;
  }
  return errors::NotFound(
      "SavedModel file does not exist at: ", dir,
      "/{saved_model.pbtxt|saved_model.pb}.",
      FileKindAdvice(env, dir, DetectFileKind(env, dir), "SavedModel"));
}

std::string TagSetString(const std::set<std::string>& tags) {
  return StrCat("{ ", StrJoin(tags, " "), " }");
}

StatusOr<const tensorflow::MetaGraphDef*> FindMetaGraph(
    const tensorflow::SavedModel& model, const std::set<std::string>& tags,
    const std::string& dir) {
  std::vector<std::string> available;
  for (const auto& mg : model.meta_graphs()) {
    std::set<std::string> have(mg.meta_info_def().tags().begin(),
                               mg.meta_info_def().tags().end());
    if (have == tags) return &mg;
    available.push_back(TagSetString(have));
  }
  return errors::NotFound(
      "Could not find meta graph def matching supplied tags: ",
      TagSetString(tags), " in SavedModel ", dir,
      ". Available tag sets: ", StrJoin(available, ", "));
}

Status ValidateConsts(const tensorflow::GraphDef& graph) {
  for (const auto& node : graph.node()) {
    if (node.op() != "Const") continue;
    auto it = node.attr().find("value");
    if (it == node.attr().end()) {
      return errors::InvalidArgument("Const node '", node.name(),
                                     "' has no 'value' attr");
    }
    for (const auto& dim : it->second.tensor().tensor_shape().dim()) {
      if (dim.size() < 0) {
        return errors::InvalidArgument("Const node '", node.name(),
                                       "' has a negative dimension");
      }
    }
  }
  return OkStatus();
}

using Feeds = std::vector<std::pair<std::string, Tensor>>;

Feeds AssetFeeds(const tensorflow::MetaGraphDef& mg, const std::string& dir) {
  std::vector<tensorflow::AssetFileDef> assets(mg.asset_file_def().begin(),
                                               mg.asset_file_def().end());
  auto it = mg.collection_def().find(GraphKeys::kSavedModelAssets);
  if (assets.empty() && it != mg.collection_def().end()) {
    for (const auto& any : it->second.any_list().value()) {
      tensorflow::AssetFileDef asset;
      if (any.UnpackTo(&asset)) assets.push_back(asset);
    }
  }
  Feeds feeds;
  for (const auto& asset : assets) {
    feeds.emplace_back(
        asset.tensor_info().name(),
        Tensor::Scalar<tstring>(JoinPath(dir, "assets", asset.filename())));
  }
  return feeds;
}

Status RestoreVariables(Env* env, Session* session,
                        const tensorflow::MetaGraphDef& mg,
                        const std::string& dir, Feeds feeds) {
  const std::string prefix = JoinPath(dir, "variables", "variables");
  if (!env->FileExists(prefix + ".index").ok() || !mg.has_saver_def()) {
    return OkStatus();  // A SavedModel without variables.
  }
  feeds.emplace_back(mg.saver_def().filename_tensor_name(),
                     Tensor::Scalar<tstring>(prefix));
  TFP_RETURN_IF_ERROR_CTX(
      session->Run(feeds, {}, {mg.saver_def().restore_op_name()}, nullptr),
      "restoring SavedModel variables from ", prefix);
  return OkStatus();
}

std::string InitOpName(const tensorflow::MetaGraphDef& mg) {
  auto sig = mg.signature_def().find(kInitOpSignatureKey);
  if (sig != mg.signature_def().end()) {
    auto out = sig->second.outputs().find(kInitOpSignatureKey);
    if (out != sig->second.outputs().end()) return out->second.name();
  }
  for (const char* key :
       {GraphKeys::kSavedModelMainOp, GraphKeys::kLegacyInitOp}) {
    auto it = mg.collection_def().find(key);
    if (it != mg.collection_def().end() &&
        it->second.node_list().value_size() == 1) {
      return it->second.node_list().value(0);
    }
  }
  return "";
}

}  // namespace

StatusOr<std::unique_ptr<SavedModelBundle>> LoadSavedModel(
    const std::string& export_dir, const std::set<std::string>& tags,
    Env* env) {
  if (env == nullptr) env = Env::Default();
  TFP_ASSIGN_OR_RETURN(tensorflow::SavedModel model,
                       ReadSavedModel(env, export_dir));
  TFP_ASSIGN_OR_RETURN(const tensorflow::MetaGraphDef* mg,
                       FindMetaGraph(model, tags, export_dir));
  auto bundle = std::make_unique<SavedModelBundle>();
  bundle->meta_graph_def = *mg;
  TFP_RETURN_IF_ERROR(ValidateConsts(mg->graph_def()));
  SessionOptions options;
  options.env = env;
  options.extra_ops = mg->meta_info_def().stripped_op_list();
  TFP_ASSIGN_OR_RETURN(bundle->session,
                       Session::Create(mg->graph_def(), options));
  const Feeds assets = AssetFeeds(*mg, export_dir);
  TFP_RETURN_IF_ERROR(
      RestoreVariables(env, bundle->session.get(), *mg, export_dir, assets));
  const std::string init_op = InitOpName(*mg);
  if (!init_op.empty()) {
    TFP_RETURN_IF_ERROR_CTX(
        bundle->session->Run(assets, {}, {OpNameOf(init_op)}, nullptr),
        "running the SavedModel init op ", init_op);
  }
  return bundle;
}

StatusOr<const tensorflow::SignatureDef*> SavedModelBundle::GetSignature(
    const std::string& key) const {
  auto it = meta_graph_def.signature_def().find(key);
  if (it != meta_graph_def.signature_def().end()) return &it->second;
  std::vector<std::string> keys;
  for (const auto& [k, unused] : meta_graph_def.signature_def())
    keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return errors::NotFound("No SignatureDef with key '", key,
                          "'; available: ", StrJoin(keys, ", "));
}

StatusOr<std::map<std::string, Tensor>> SavedModelBundle::RunSignature(
    const std::string& key, const std::map<std::string, Tensor>& inputs,
    const std::vector<std::string>& output_keys) const {
  TFP_ASSIGN_OR_RETURN(const tensorflow::SignatureDef* sig, GetSignature(key));
  Feeds feeds;
  for (const auto& [name, value] : inputs) {
    auto it = sig->inputs().find(name);
    if (it == sig->inputs().end() || it->second.name().empty()) {
      return errors::InvalidArgument("Signature '", key,
                                     "' has no dense input '", name, "'");
    }
    feeds.emplace_back(it->second.name(), value);
  }
  std::vector<std::string> keys = output_keys;
  if (keys.empty()) {
    for (const auto& [k, unused] : sig->outputs()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
  }
  std::vector<std::string> fetches;
  for (const std::string& k : keys) {
    auto it = sig->outputs().find(k);
    if (it == sig->outputs().end() || it->second.name().empty()) {
      return errors::NotFound("Signature '", key, "' has no dense output '", k,
                              "'");
    }
    fetches.push_back(it->second.name());
  }
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR_CTX(session->Run(feeds, fetches, {}, &out),
                          "running signature '", key, "'");
  std::map<std::string, Tensor> result;
  for (size_t i = 0; i < keys.size(); ++i) result[keys[i]] = out[i];
  return result;
}

}  // namespace tfpersist
