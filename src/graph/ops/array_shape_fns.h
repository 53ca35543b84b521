// Shape functions of the array ops (array_ops.cc). Semantics follow TF's
// registrations; where a value needed for an exact shape is not constant,
// the result keeps what is known (rank, some dims) or is unknown.
#ifndef TFPERSIST_GRAPH_OPS_ARRAY_SHAPE_FNS_H_
#define TFPERSIST_GRAPH_OPS_ARRAY_SHAPE_FNS_H_

#include "graph/shape_inference.h"

namespace tfpersist {

Status ConstShape(InferenceContext* c);
// Unknown for a rank-0 shape attr when graph_def_version <= 21 (legacy).
Status PlaceholderShape(InferenceContext* c);
Status PlaceholderWithDefaultShape(InferenceContext* c);
Status IdentityNShape(InferenceContext* c);
// Reshape with at most one -1, inferred from the input's element count.
Status ReshapeShape(InferenceContext* c);
// Shape and ShapeN: [rank] per input.
Status ShapeShape(InferenceContext* c);
Status FillShape(InferenceContext* c);
Status ExpandDimsShape(InferenceContext* c);
Status SqueezeShape(InferenceContext* c);
Status PackShape(InferenceContext* c);
Status UnpackShape(InferenceContext* c);
Status ConcatV2Shape(InferenceContext* c);
Status ConcatShape(InferenceContext* c);
Status SliceShape(InferenceContext* c);
Status StridedSliceShape(InferenceContext* c);
Status TransposeShape(InferenceContext* c);
Status TileShape(InferenceContext* c);
Status GatherShape(InferenceContext* c);
Status GatherV2Shape(InferenceContext* c);
Status WhereShape(InferenceContext* c);
Status OneHotShape(InferenceContext* c);
Status RangeShape(InferenceContext* c);
// Two vectors of unknown length (gradient reduction indices).
Status BroadcastGradientArgsShape(InferenceContext* c);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OPS_ARRAY_SHAPE_FNS_H_
