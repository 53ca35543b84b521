// Restoring variables of a running Session straight from a checkpoint, for
// freeze_graph when there is no SaverDef (TF builds a fresh
// Saver(var_list={key: "key:0" tensor})).
#ifndef TFPERSIST_TOOLS_CHECKPOINT_RESTORE_H_
#define TFPERSIST_TOOLS_CHECKPOINT_RESTORE_H_

#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {

// For every checkpoint key naming a variable node of `graph_def`
// (VariableV2/Variable: Assign; VarHandleOp: AssignVariableOp), assigns the
// checkpoint's value in `session`. The assign nodes (and Placeholders
// carrying the values) are added with Session::Extend under a fresh
// "freeze_restore" scope. Errors: the checkpoint reader's (NOT_FOUND,
// DATA_LOSS); NOT_FOUND when no key names a variable of the graph
// ("No variables to restore"); the session's, with context.
Status RestoreVariablesFromCheckpoint(Session* session,
                                      const tensorflow::GraphDef& graph_def,
                                      const std::string& checkpoint, Env* env);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_CHECKPOINT_RESTORE_H_
