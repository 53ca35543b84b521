// Shape functions shared by several op families (cf. TF's
// common_shape_fns.h). Each is a ShapeFn: pass it to OpDefBuilder::SetShapeFn.
#ifndef TFPERSIST_GRAPH_COMMON_SHAPE_FNS_H_
#define TFPERSIST_GRAPH_COMMON_SHAPE_FNS_H_

#include "graph/shape_inference.h"

namespace tfpersist {

// Output 0 has the shape of input 0 (Identity, Relu, Assign, ...).
Status UnchangedShape(InferenceContext* c);
// Every output is a scalar.
Status ScalarShape(InferenceContext* c);
// Every output has unknown shape.
Status UnknownShape(InferenceContext* c);
// No outputs (NoOp, SaveV2, ...): nothing to do.
Status NoOutputs(InferenceContext* c);
// NumPy broadcasting of inputs 0 and 1 into output 0 (Add, Mul, ...).
// INVALID_ARGUMENT "Incompatible shapes: [2,3] vs. [4]".
Status BroadcastBinaryOpShape(InferenceContext* c);
// Broadcast of two static shapes (helper for the above and for kernels).
Status BroadcastShapes(const PartialTensorShape& a, const PartialTensorShape& b,
                       PartialTensorShape* out);
// MatMul with attrs transpose_a / transpose_b.
Status MatMulShape(InferenceContext* c);
// Output 0 has the shape of attr `shape` (VariableV2, Placeholder).
Status ExplicitShape(InferenceContext* c);
// Output 0 is the merge of inputs 0 and 1 (AssignAdd); INVALID_ARGUMENT if
// they are incompatible.
Status MergeBothInputsShape(InferenceContext* c);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_COMMON_SHAPE_FNS_H_
