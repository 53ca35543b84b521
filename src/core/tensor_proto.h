// Tensor <-> TensorProto and shapes <-> TensorShapeProto, with TensorFlow's
// rules (spec meta-graph.md "TensorProto"):
//  * tensor_content, when non-empty, must hold exactly numel * size bytes
//    (for DT_STRING: a varint32 length per element, then the bytes);
//  * otherwise the typed field; no values -> zeros; fewer values than
//    elements -> the last value repeats; surplus values are ignored (C++).
// Thread-safety: pure functions.
#ifndef TFPERSIST_CORE_TENSOR_PROTO_H_
#define TFPERSIST_CORE_TENSOR_PROTO_H_

#include "tensorflow/core/framework/tensor.pb.h"
#include "tensorflow/core/framework/tensor_shape.pb.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// INVALID_ARGUMENT for unknown dims (< 0), unknown rank, or overflow.
StatusOr<TensorShape> TensorShapeFromProto(
    const tensorflow::TensorShapeProto& proto);
StatusOr<PartialTensorShape> PartialTensorShapeFromProto(
    const tensorflow::TensorShapeProto& proto);
void TensorShapeToProto(const PartialTensorShape& shape,
                        tensorflow::TensorShapeProto* proto);

// The most bytes TensorFromProto materializes by repeating typed values
// (the "fewer values than elements" and "no values" rules): a hostile shape
// with tiny content is RESOURCE_EXHAUSTED instead of gigabytes of memory.
constexpr int64_t kMaxTensorProtoFillBytes = int64_t{1} << 30;

// Decodes a TensorProto. INVALID_ARGUMENT for bad dtype/shape, a
// tensor_content of the wrong size, or an unsupported dtype;
// RESOURCE_EXHAUSTED when filling would exceed kMaxTensorProtoFillBytes or
// memory. Names nothing (callers add the node/tensor name as context).
StatusOr<Tensor> TensorFromProto(const tensorflow::TensorProto& proto);

// Encodes with tensor_content for memcpy-able types (TF's
// AsProtoTensorContent); strings go to string_val.
void TensorToProtoContent(const Tensor& tensor, tensorflow::TensorProto* proto);
// Encodes the way Python's make_tensor_proto does (what TF writes for Const
// nodes built from Python values): tensor_content when the element count is
// > 1 and the dtype is one of float/double/int*/uint8/32/64/qint*/half/
// bfloat16; the typed field (every value) otherwise.
void TensorToProtoLikePython(const Tensor& tensor,
                             tensorflow::TensorProto* proto);

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_TENSOR_PROTO_H_
