// Building the save/restore subgraph of a tf.train.Saver (TF 1.15's
// BulkSaverBuilder; spec meta-graph.md §4). Internal to layer train.
//
// Non-sharded V2 (scope "save"):
//   save/filename/input  Const "model"
//   save/filename        PlaceholderWithDefault(save/filename/input)
//   save/Const           PlaceholderWithDefault(save/filename)  <- filename
//   save/SaveV2          SaveV2(save/Const, names, slices, vars...)
//   save/control_dependency  Identity(save/Const, ^save/SaveV2)  <- save tensor
//   save/RestoreV2       RestoreV2(save/Const, names, slices) on CPU:0
//   save/Assign[_k]      Assign(var_k, save/RestoreV2:k)
//   save/restore_all     NoOp(^save/Assign*)                   <- restore op
// Sharded V2 adds StringJoin (temp prefix), ShardedFilename, one SaveV2 per
// device, Pack + MergeV2Checkpoints and save/Identity (§4.2). V1 savers
// write with SaveSlices "save/save" (sharded: per-device ShardedFilename and
// a ShardedFilespec save tensor) and restore with RestoreV2, whose V1
// fallback reads the files (TF's BulkSaverBuilder).
// Thread-safety: as GraphBuilder (one thread).
#ifndef TFPERSIST_TRAIN_SAVER_BUILDER_H_
#define TFPERSIST_TRAIN_SAVER_BUILDER_H_

#include <map>
#include <string>
#include <vector>

#include "tensorflow/core/protobuf/saver.pb.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/train/collections.h"

namespace tfpersist {

// One tensor a Saver saves: checkpoint key, the variable node and its
// shape-and-slice spec ("" for a whole variable).
struct SaveableVariable {
  std::string key;
  Node* var = nullptr;
  std::string slice_spec;
};

struct SaverBuildOptions {
  std::string name = "save";
  std::string filename = "model";
  bool sharded = false;
  tensorflow::SaverDef::CheckpointFormatVersion version =
      tensorflow::SaverDef::V2;
  int max_to_keep = 5;
  float keep_checkpoint_every_n_hours = 10000.0f;
};

// The variables a Saver covers, sorted by key. `var_list` (variable op
// names) or `var_map` (key -> op name) may be given, not both; neither
// means every global variable: collection "variables" when `collections`
// has it, else the builder's variables, else every variable op of the graph.
// Errors: NOT_FOUND for an unknown name; INVALID_ARGUMENT for a node that is
// not a variable, a variable saved under two keys or a key used twice.
StatusOr<std::vector<SaveableVariable>> ResolveSaveables(
    const GraphBuilder& b, const std::vector<std::string>& var_list,
    const std::map<std::string, std::string>& var_map,
    const Collections* collections);

// Adds the subgraph for `saveables` (sorted by key, non-empty) and returns
// its SaverDef. Errors: the builder's (sticky) status; INVALID_ARGUMENT for
// a LEGACY version. Resource variables (VarHandleOp) are read through
// save/Read[_k]/ReadVariableOp + two Identities and restored through
// save/Identity_k + save/AssignVariableOp[_k], as TF1 does (§4.1).
StatusOr<tensorflow::SaverDef> BuildSaverGraph(
    GraphBuilder& b, const std::vector<SaveableVariable>& saveables,
    const SaverBuildOptions& options);

// "/job:w/task:1/device:GPU:0" -> "/job:w/task:1/device:CPU:0"; "" ->
// "/device:CPU:0" (TF's saveable_object_util.set_cpu0).
std::string SetCpu0(const std::string& device);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_SAVER_BUILDER_H_
