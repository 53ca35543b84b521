#include "graph/shape_inference.h"

#include "graph/node_def_util.h"

namespace tfpersist {
namespace {

StatusOr<std::vector<int64_t>> IntValues(const Tensor& t) {
  std::vector<int64_t> values;
  if (t.dtype() == DT_INT32) {
    for (int32_t v : t.flat<int32_t>()) values.push_back(v);
  } else if (t.dtype() == DT_INT64) {
    for (int64_t v : t.flat<int64_t>()) values.push_back(v);
  } else if (t.dtype() == DT_INT16) {  // int16 index types (GatherNd, ...)
    for (int16_t v : t.flat<int16_t>()) values.push_back(v);
  } else if (t.dtype() == DT_INT8) {  // SplitV's Tlen
    for (int8_t v : t.flat<int8_t>()) values.push_back(v);
  } else if (t.dtype() == DT_UINT16) {  // TensorScatterUpdate's Tindices
    for (uint16_t v : t.flat<uint16_t>()) values.push_back(v);
  } else {
    return errors::InvalidArgument("Expected an int32 or int64 tensor, got ",
                                   DataTypeString(t.dtype()));
  }
  return values;
}

}  // namespace

InferenceContext::InferenceContext(const tensorflow::NodeDef& node,
                                   std::vector<PartialTensorShape> input_shapes,
                                   std::vector<const Tensor*> input_tensors,
                                   int num_outputs)
    : node_(&node),
      inputs_(std::move(input_shapes)),
      input_tensors_(std::move(input_tensors)),
      outputs_(static_cast<size_t>(num_outputs)) {
  input_tensors_.resize(inputs_.size(), nullptr);
}

const Tensor* InferenceContext::input_tensor(int i) const {
  return (i >= 0 && i < num_inputs()) ? input_tensors_[i] : nullptr;
}

void InferenceContext::set_output(int i, PartialTensorShape shape) {
  outputs_[i] = std::move(shape);
}

Status InferenceContext::WithRank(const PartialTensorShape& shape, int rank,
                                  PartialTensorShape* out) {
  if (shape.unknown_rank()) {
    std::vector<int64_t> dims(static_cast<size_t>(rank), -1);
    *out = PartialTensorShape(dims);
    return OkStatus();
  }
  if (shape.dims() != rank) {
    return errors::InvalidArgument("Shape must be rank ", rank, " but is rank ",
                                   shape.dims());
  }
  *out = shape;
  return OkStatus();
}

Status InferenceContext::WithRankAtLeast(const PartialTensorShape& shape,
                                         int rank) {
  if (!shape.unknown_rank() && shape.dims() < rank) {
    return errors::InvalidArgument("Shape must be at least rank ", rank,
                                   " but is rank ", shape.dims());
  }
  return OkStatus();
}

Status InferenceContext::WithRankAtMost(const PartialTensorShape& shape,
                                        int rank) {
  if (!shape.unknown_rank() && shape.dims() > rank) {
    return errors::InvalidArgument("Shape must be at most rank ", rank,
                                   " but is rank ", shape.dims());
  }
  return OkStatus();
}

Status InferenceContext::MergeDim(int64_t a, int64_t b, int64_t* out) {
  if (a >= 0 && b >= 0 && a != b) {
    return errors::InvalidArgument("Dimensions must be equal, but are ", a,
                                   " and ", b);
  }
  *out = a >= 0 ? a : b;
  return OkStatus();
}

Status InferenceContext::Merge(const PartialTensorShape& a,
                               const PartialTensorShape& b,
                               PartialTensorShape* out) {
  if (a.unknown_rank()) {
    *out = b;
    return OkStatus();
  }
  if (b.unknown_rank()) {
    *out = a;
    return OkStatus();
  }
  if (a.dims() != b.dims()) {
    return errors::InvalidArgument("Shapes must be equal rank, but are ",
                                   a.dims(), " and ", b.dims());
  }
  std::vector<int64_t> dims(static_cast<size_t>(a.dims()));
  for (int i = 0; i < a.dims(); ++i) {
    Status s = MergeDim(a.dim_size(i), b.dim_size(i), &dims[i]);
    if (!s.ok()) {
      return errors::InvalidArgument(
          "Dimension ", i, " in both shapes must be equal, but are ",
          a.dim_size(i), " and ", b.dim_size(i), ". Shapes are ",
          a.DebugString(), " and ", b.DebugString(), ".");
    }
  }
  *out = PartialTensorShape(dims);
  return OkStatus();
}

Status InferenceContext::MakeShapeFromShapeTensor(
    int input_index, PartialTensorShape* out) const {
  TFP_ASSIGN_OR_RETURN(auto values, GetIntVectorInput(input_index));
  if (!values.has_value()) {
    PartialTensorShape vec;
    TFP_RETURN_IF_ERROR(WithRankAtMost(input(input_index), 1));
    if (input(input_index).dims() == 1 && input(input_index).dim_size(0) >= 0) {
      *out = PartialTensorShape(std::vector<int64_t>(
          static_cast<size_t>(input(input_index).dim_size(0)), -1));
    } else {
      *out = PartialTensorShape();
    }
    return OkStatus();
  }
  for (int64_t v : *values) {
    if (v < -1) {
      return errors::InvalidArgument("Invalid value in tensor used for shape: ",
                                     v);
    }
  }
  *out = PartialTensorShape(*values);
  return OkStatus();
}

StatusOr<std::optional<int64_t>> InferenceContext::GetScalarInput(
    int input_index) const {
  const Tensor* t = input_tensor(input_index);
  if (t == nullptr) return std::optional<int64_t>();
  if (t->NumElements() != 1) {
    return errors::InvalidArgument("Input ", input_index,
                                   " must be a scalar, got shape ",
                                   t->shape().DebugString());
  }
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> values, IntValues(*t));
  return std::optional<int64_t>(values[0]);
}

StatusOr<std::optional<std::vector<int64_t>>>
InferenceContext::GetIntVectorInput(int input_index) const {
  const Tensor* t = input_tensor(input_index);
  if (t == nullptr) return std::optional<std::vector<int64_t>>();
  if (t->dims() > 1) {
    return errors::InvalidArgument("Input ", input_index,
                                   " must be a vector, got shape ",
                                   t->shape().DebugString());
  }
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> values, IntValues(*t));
  return std::optional<std::vector<int64_t>>(std::move(values));
}

StatusOr<std::vector<PartialTensorShape>> InferOutputShapes(
    const OpRegistration& registration, const tensorflow::NodeDef& node,
    std::vector<PartialTensorShape> input_shapes,
    std::vector<const Tensor*> input_tensors, int graph_def_version) {
  std::vector<DataType> in_types, out_types;
  TFP_RETURN_IF_ERROR(
      InOutTypesForNode(node, registration.op_def, &in_types, &out_types));
  if (in_types.size() != input_shapes.size()) {
    return errors::InvalidArgument(FormatNodeForError(node), " has ",
                                   in_types.size(), " inputs but ",
                                   input_shapes.size(), " shapes were given");
  }
  InferenceContext c(node, std::move(input_shapes), std::move(input_tensors),
                     static_cast<int>(out_types.size()));
  c.set_graph_def_version(graph_def_version);
  if (registration.shape_fn) {
    TFP_RETURN_IF_ERROR_CTX(registration.shape_fn(&c),
                            FormatNodeForError(node));
  }
  return c.outputs();
}

}  // namespace tfpersist
