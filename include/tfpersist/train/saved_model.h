// TF1 SavedModels (spec meta-graph.md §5): loading (C++ LoadSavedModel) and
// writing (Python's SavedModelBuilder), readable by TF's loader.
//
//   TFP_ASSIGN_OR_RETURN(auto bundle, LoadSavedModel(dir, {"serve"}));
//   TFP_ASSIGN_OR_RETURN(auto outputs,
//       bundle->RunSignature("serving_default", {{"x", x}}));
//
//   SavedModelBuilder builder(dir);
//   TFP_RETURN_IF_ERROR(builder.AddMetaGraphAndVariables(
//       session.get(), b, {"serve"}, {{"serving_default", signature}}));
//   TFP_RETURN_IF_ERROR(builder.Save());
//
// Layout: saved_model.pb, variables/variables.{index,data-*}, assets/.
// Thread-safety: a SavedModelBundle's session may be Run concurrently; the
// builder is not thread-safe.
#ifndef TFPERSIST_TRAIN_SAVED_MODEL_H_
#define TFPERSIST_TRAIN_SAVED_MODEL_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tensorflow/core/protobuf/saved_model.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/train/collections.h"

namespace tfpersist {

inline constexpr char kSavedModelTagServe[] = "serve";
inline constexpr char kSavedModelTagTrain[] = "train";
inline constexpr char kDefaultServingSignatureDefKey[] = "serving_default";
inline constexpr char kPredictMethodName[] = "tensorflow/serving/predict";

// A loaded SavedModel: the chosen MetaGraphDef and a Session holding its
// restored variables.
struct SavedModelBundle {
  tensorflow::MetaGraphDef meta_graph_def;
  std::unique_ptr<Session> session;

  // NOT_FOUND naming the key and the available keys.
  StatusOr<const tensorflow::SignatureDef*> GetSignature(
      const std::string& key) const;
  // Feeds inputs[k] to the signature's input k and fetches every output
  // (or only `output_keys` if given), keyed like the signature.
  // INVALID_ARGUMENT for an input key the signature lacks; NOT_FOUND for an
  // unknown signature or output key.
  StatusOr<std::map<std::string, Tensor>> RunSignature(
      const std::string& key, const std::map<std::string, Tensor>& inputs,
      const std::vector<std::string>& output_keys = {}) const;
};

// LoadSavedModel(export_dir, tags): reads saved_model.pb (else .pbtxt),
// picks the MetaGraphDef whose tag set equals `tags`, creates a session,
// feeds asset paths, restores variables through its SaverDef (when
// variables/variables.index exists) and runs the init op
// (__saved_model_init_op signature, else saved_model_main_op, else
// legacy_init_op). Errors: NOT_FOUND for a missing SavedModel file or no
// matching tag set (listing the available ones); DATA_LOSS for a corrupt
// file; restore and init errors as the session reports them.
StatusOr<std::unique_ptr<SavedModelBundle>> LoadSavedModel(
    const std::string& export_dir, const std::set<std::string>& tags,
    Env* env = nullptr);

// TensorInfo of a tensor built with b (name, dtype, static shape).
tensorflow::TensorInfo BuildTensorInfo(const GraphBuilder& b, const Output& t);
// A predict SignatureDef over named inputs and outputs.
tensorflow::SignatureDef PredictSignatureDef(
    const GraphBuilder& b, const std::map<std::string, Output>& inputs,
    const std::map<std::string, Output>& outputs);

struct SavedModelMetaGraphOptions {
  // Collections to export (variables, ...); nullable: the builder's variables.
  const Collections* collections = nullptr;
  // Op run after restoring (saved_model_main_op); nullable.
  const Node* main_op = nullptr;
  // String Consts holding paths of asset files to copy into assets/.
  std::vector<Output> assets;
  bool clear_devices = false;
  bool strip_default_attrs = false;
};

// SavedModelBuilder (TF1 saved_model.builder.SavedModelBuilder).
class SavedModelBuilder {
 public:
  // `env` nullptr = Env::Default(); it must be the sessions' Env.
  explicit SavedModelBuilder(std::string export_dir, Env* env = nullptr);

  // Saves the session's variables to variables/variables through a new
  // sharded V2 Saver added to b's graph (write_state and .meta off) and
  // adds the graph as a MetaGraphDef with `tags` and `signatures`.
  // FAILED_PRECONDITION if called twice or if export_dir already exists;
  // INVALID_ARGUMENT for a signature naming a tensor not in the graph.
  Status AddMetaGraphAndVariables(
      Session* session, GraphBuilder& b, const std::vector<std::string>& tags,
      const std::map<std::string, tensorflow::SignatureDef>& signatures,
      const SavedModelMetaGraphOptions& options = {});
  // Adds another MetaGraphDef sharing the saved variables.
  // FAILED_PRECONDITION before AddMetaGraphAndVariables.
  Status AddMetaGraph(
      GraphBuilder& b, const std::vector<std::string>& tags,
      const std::map<std::string, tensorflow::SignatureDef>& signatures,
      const SavedModelMetaGraphOptions& options = {});
  // Writes saved_model.pb (or .pbtxt) atomically.
  Status Save(bool as_text = false);

 private:
  StatusOr<tensorflow::MetaGraphDef> BuildMetaGraph(
      GraphBuilder& b, const std::vector<std::string>& tags,
      const std::map<std::string, tensorflow::SignatureDef>& signatures,
      const SavedModelMetaGraphOptions& options,
      const tensorflow::SaverDef* saver_def);
  Status CopyAssets(const std::vector<Output>& assets,
                    Collections* collections);

  std::string export_dir_;
  Env* env_;
  tensorflow::SavedModel saved_model_;
  bool has_saved_variables_ = false;
  tensorflow::SaverDef saver_def_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_SAVED_MODEL_H_
