// TF2 object-based checkpoints (tf.train.Checkpoint, Keras, SavedModel
// variables/): the `_CHECKPOINTABLE_OBJECT_GRAPH` entry, a serialized
// tensorflow.TrackableObjectGraph mapping object paths to checkpoint keys
// (spec checkpoint-v2.md §8, meta-graph.md §5.4).
//
//   TFP_ASSIGN_OR_RETURN(auto reader, CheckpointReader::Open(env, prefix));
//   TFP_ASSIGN_OR_RETURN(auto graph, ReadObjectGraph(*reader));
//   TFP_ASSIGN_OR_RETURN(auto tensors, ListObjectGraphTensors(graph));
//   // tensors[i].object_path "layer_with_weights-0/kernel",
//   //            .checkpoint_key "layer_with_weights-0/kernel/.ATTRIBUTES/..."
//
// Writing: WriteObjectCheckpoint writes what tf.train.Checkpoint(...).write
// writes for a tree of variables (keys "<path>/.ATTRIBUTES/VARIABLE_VALUE",
// the object graph with nodes numbered breadth-first from the root);
// SaveObjectCheckpoint adds tf.train.CheckpointManager's numbering
// ("<dir>/ckpt-<n>"), save_counter and `checkpoint` state file.
//
// Object paths are local names joined by '/', each escaped as TF escapes
// them in keys ('.' -> "..", '/' -> ".S").
// Thread-safety: pure functions / independent calls.
#ifndef TFPERSIST_IO_OBJECT_GRAPH_H_
#define TFPERSIST_IO_OBJECT_GRAPH_H_

#include <string>
#include <vector>

#include "tensorflow/core/protobuf/trackable_object_graph.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {

inline constexpr char kObjectGraphProtoKey[] = "_CHECKPOINTABLE_OBJECT_GRAPH";

// '.' -> "..", '/' -> ".S" (TF's _escape_local_name).
std::string EscapeLocalName(const std::string& name);

// The parsed object graph of a checkpoint. NOT_FOUND "<prefix> has no
// _CHECKPOINTABLE_OBJECT_GRAPH entry (not an object-based checkpoint)";
// DATA_LOSS when the entry is not a scalar string holding a valid proto.
StatusOr<tensorflow::TrackableObjectGraph> ReadObjectGraph(
    const CheckpointReader& reader);

// One saved tensor of the object graph.
struct ObjectGraphTensor {
  int node_id = 0;
  std::string object_path;  // "" for the root object
  std::string attribute;    // "VARIABLE_VALUE"
  std::string checkpoint_key;
  std::string full_name;  // the variable's name when saved ("dense/kernel")
  // For an optimizer slot: the slotted variable's path and the slot name.
  std::string slot_of;
  std::string slot_name;
};

// Every attribute of every node, in node order. Paths come from a
// breadth-first walk from node 0 (first path found wins); slot variables
// not reachable as children get "<variable>/.OPTIMIZER_SLOT/<optimizer>/
// <slot>". INVALID_ARGUMENT for a child or slot reference to a node id out
// of range; nodes unreachable from the root keep an empty path.
StatusOr<std::vector<ObjectGraphTensor>> ListObjectGraphTensors(
    const tensorflow::TrackableObjectGraph& graph);

// A variable to write: its object path (local names joined by '/') and
// value; full_name defaults to the path.
struct ObjectCheckpointVariable {
  std::string object_path;
  Tensor value;
  std::string full_name;
};

// The TrackableObjectGraph of a tree of variables: root = node 0, then
// breadth-first, children in first-mention order. INVALID_ARGUMENT for an
// empty path or component, or a path that is both a variable and a parent.
StatusOr<tensorflow::TrackableObjectGraph> BuildObjectGraph(
    const std::vector<ObjectCheckpointVariable>& variables);

// Writes <prefix>.index/.data-00000-of-00001 with each variable under
// "<escaped path>/.ATTRIBUTES/VARIABLE_VALUE" and the object graph.
Status WriteObjectCheckpoint(
    Env* env, const std::string& prefix,
    const std::vector<ObjectCheckpointVariable>& variables);

// tf.train.CheckpointManager(tf.train.Checkpoint(...), dir, max_to_keep)
// .save(): writes <dir>/ckpt-<n> (n = 1 + the newest number in the state
// file) with an int64 save_counter = n, updates <dir>/checkpoint with
// relative paths and timestamps, and deletes checkpoints beyond
// max_to_keep (0 = keep all). Returns the prefix written.
StatusOr<std::string> SaveObjectCheckpoint(
    Env* env, const std::string& dir,
    std::vector<ObjectCheckpointVariable> variables, int max_to_keep = 5);

}  // namespace tfpersist

#endif  // TFPERSIST_IO_OBJECT_GRAPH_H_
