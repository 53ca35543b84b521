// tf.train.get_or_create_global_step for graphs built with GraphBuilder.
// Thread-safety: as GraphBuilder (one thread).
#ifndef TFPERSIST_TRAIN_TRAINING_UTIL_H_
#define TFPERSIST_TRAIN_TRAINING_UTIL_H_

#include "tfpersist/graph/builder.h"
#include "tfpersist/train/collections.h"

namespace tfpersist {

// The global step: the variable listed in collection "global_step", else a
// new one built as TF 1.15's get_variable("global_step", shape=[],
// dtype=int64, initializer=zeros, trainable=False) does:
//   global_step/Initializer/zeros  Const 0 (int64), colocated with the var
//   global_step                    VariableV2 int64 []
//   global_step/Assign, global_step/read
// added to b's variables and to collections "variables" and "global_step"
// (VariableDef aggregation ONLY_FIRST_REPLICA). Save it with
// SaveOptions::global_step_tensor = "global_step".
// Errors: the builder's; INVALID_ARGUMENT if the collection names nodes
// that are missing or is not a VariableDef list.
StatusOr<RefVariable> GetOrCreateGlobalStep(GraphBuilder& b,
                                            Collections* collections);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_TRAINING_UTIL_H_
