// Collections: TF1's graph collections (tf.add_to_collection), kept beside
// a Graph and written into a MetaGraphDef's collection_def (spec
// meta-graph.md §3). A Graph has no collections (graph/graph.h); the train
// layer keeps them here, keyed by the names TF uses (GraphKeys).
//
//   Collections c;
//   c.AddVariables(GlobalVariables(b));   // variables, trainable_variables
//   c.AddNodeName(GraphKeys::kTrainOp, "GradientDescent");
//
// Variable collections hold serialized VariableDefs (bytes_list), as TF
// writes them; node collections hold op or tensor names (node_list).
// Thread-safety: not thread-safe; const methods may run concurrently.
#ifndef TFPERSIST_TRAIN_COLLECTIONS_H_
#define TFPERSIST_TRAIN_COLLECTIONS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/variable.pb.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/graph/builder.h"

namespace tfpersist {

// TF's ops.GraphKeys names.
struct GraphKeys {
  static constexpr const char* kGlobalVariables = "variables";
  static constexpr const char* kTrainableVariables = "trainable_variables";
  static constexpr const char* kLocalVariables = "local_variables";
  static constexpr const char* kModelVariables = "model_variables";
  static constexpr const char* kMovingAverageVariables =
      "moving_average_variables";
  static constexpr const char* kGlobalStep = "global_step";
  static constexpr const char* kTrainOp = "train_op";
  static constexpr const char* kSavers = "savers";
  static constexpr const char* kSavedModelMainOp = "saved_model_main_op";
  static constexpr const char* kLegacyInitOp = "legacy_init_op";
  static constexpr const char* kSavedModelAssets = "saved_model_assets";
  static constexpr const char* kAssetFilepaths = "asset_filepaths";
  // True for the collections whose items are VariableDefs.
  static bool IsVariableCollection(std::string_view key);
};

// The VariableDef TF1 writes for a RefVariable: "v:0", "v/Assign",
// "v/read:0", the initial value's tensor name, trainable.
tensorflow::VariableDef ToVariableDef(const RefVariable& v);

class Collections {
 public:
  Collections() = default;
  explicit Collections(std::map<std::string, tensorflow::CollectionDef> defs)
      : defs_(std::move(defs)) {}

  // Adds v to "variables" and, if v.trainable, to "trainable_variables";
  // a variable already listed (same variable_name) is not added twice.
  void AddVariable(const RefVariable& v);
  void AddVariables(const std::vector<RefVariable>& vars);
  // Adds `def` to the VariableDef collection `key` (once per name).
  void AddVariableDef(std::string_view key, const tensorflow::VariableDef& def);
  // Appends a node or tensor name to the node_list collection `key`.
  void AddNodeName(std::string_view key, std::string_view name);

  bool Has(std::string_view key) const { return defs_.count(std::string(key)); }
  // The VariableDefs of `key` (empty if absent). INVALID_ARGUMENT naming the
  // collection if it is not a bytes_list of VariableDefs.
  StatusOr<std::vector<tensorflow::VariableDef>> GetVariableDefs(
      std::string_view key) const;
  // Op names of the variables of `key` ("v" for "v:0"), in order.
  StatusOr<std::vector<std::string>> GetVariableNames(
      std::string_view key) const;
  // The names in node_list collection `key` (empty if absent).
  std::vector<std::string> GetNodeNames(std::string_view key) const;

  const std::map<std::string, tensorflow::CollectionDef>& defs() const {
    return defs_;
  }
  std::map<std::string, tensorflow::CollectionDef>* mutable_defs() {
    return &defs_;
  }

 private:
  std::map<std::string, tensorflow::CollectionDef> defs_;
};

// "v:0" -> "v"; "v" stays "v".
std::string OpNameOf(std::string_view tensor_name);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_COLLECTIONS_H_
