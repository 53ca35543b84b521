// The `checkpoint` state file that TensorFlow's Saver / CheckpointManager
// keep next to checkpoints (docs/formats/checkpoint_state.md, spec
// checkpoint-state.md): a text-format tensorflow.CheckpointState naming the
// latest checkpoint prefix and the retained ones.
//
// Path rules (as TF's checkpoint_management.py):
//  * reading: a relative path in the file is joined onto the directory that
//    holds the file; an absolute path is kept as written;
//  * writing: if save_dir is relative, relative paths are rewritten relative
//    to save_dir; with save_relative_paths absolute paths are made relative
//    to save_dir first; otherwise paths are written as given.
//
// Thread-safety: all functions may be called concurrently; concurrent
// writers of the same state file leave one of the versions (atomic rename).
#ifndef TFPERSIST_IO_CHECKPOINT_STATE_H_
#define TFPERSIST_IO_CHECKPOINT_STATE_H_

#include <string>
#include <vector>

#include "tfpersist/base/env.h"
#include "tfpersist/base/status.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

inline constexpr char kDefaultLatestFilename[] = "checkpoint";

// Mirror of tensorflow.CheckpointState (checkpoint_state.proto).
struct CheckpointState {
  // Prefix of the newest checkpoint (no ".index").
  std::string model_checkpoint_path;
  // Prefixes of all retained checkpoints, oldest first.
  std::vector<std::string> all_model_checkpoint_paths;
  // Seconds since the epoch, parallel to all_model_checkpoint_paths; empty
  // unless written by a CheckpointManager.
  std::vector<double> all_model_checkpoint_timestamps;
  // 0 when unset (proto3 default).
  double last_preserved_timestamp = 0;

  friend bool operator==(const CheckpointState&,
                         const CheckpointState&) = default;
};

// Reads <dir>/<latest_filename>, with relative paths joined onto dir.
// Errors: NOT_FOUND if the file does not exist; DATA_LOSS naming the file
// if it is not a valid text-format CheckpointState or has an empty
// model_checkpoint_path; other Env errors as returned.
StatusOr<CheckpointState> GetCheckpointState(
    Env* env, const std::string& dir,
    const std::string& latest_filename = kDefaultLatestFilename);

struct UpdateCheckpointStateOptions {
  // Name of the state file inside save_dir; must not contain '/'.
  std::string latest_filename = kDefaultLatestFilename;
  // Make absolute paths relative to save_dir (TF2 CheckpointManager).
  bool save_relative_paths = false;
  // Empty, or one per path (after model_checkpoint_path is appended).
  std::vector<double> all_model_checkpoint_timestamps;
  double last_preserved_timestamp = 0;
};

// Writes <save_dir>/<latest_filename> atomically (temp file + rename) in
// exactly the text Python's text_format.MessageToString produces.
// model_checkpoint_path is appended to all_model_checkpoint_paths unless it
// is already the last element. Does not create save_dir.
// Errors: INVALID_ARGUMENT for a latest_filename with '/', timestamps whose
// count differs from the paths', or a checkpoint path equal to the state
// file's own path; Env errors as returned.
Status UpdateCheckpointStateFile(
    Env* env, const std::string& save_dir,
    const std::string& model_checkpoint_path,
    std::vector<std::string> all_model_checkpoint_paths,
    const UpdateCheckpointStateOptions& options = {});

// The prefix of the newest checkpoint in dir according to its state file,
// if "<prefix>.index" (V2) or "<prefix>" (V1, may be a glob) exists. When the
// state file holds an absolute path from another machine that does not
// exist here, the same basename inside dir is tried. NOT_FOUND when there is
// no state file or no existing checkpoint; DATA_LOSS for a corrupt state
// file.
StatusOr<std::string> LatestCheckpoint(
    Env* env, const std::string& dir,
    const std::string& latest_filename = kDefaultLatestFilename);

// True if "<prefix>.index" or "<prefix>" matches at least one file (globs
// allowed in the last component, as TF's checkpoint_exists).
bool CheckpointExists(Env* env, const std::string& prefix);

}  // namespace tfpersist

#endif  // TFPERSIST_IO_CHECKPOINT_STATE_H_
