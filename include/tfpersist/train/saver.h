// Saver: TF1's tf.train.Saver for graphs built or imported with tfpersist.
//
//   Graph graph;
//   GraphBuilder b(&graph);
//   RefVariable v1 = Variable(b, Tensor::FromVector<float>({1}), "v1");
//   ...
//   TFP_ASSIGN_OR_RETURN(auto saver, Saver::Create(b));   // adds save/ ops
//   TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph.ToGraphDef()));
//   ...run init...
//   TFP_ASSIGN_OR_RETURN(std::string path,
//                        saver->Save(session.get(), "out/model.ckpt"));
//   TFP_RETURN_IF_ERROR(saver->Restore(session.get(), path));
//
// Create() adds the save/restore subgraph TF 1.15 builds (spec
// meta-graph.md §4: save/Const, save/SaveV2, save/control_dependency,
// save/RestoreV2, save/Assign*, save/restore_all; sharded per §4.2) and
// records a SaverDef. Saving and restoring run the graph's own ops through
// the Session, feeding the filename tensor, so a Saver made FromSaverDef
// (e.g. by ImportMetaGraph) works on graphs written by TF, V2 or V1.
//
// Save is crash-safe: the bundle is published by atomic renames (index
// last), then the .meta (atomic), then the `checkpoint` state file (atomic),
// and only then are checkpoints beyond max_to_keep deleted (index first). A
// save killed at any point leaves earlier checkpoints intact and the state
// file naming only complete checkpoints.
//
// Ownership: the Graph (and Collections, if given) must outlive the Saver.
// Thread-safety: Save/Restore may not run concurrently on one Saver.
#ifndef TFPERSIST_TRAIN_SAVER_H_
#define TFPERSIST_TRAIN_SAVER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tensorflow/core/protobuf/saver.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/train/collections.h"

namespace tfpersist {

struct SaverOptions {
  // Variables to save, by op name ("v1" or "v1:0"); their keys are the op
  // names. Empty (and no var_map): every global variable.
  std::vector<std::string> var_list;
  // Checkpoint key -> variable op name, to save/restore under other names.
  std::map<std::string, std::string> var_map;
  // Checkpoints kept on disk (older ones are deleted); 0 keeps all and
  // records only the newest in the state file.
  int max_to_keep = 5;
  // Additionally keep one checkpoint every this many hours.
  float keep_checkpoint_every_n_hours = 10000.0f;
  // One SaveV2 per device and a MergeV2Checkpoints step (§4.2).
  bool sharded = false;
  // Name scope of the saver's ops ("save", then "save_1", ...).
  std::string name = "save";
  // Default value of the filename tensor.
  std::string filename = "model";
  // V2 (bundles: .index + .data-*) or V1 (one tensor-slice table per
  // shard; Save then returns the file or "P-?????-of-0000N" pattern).
  tensorflow::SaverDef::CheckpointFormatVersion write_version =
      tensorflow::SaverDef::V2;
  // Without variables: an empty Saver (Save/Restore do nothing) instead of
  // INVALID_ARGUMENT "No variables to save".
  bool allow_empty = false;
  // Write paths relative to the state file's directory.
  bool save_relative_paths = false;
  // "-00001000" instead of "-1000" step suffixes.
  bool pad_step_number = false;
  // File access for state files, .meta files and deletions; nullptr =
  // Env::Default(). Kernels use the Session's Env.
  Env* env = nullptr;
};

struct SaveOptions {
  // Appended to the prefix as "-<step>".
  std::optional<int64_t> global_step;
  // Alternatively, a tensor ("global_step:0") whose value is the step.
  std::string global_step_tensor;
  std::string latest_filename = "checkpoint";
  std::string meta_graph_suffix = "meta";
  bool write_meta_graph = true;
  bool write_state = true;
};

class Saver {
 public:
  // tf.train.Saver(...): adds the save/restore ops for the variables chosen
  // by options to b's graph. `collections` (nullable; if given it must
  // outlive the Saver) supplies the default variables and the collections
  // written into .meta files; without it, the builder's variables are used.
  // Errors: INVALID_ARGUMENT "No variables to save" (unless allow_empty),
  // for non-variable names and duplicate keys; NOT_FOUND for unknown names;
  // the builder's error if building fails.
  static StatusOr<std::unique_ptr<Saver>> Create(
      GraphBuilder& b, const SaverOptions& options = {},
      const Collections* collections = nullptr);

  // tf.train.Saver(saver_def=def): uses save/restore ops already in a graph.
  // `graph` and `collections` (nullable, must outlive the Saver) are what
  // Save writes as .meta; without a graph no .meta is written. Only
  // options.env, save_relative_paths and pad_step_number are used.
  // INVALID_ARGUMENT if def lacks a filename tensor or restore op.
  static StatusOr<std::unique_ptr<Saver>> FromSaverDef(
      const tensorflow::SaverDef& def, const Graph* graph,
      const Collections* collections, const SaverOptions& options = {});

  ~Saver();

  // Saves the variables to save_path[-step] and returns the checkpoint
  // prefix the save op reports. Writes <prefix>.index/.data-*, <prefix>.meta
  // and updates <dirname>/checkpoint, then applies max_to_keep.
  // Errors: from the save op (naming the node); INVALID_ARGUMENT when
  // save_path's basename equals latest_filename; Env errors naming files.
  StatusOr<std::string> Save(Session* session, const std::string& save_path,
                             const SaveOptions& options = {});
  StatusOr<std::string> Save(Session* session, const std::string& save_path,
                             int64_t global_step);

  // Runs the restore op feeding save_path; needs no initializer.
  // NOT_FOUND if no checkpoint exists at save_path, or "Key <k> not found in
  // checkpoint <p>"; INVALID_ARGUMENT naming the variable and both shapes
  // (or dtypes) when the graph does not match the checkpoint.
  Status Restore(Session* session, const std::string& save_path);

  const tensorflow::SaverDef& saver_def() const { return def_; }
  bool is_empty() const { return empty_; }
  // Checkpoint prefixes still on disk from this Saver's saves, oldest first.
  std::vector<std::string> last_checkpoints() const;
  // recover_last_checkpoints: adopts existing checkpoints (those whose files
  // exist) as if this Saver had written them.
  void RecoverLastCheckpoints(const std::vector<std::string>& paths);

 private:
  struct Checkpoint {
    std::string path;
    double time = 0;  // seconds since epoch
  };
  Saver(tensorflow::SaverDef def, const SaverOptions& options);
  Status SyncSessionGraph(Session* session) const;
  StatusOr<std::string> CheckpointFile(Session* session,
                                       const std::string& save_path,
                                       const SaveOptions& options) const;
  Status WriteMetaGraphFile(const std::string& checkpoint_file,
                            const SaveOptions& options) const;
  Status RecordAndUpdateState(const std::string& path, const std::string& dir,
                              const SaveOptions& options);
  void MaybeDeleteOldCheckpoints(const std::string& meta_graph_suffix);
  Status DiagnoseRestoreError(const Status& error, Session* session,
                              const std::string& save_path) const;
  double Now() const;

  tensorflow::SaverDef def_;
  bool empty_ = false;
  SaverOptions options_;
  Env* env_;
  const Graph* graph_ = nullptr;
  const Collections* collections_ = nullptr;
  std::unique_ptr<Collections> owned_collections_;
  std::vector<Checkpoint> last_checkpoints_;
  std::vector<Checkpoint> to_delete_;
  double next_keep_time_ = 0;
};

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_SAVER_H_
