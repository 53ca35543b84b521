// Restoring TF2 object-based checkpoints into graph variables by object
// path: the checkpoint's object graph (io/object_graph.h) names the key of
// each path, which becomes a Saver var_map entry.
//
//   TFP_ASSIGN_OR_RETURN(auto reader, CheckpointReader::Open(env, prefix));
//   TFP_ASSIGN_OR_RETURN(auto var_map, ObjectPathVarMap(*reader,
//       {{"model/layer-1/kernel", "dense/kernel"}}));
//   SaverOptions o;  o.var_map = var_map;
//   TFP_ASSIGN_OR_RETURN(auto saver, Saver::Create(b, o));
//   TFP_RETURN_IF_ERROR(saver->Restore(session.get(), prefix));
//
// Thread-safety: pure function.
#ifndef TFPERSIST_TRAIN_OBJECT_CHECKPOINT_H_
#define TFPERSIST_TRAIN_OBJECT_CHECKPOINT_H_

#include <map>
#include <string>

#include "tfpersist/base/statusor.h"
#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {

// Checkpoint key -> variable op name for each (object path -> variable op
// name) entry. NOT_FOUND naming the object path (and up to 3 paths of the
// checkpoint that share its last component) when the object graph has no
// such path; the object graph's errors (NOT_FOUND for a TF1 checkpoint).
StatusOr<std::map<std::string, std::string>> ObjectPathVarMap(
    const CheckpointReader& reader,
    const std::map<std::string, std::string>& object_path_to_variable);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_OBJECT_CHECKPOINT_H_
