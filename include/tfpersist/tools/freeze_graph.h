// FreezeGraph: TF's tools/freeze_graph.py (spec freeze-and-import.md §4):
// load a graph, restore its variables from a checkpoint, convert them to
// constants (ConvertVariablesToConstants) and write the frozen GraphDef.
//
//   FreezeGraphOptions o;
//   o.input_meta_graph = "model.ckpt-1999.meta";
//   o.input_checkpoint = "model.ckpt-1999";
//   o.output_node_names = {"softmax_linear/add"};
//   o.output_graph = "frozen.pb";
//   TFP_ASSIGN_OR_RETURN(tensorflow::GraphDef frozen, FreezeGraph(o));
//
// Thread-safety: reentrant (each call has its own Session).
#ifndef TFPERSIST_TOOLS_FREEZE_GRAPH_H_
#define TFPERSIST_TOOLS_FREEZE_GRAPH_H_

#include <optional>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/protobuf/saver.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {

struct FreezeGraphOptions {
  // The graph, from one of (checked in this order):
  std::string input_saved_model_dir;  // + saved_model_tags; restores itself
  std::vector<std::string> saved_model_tags = {"serve"};
  // With input_saved_model_dir and no output_node_names (or a signature
  // given): TF2 freezing of this signature (FreezeSavedModel,
  // freeze_saved_model.h), "" = serving_default.
  std::string signature_def;
  bool lower_control_flow = true;  // as FreezeSavedModelOptions
  std::string input_meta_graph;  // a .meta MetaGraphDef (restores with its
                                 // saver_def)
  std::string input_graph;       // a GraphDef file
  // true: input files are binary protos; false: binary, else text format
  // (TF reads text only; we also accept binary so .meta/.pb just work).
  bool input_binary = false;
  // A SaverDef file to restore with (else the meta graph's saver_def, else
  // a Saver over every checkpoint key that names a "key:0" tensor).
  std::string input_saver;
  std::string input_checkpoint;  // V2 prefix or V1 file
  std::vector<std::string> output_node_names;
  std::string output_graph;   // written when non-empty (binary, or text for
                              // *.pbtxt)
  bool clear_devices = true;  // blank every NodeDef device
  std::vector<std::string> initializer_nodes;  // run after restoring
  std::optional<std::vector<std::string>> variable_names_whitelist;
  std::optional<std::vector<std::string>> variable_names_blacklist;
  // Apply FixTrainingOps (graph_util.h) to the frozen graph, protecting the
  // output nodes: training-mode batch norm and similar graphs then run.
  bool fix_training_ops = false;
  Env* env = nullptr;  // nullptr = Env::Default()
};

// Runs freeze_graph. As TF, the session holds the whole input graph (with
// a meta graph's stripped_op_list as extra OpDefs), so resource variables
// are read through their "<v>/Read/ReadVariableOp" nodes even though those
// lie outside the outputs' subgraph; when the whole graph does not import
// (an op without any OpDef), only the nodes the freeze runs are loaded.
// Errors: INVALID_ARGUMENT for no output node names or no
// input graph; NOT_FOUND "Input checkpoint '<p>' doesn't exist!" (no
// checkpoint files), or for missing graph files; DATA_LOSS for unparsable
// graph files; then the restore's and ConvertVariablesToConstants' errors
// with context.
StatusOr<tensorflow::GraphDef> FreezeGraph(const FreezeGraphOptions& options);

// What Saver.restore does with a SaverDef: runs saver_def.restore_op_name
// feeding saver_def.filename_tensor_name with `checkpoint_prefix`.
// Errors name the checkpoint.
Status RestoreWithSaverDef(Session* session,
                           const tensorflow::SaverDef& saver_def,
                           const std::string& checkpoint_prefix);

// "a, b,c" -> {"a", "b", "c"} (spaces removed, empty items dropped), as
// freeze_graph splits its comma-list flags.
std::vector<std::string> SplitCommaList(const std::string& text);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_FREEZE_GRAPH_H_
