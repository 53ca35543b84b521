// The optimizer passes (graph_optimizer.h lists them and their order).
// Each rewrites `graph` in place, never touching nodes in `preserve`
// beyond keeping their name and outputs; each returns the number of
// rewrites it made.
#ifndef TFPERSIST_RUNTIME_OPTIMIZER_PASSES_H_
#define TFPERSIST_RUNTIME_OPTIMIZER_PASSES_H_

#include <set>
#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist::optimizer {

using Preserve = std::set<std::string>;

StatusOr<int> FoldConstants(tensorflow::GraphDef* graph,
                            const Preserve& preserve);
StatusOr<int> RemoveIdentityAndNoOp(tensorflow::GraphDef* graph,
                                    const Preserve& preserve);
StatusOr<int> FoldScalesIntoWeights(tensorflow::GraphDef* graph,
                                    const Preserve& preserve);
StatusOr<int> FuseContractions(tensorflow::GraphDef* graph,
                               const Preserve& preserve);
// Removes Consts nothing consumes (left behind by the other passes).
int RemoveDeadConsts(tensorflow::GraphDef* graph, const Preserve& preserve);

}  // namespace tfpersist::optimizer

#endif  // TFPERSIST_RUNTIME_OPTIMIZER_PASSES_H_
