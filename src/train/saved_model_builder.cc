// SavedModelBuilder (TF1 builder_impl.py; spec meta-graph.md §5.3): a
// sharded V2 Saver writes variables/variables, assets are copied to
// assets/, and every MetaGraphDef gets its tags and signatures.
#include <google/protobuf/text_format.h>

#include "core/tensor_proto.h"
#include "graph/graph_def_io.h"
#include "graph/node_def_util.h"
#include "tfpersist/base/path.h"
#include "tfpersist/train/meta_graph.h"
#include "tfpersist/train/saved_model.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

Status ValidateSignatures(
    const Graph& graph,
    const std::map<std::string, tensorflow::SignatureDef>& sigs) {
  for (const auto& [key, sig] : sigs) {
    for (const auto* map : {&sig.inputs(), &sig.outputs()}) {
      for (const auto& [name, info] : *map) {
        auto t = graph.tensor(info.name());
        if (!t.ok()) {
          return t.status().WithContext(
              StrCat("signature '", key, "', tensor '", name, "'"));
        }
      }
    }
  }
  return OkStatus();
}

}  // namespace

tensorflow::TensorInfo BuildTensorInfo(const GraphBuilder& b, const Output& t) {
  tensorflow::TensorInfo info;
  info.set_name(t.name());
  info.set_dtype(static_cast<tensorflow::DataType>(t.dtype()));
  TensorShapeToProto(b.GetShape(t), info.mutable_tensor_shape());
  return info;
}

tensorflow::SignatureDef PredictSignatureDef(
    const GraphBuilder& b, const std::map<std::string, Output>& inputs,
    const std::map<std::string, Output>& outputs) {
  tensorflow::SignatureDef sig;
  for (const auto& [k, t] : inputs)
    (*sig.mutable_inputs())[k] = BuildTensorInfo(b, t);
  for (const auto& [k, t] : outputs)
    (*sig.mutable_outputs())[k] = BuildTensorInfo(b, t);
  sig.set_method_name(kPredictMethodName);
  return sig;
}

SavedModelBuilder::SavedModelBuilder(std::string export_dir, Env* env)
    : export_dir_(std::move(export_dir)), env_(env ? env : Env::Default()) {}

Status SavedModelBuilder::CopyAssets(const std::vector<Output>& assets,
                                     Collections* collections) {
  for (const Output& asset : assets) {
    if (asset.node == nullptr || asset.node->op() != "Const") {
      return errors::InvalidArgument("SavedModel assets must be string Consts");
    }
    TFP_ASSIGN_OR_RETURN(Tensor path,
                         GetTensorAttr(asset.node->def(), "value"));
    if (path.dtype() != DT_STRING || path.NumElements() != 1) {
      return errors::InvalidArgument("asset '", asset.name(),
                                     "' must be a string scalar");
    }
    const std::string source = path.flat<tstring>()[0];
    const std::string filename(Basename(source));
    TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env_, source));
    TFP_RETURN_IF_ERROR(
        env_->RecursivelyCreateDir(JoinPath(export_dir_, "assets")));
    TFP_RETURN_IF_ERROR(WriteStringToFile(
        env_, JoinPath(export_dir_, "assets", filename), bytes));
    tensorflow::AssetFileDef def;
    def.set_filename(filename);
    def.mutable_tensor_info()->set_name(asset.name());
    (*collections->mutable_defs())[GraphKeys::kSavedModelAssets]
        .mutable_any_list()
        ->add_value()
        ->PackFrom(def);
    collections->AddNodeName(GraphKeys::kAssetFilepaths, asset.name());
  }
  return OkStatus();
}

