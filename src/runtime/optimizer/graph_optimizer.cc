#include "runtime/optimizer/graph_optimizer.h"

#include "runtime/optimizer/passes.h"

namespace tfpersist {

StatusOr<tensorflow::GraphDef> OptimizeGraph(
    const tensorflow::GraphDef& graph, const GraphOptimizerOptions& options) {
  tensorflow::GraphDef g = graph;
  const optimizer::Preserve& keep = options.preserve;
  if (options.constant_folding) {
    TFP_RETURN_IF_ERROR(optimizer::FoldConstants(&g, keep).status());
  }
  if (options.remove_identity) {
    TFP_RETURN_IF_ERROR(optimizer::RemoveIdentityAndNoOp(&g, keep).status());
  }
  if (options.fold_scales) {
    // BatchNorm, then a Mul / Add it exposes, ... until nothing changes.
    for (int round = 0; round < 8; ++round) {
      TFP_ASSIGN_OR_RETURN(int n, optimizer::FoldScalesIntoWeights(&g, keep));
      if (n == 0) break;
      if (options.remove_identity) {
        TFP_RETURN_IF_ERROR(
            optimizer::RemoveIdentityAndNoOp(&g, keep).status());
      }
    }
  }
  if (options.fuse_contractions) {
    TFP_RETURN_IF_ERROR(optimizer::FuseContractions(&g, keep).status());
  }
  optimizer::RemoveDeadConsts(&g, keep);
  return g;
}

}  // namespace tfpersist
