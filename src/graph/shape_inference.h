// Shape inference over PartialTensorShape (a simplified form of TF's
// shape_inference::InferenceContext: dimensions are plain int64 values with
// -1 for unknown, no symbolic dimension handles).
//
// A shape function (OpRegistration::shape_fn) reads the node's attrs, its
// input shapes and, when known, the values of constant inputs, and calls
// set_output for each output. Outputs it leaves unset are unknown.
//
//   Status ExpandDimsShape(InferenceContext* c) {
//     TFP_ASSIGN_OR_RETURN(std::optional<int64_t> dim, c->GetScalarInput(1));
//     ...
//     c->set_output(0, out);
//     return OkStatus();
//   }
//
// Errors are INVALID_ARGUMENT; InferOutputShapes prefixes them with the node
// ("Node 'x' (op Reshape): Cannot reshape a tensor with 6 elements ...").
// Thread-safety: an InferenceContext is used by one thread.
#ifndef TFPERSIST_GRAPH_SHAPE_INFERENCE_H_
#define TFPERSIST_GRAPH_SHAPE_INFERENCE_H_

#include <optional>
#include <vector>

#include "graph/op_registry.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

class InferenceContext {
 public:
  // `node` must outlive the context. input_tensors is empty or has one entry
  // per input; an entry is nullptr when the value is not known. Tensors are
  // not owned and must outlive the context.
  InferenceContext(const tensorflow::NodeDef& node,
                   std::vector<PartialTensorShape> input_shapes,
                   std::vector<const Tensor*> input_tensors, int num_outputs);

  const tensorflow::NodeDef& node_def() const { return *node_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  // REQUIRES: 0 <= i < num_inputs().
  const PartialTensorShape& input(int i) const { return inputs_[i]; }
  // The constant value of input i, or nullptr if unknown.
  const Tensor* input_tensor(int i) const;
  // REQUIRES: 0 <= i < num_outputs().
  void set_output(int i, PartialTensorShape shape);
  const PartialTensorShape& output(int i) const { return outputs_[i]; }
  const std::vector<PartialTensorShape>& outputs() const { return outputs_; }
  // The producer version of the graph holding the node (legacy shape rules
  // for old graphs, e.g. Placeholder before version 22).
  int graph_def_version() const { return graph_def_version_; }
  void set_graph_def_version(int version) { graph_def_version_ = version; }

  // Checks `shape` has `rank` (or at least / at most it); an unknown rank
  // becomes `rank` unknown dims for WithRank. INVALID_ARGUMENT "Shape must be
  // rank 2 but is rank 1" otherwise.
  static Status WithRank(const PartialTensorShape& shape, int rank,
                         PartialTensorShape* out);
  static Status WithRankAtLeast(const PartialTensorShape& shape, int rank);
  static Status WithRankAtMost(const PartialTensorShape& shape, int rank);
  // Merges two dims / shapes (unknown takes the known value); INVALID_ARGUMENT
  // "Dimensions must be equal, but are 2 and 3" on a conflict.
  static Status MergeDim(int64_t a, int64_t b, int64_t* out);
  static Status Merge(const PartialTensorShape& a, const PartialTensorShape& b,
                      PartialTensorShape* out);

  // The shape described by the 1-D int32/int64 tensor at input i (entries
  // -1 = unknown dim). When the value is unknown: unknown dims of the rank
  // given by the input's static length, or unknown rank.
  Status MakeShapeFromShapeTensor(int input_index,
                                  PartialTensorShape* out) const;
  // The value of a scalar (or 1-element) int32/int64 constant input, or
  // nullopt when unknown.
  StatusOr<std::optional<int64_t>> GetScalarInput(int input_index) const;
  // The values of a 1-D int32/int64 constant input, or nullopt.
  StatusOr<std::optional<std::vector<int64_t>>> GetIntVectorInput(
      int input_index) const;

 private:
  const tensorflow::NodeDef* node_;
  std::vector<PartialTensorShape> inputs_;
  std::vector<const Tensor*> input_tensors_;
  std::vector<PartialTensorShape> outputs_;
  int graph_def_version_ = 1000000;  // "current" unless the caller says
};

// Runs registration.shape_fn for `node` (after computing its output count
// from the OpDef); outputs get unknown shapes when there is no shape fn.
// Errors name the node.
StatusOr<std::vector<PartialTensorShape>> InferOutputShapes(
    const OpRegistration& registration, const tensorflow::NodeDef& node,
    std::vector<PartialTensorShape> input_shapes,
    std::vector<const Tensor*> input_tensors = {},
    int graph_def_version = 1000000);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_SHAPE_INFERENCE_H_
