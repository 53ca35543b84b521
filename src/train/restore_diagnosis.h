// Explaining a failed restore: which variable does not match the
// checkpoint. Internal to layer train.
//
// The (checkpoint key, variable) pairs are read from the restore subgraph
// itself (restore op -> NoOps -> Assign/AssignVariableOp <- Identity/Reshape
// <- RestoreV2/RestoreSlice/Restore with its Const names), so it works for
// savers built by TF as well as ours.
// Thread-safety: pure function over its arguments.
#ifndef TFPERSIST_TRAIN_RESTORE_DIAGNOSIS_H_
#define TFPERSIST_TRAIN_RESTORE_DIAGNOSIS_H_

#include <string>
#include <utility>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/status.h"

namespace tfpersist {

// (key, variable op name) restored by `restore_op`, in graph order.
std::vector<std::pair<std::string, std::string>> RestoredVariables(
    const tensorflow::GraphDef& graph, const std::string& restore_op);

// The first mismatch between the restored variables and the checkpoint at
// save_path: NOT_FOUND "Key <k> not found in checkpoint <p> (variable 'v')",
// or INVALID_ARGUMENT naming the variable and both dtypes or shapes. OK when
// none is found (or the checkpoint cannot be read).
Status ExplainRestoreMismatch(Env* env, const tensorflow::GraphDef& graph,
                              const std::string& restore_op,
                              const std::string& save_path);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_RESTORE_DIAGNOSIS_H_
