// Session-creation graph optimization (cf. TensorFlow's Grappler, reduced
// to what CPU inference needs). DirectSession runs it on the GraphDef of
// each (feeds, fetches, targets) signature before building its ExecPlan;
// the session's graph_def() stays the caller's graph.
//
// Passes, in order (each file states its rules):
//   1. constant folding: stateless nodes whose inputs are all Consts are
//      evaluated once and replaced by a Const (constant_folding.cc);
//   2. Identity / NoOp removal (remove_identity.cc);
//   3. folding of inference FusedBatchNorm* and of Mul / Add by constants
//      into the preceding Conv2D / DepthwiseConv2dNative / MatMul weights
//      and bias (fold_scale.cc);
//   4. fusion of Conv2D / DepthwiseConv2dNative / MatMul + BiasAdd
//      [+ Relu / Relu6 / Elu / LeakyRelu] into one _Fused* node
//      (fuse_contraction.cc), whose kernel packs the const weights once.
// Nodes named in `preserve` (fed, fetched or targeted) keep their name and
// outputs: they are never removed or fused away (a fused node takes the
// name of the last node of its pattern, as TF's remapper does), so a fetch
// of an intermediate inside a would-be pattern still works. Rewrites that
// change the arithmetic (folding scales into weights) agree with the
// unoptimized graph to float rounding (1e-5 relative); the others are exact.
//
// Thread-safety: pure function of its arguments.
#ifndef TFPERSIST_RUNTIME_OPTIMIZER_GRAPH_OPTIMIZER_H_
#define TFPERSIST_RUNTIME_OPTIMIZER_GRAPH_OPTIMIZER_H_

#include <set>
#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

struct GraphOptimizerOptions {
  std::set<std::string> preserve;  // node names
  bool constant_folding = true;
  bool remove_identity = true;
  bool fold_scales = true;
  bool fuse_contractions = true;
};

// The optimized copy of `graph`. An error means a pass met something it
// cannot handle; callers then run the graph as given.
StatusOr<tensorflow::GraphDef> OptimizeGraph(
    const tensorflow::GraphDef& graph, const GraphOptimizerOptions& options);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_OPTIMIZER_GRAPH_OPTIMIZER_H_