StatusOr<tensorflow::MetaGraphDef> SavedModelBuilder::BuildMetaGraph(
    GraphBuilder& b, const std::vector<std::string>& tags,
    const std::map<std::string, tensorflow::SignatureDef>& signatures,
    const SavedModelMetaGraphOptions& options,
    const tensorflow::SaverDef* saver_def) {
  TFP_RETURN_IF_ERROR(ValidateSignatures(*b.graph(), signatures));
  Collections collections;
  if (options.collections != nullptr) {
    collections = *options.collections;
  } else {
    collections.AddVariables(b.variables());
  }
  if (options.main_op != nullptr) {
    collections.AddNodeName(GraphKeys::kSavedModelMainOp,
                            options.main_op->name());
  }
  TFP_RETURN_IF_ERROR(CopyAssets(options.assets, &collections));
  MetaGraphExportOptions export_options;
  export_options.collections = &collections;
  export_options.saver_def = saver_def;
  export_options.tags = tags;
  export_options.signature_defs = signatures;
  export_options.clear_devices = options.clear_devices;
  export_options.strip_default_attrs = options.strip_default_attrs;
  return ExportMetaGraph(*b.graph(), export_options);
}

Status SavedModelBuilder::AddMetaGraphAndVariables(
    Session* session, GraphBuilder& b, const std::vector<std::string>& tags,
    const std::map<std::string, tensorflow::SignatureDef>& signatures,
    const SavedModelMetaGraphOptions& options) {
  if (has_saved_variables_) {
    return errors::FailedPrecondition(
        "Graph state including variables and assets has already been saved. "
        "Please invoke AddMetaGraph() instead.");
  }
  auto children = env_->GetChildren(export_dir_);
  if (children.ok() && !children->empty()) {
    return errors::FailedPrecondition(
        "Export directory already exists, and isn't empty: ", export_dir_);
  }
  TFP_RETURN_IF_ERROR(ValidateSignatures(*b.graph(), signatures));
  TFP_RETURN_IF_ERROR(
      env_->RecursivelyCreateDir(JoinPath(export_dir_, "variables")));
  SaverOptions saver_options;
  saver_options.sharded = true;
  saver_options.allow_empty = true;
  saver_options.env = env_;
  TFP_ASSIGN_OR_RETURN(auto saver,
                       Saver::Create(b, saver_options, options.collections));
  SaveOptions save;
  save.write_meta_graph = false;
  save.write_state = false;
  TFP_RETURN_IF_ERROR_CTX(
      saver
          ->Save(session, JoinPath(export_dir_, "variables", "variables"), save)
          .status(),
      "saving SavedModel variables");
  saver_def_ = saver->saver_def();
  TFP_ASSIGN_OR_RETURN(
      tensorflow::MetaGraphDef mg,
      BuildMetaGraph(b, tags, signatures, options,
                     saver->is_empty() ? nullptr : &saver_def_));
  *saved_model_.add_meta_graphs() = std::move(mg);
  has_saved_variables_ = true;
  return OkStatus();
}

Status SavedModelBuilder::AddMetaGraph(
    GraphBuilder& b, const std::vector<std::string>& tags,
    const std::map<std::string, tensorflow::SignatureDef>& signatures,
    const SavedModelMetaGraphOptions& options) {
  if (!has_saved_variables_) {
    return errors::FailedPrecondition(
        "Graph state including variables and assets has not been saved yet. "
        "Please invoke AddMetaGraphAndVariables() first.");
  }
  TFP_ASSIGN_OR_RETURN(
      tensorflow::MetaGraphDef mg,
      BuildMetaGraph(
          b, tags, signatures, options,
          saver_def_.restore_op_name().empty() ? nullptr : &saver_def_));
  *saved_model_.add_meta_graphs() = std::move(mg);
  return OkStatus();
}

Status SavedModelBuilder::Save(bool as_text) {
  saved_model_.set_saved_model_schema_version(1);
  TFP_RETURN_IF_ERROR(env_->RecursivelyCreateDir(export_dir_));
  std::string bytes;
  if (as_text) {
    google::protobuf::TextFormat::PrintToString(saved_model_, &bytes);
  } else {
    bytes = SerializeDeterministic(saved_model_);
  }
  const std::string path =
      JoinPath(export_dir_, as_text ? "saved_model.pbtxt" : "saved_model.pb");
  TFP_RETURN_IF_ERROR_CTX(WriteStringToFileAtomic(env_, path, bytes),
                          "writing SavedModel ", path);
  return OkStatus();
}

}  // namespace tfpersist
