// Whole-array TensorArray ops: TensorArrayGatherV3 (stack selected slots on
// a new axis 0), TensorArrayScatterV3 (unstack value rows into slots),
// TensorArrayConcatV3 (concatenate every slot along axis 0, with lengths)
// and TensorArraySplitV3 (split value rows into slots by lengths). Every
// storable dtype; TF's messages.
#include <algorithm>
#include <limits>

#include "graph/shape_inference.h"
#include "runtime/kernel_registry.h"
#include "runtime/kernels/data_flow/data_flow_kernels.h"
#include "runtime/kernels/data_flow/tensor_array.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

StatusOr<std::vector<int32_t>> IndexVector(const Tensor& t) {
  if (t.dims() != 1) {
    return errors::InvalidArgument(
        "Expected indices to be a vector, but received shape: ",
        t.shape().DebugString());
  }
  auto v = t.flat<int32_t>();
  return std::vector<int32_t>(v.begin(), v.end());
}

// The output of a gather/concat of no elements: [0] + element shape, which
// must then be fully defined.
StatusOr<TensorShape> EmptyShape(const PartialTensorShape& element,
                                 std::string_view op) {
  if (!element.IsFullyDefined()) {
    return errors::Unimplemented(
        "TensorArray has size zero, but element shape ", element.DebugString(),
        " is not fully defined. Currently only static shapes are supported "
        "when ",
        op, " zero-size TensorArrays.");
  }
  TensorShape s = element.AsTensorShape();
  s.InsertDim(0, 0);
  return s;
}

class TensorArrayGatherOp : public OpKernel {
 public:
  explicit TensorArrayGatherOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    OP_REQUIRES_OK(c, c->GetAttr("element_shape", &element_shape_));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int32_t> indices,
                       IndexVector(ctx->input(1)));
    OP_REQUIRES_OK(ctx, CheckRequestedDtype(*ta, dtype_));
    PartialTensorShape element;
    OP_REQUIRES_OK(ctx, InferenceContext::Merge(ta->ElemShape(), element_shape_,
                                                &element));
    if (indices.empty()) {
      OP_REQUIRES_ASSIGN(ctx, TensorShape empty,
                         EmptyShape(element, "packing"));
      OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, empty));
      (void)out;
      return;
    }
    std::vector<Tensor> values;
    OP_REQUIRES_OK(ctx, ta->ReadMany(indices, &values));
    const TensorShape& s0 = values[0].shape();
    for (size_t i = 1; i < values.size(); ++i) {
      OP_REQUIRES(ctx, values[i].shape() == s0,
                  errors::InvalidArgument(
                      "TensorArray has inconsistent shapes.  Index 0 has "
                      "shape: ",
                      s0.DebugString(), " but index ", i,
                      " has shape: ", values[i].shape().DebugString()));
    }
    TensorShape out_shape = s0;
    out_shape.InsertDim(0, static_cast<int64_t>(values.size()));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    for (size_t i = 0; i < values.size(); ++i) {
      CopyElementsInto(values[i], static_cast<int64_t>(i) * s0.num_elements(),
                       out);
    }
  }

 private:
  DataType dtype_;
  PartialTensorShape element_shape_;
};

class TensorArrayScatterOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int32_t> indices,
                       IndexVector(ctx->input(1)));
    const Tensor& value = ctx->input(2);
    OP_REQUIRES(ctx, value.dtype() == ta->dtype(),
                errors::InvalidArgument("TensorArray dtype is ",
                                        DataTypeString(ta->dtype()),
                                        " but Op is trying to write dtype ",
                                        DataTypeString(value.dtype()), "."));
    OP_REQUIRES(ctx, value.dims() > 0,
                errors::InvalidArgument(
                    "Input value for unpack must be at least a vector but "
                    "received shape: ",
                    value.shape().DebugString()));
    const int64_t n = static_cast<int64_t>(indices.size());
    OP_REQUIRES(ctx, n == value.dim_size(0),
                errors::InvalidArgument(
                    "Expected len(indices) == values.shape[0], but saw: ", n,
                    " vs. ", value.dim_size(0)));
    int32_t max_index = -1;
    for (int32_t i : indices) max_index = std::max(max_index, i);
    OP_REQUIRES_ASSIGN(ctx, int32_t size, ta->Size());
    OP_REQUIRES(ctx, ta->dynamic_size() || max_index < size,
                errors::InvalidArgument("Max scatter index must be < array "
                                        "size (",
                                        max_index, " vs. ", size, ")"));
    OP_REQUIRES_OK(ctx, WriteRows(*ta, indices, value));
    ctx->set_output(0, ctx->input(3));
  }

 private:
  static Status WriteRows(TensorArray& ta, const std::vector<int32_t>& indices,
                          const Tensor& value) {
    TensorShape element = value.shape();
    element.RemoveDim(0);
    std::vector<Tensor> rows;
    rows.reserve(indices.size());
    for (size_t i = 0; i < indices.size(); ++i) {
      TFP_ASSIGN_OR_RETURN(Tensor row,
                           value.SliceDim0(i, i + 1).Reshaped(element));
      rows.push_back(std::move(row));
    }
    return ta.WriteMany(indices, rows);
  }
};

class TensorArrayConcatOp : public OpKernel {
 public:
  explicit TensorArrayConcatOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtype", &dtype_));
    OP_REQUIRES_OK(c, c->GetAttr("element_shape_except0", &except0_));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    OP_REQUIRES_OK(ctx, CheckRequestedDtype(*ta, dtype_));
    OP_REQUIRES_ASSIGN(ctx, int32_t size, ta->Size());
    OP_REQUIRES_ASSIGN(ctx, Tensor * lengths,
                       ctx->allocate_output(1, TensorShape({size})));
    if (size == 0) {
      OP_REQUIRES_ASSIGN(ctx, TensorShape empty,
                         EmptyShape(except0_, "concatenating"));
      OP_REQUIRES_OK(ctx, ctx->allocate_output(0, empty).status());
      return;
    }
    std::vector<int32_t> indices(size);
    for (int32_t i = 0; i < size; ++i) indices[i] = i;
    std::vector<Tensor> values;
    OP_REQUIRES_OK(ctx, ta->ReadMany(indices, &values));
    TensorShape except0;
    int64_t rows = 0;
    for (int32_t i = 0; i < size; ++i) {
      TensorShape s = values[i].shape();
      OP_REQUIRES(ctx, s.dims() > 0,
                  errors::InvalidArgument(
                      "Concat saw a scalar shape at index ", i,
                      " but requires at least vectors.  Did you mean to call "
                      "pack?"));
      lengths->flat<int64_t>()[i] = s.dim_size(0);
      rows += s.dim_size(0);
      s.RemoveDim(0);
      if (i == 0) except0 = s;
      OP_REQUIRES(ctx, s == except0,
                  errors::InvalidArgument(
                      "TensorArray has inconsistent shapes.  Index 0 has "
                      "(excepting dimension 0) shape: ",
                      except0.DebugString(), " but index ", i,
                      " has (excepting dimension 0) shape: ", s.DebugString()));
    }
    TensorShape out_shape = except0;
    out_shape.InsertDim(0, rows);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    int64_t offset = 0;
    for (const Tensor& v : values) {
      CopyElementsInto(v, offset, out);
      offset += v.NumElements();
    }
  }

 private:
  DataType dtype_;
  PartialTensorShape except0_;
};

class TensorArraySplitOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, std::shared_ptr<TensorArray> ta,
                       GetTensorArray(ctx, 0));
    const Tensor& value = ctx->input(1);
    const Tensor& lengths = ctx->input(2);
    OP_REQUIRES(ctx, value.dtype() == ta->dtype(),
                errors::InvalidArgument("TensorArray dtype is ",
                                        DataTypeString(ta->dtype()),
                                        " but Op is trying to write dtype ",
                                        DataTypeString(value.dtype()), "."));
    OP_REQUIRES(ctx, lengths.dims() == 1,
                errors::InvalidArgument(
                    "Expected lengths to be a vector, received shape: ",
                    lengths.shape().DebugString()));
    OP_REQUIRES(ctx,
                lengths.NumElements() <= std::numeric_limits<int32_t>::max(),
                errors::InvalidArgument(
                    "Expected lengths to have < max int32 entries"));
    OP_REQUIRES(ctx, value.dims() >= 1,
                errors::InvalidArgument(
                    "Expected value to be at least a vector, but received "
                    "shape: ",
                    value.shape().DebugString()));
    OP_REQUIRES_OK(ctx, CheckLengths(lengths, value, *ta));
    OP_REQUIRES_OK(ctx, WritePieces(*ta, lengths, value));
    ctx->set_output(0, ctx->input(3));
  }

 private:
  static Status CheckLengths(const Tensor& lengths, const Tensor& value,
                             TensorArray& ta) {
    int64_t total = 0;
    for (int64_t len : lengths.flat<int64_t>()) {
      if (len < 0 || len > value.dim_size(0)) {
        return errors::InvalidArgument("Expected lengths to be in [0, ",
                                       value.dim_size(0), "], but saw ", len);
      }
      total += len;
    }
    if (total != value.dim_size(0)) {
      return errors::InvalidArgument(
          "Expected sum of lengths to be equal to values.shape[0], but sum of "
          "lengths is: ",
          total, " and value's shape is: ", value.shape().DebugString());
    }
    TFP_ASSIGN_OR_RETURN(int32_t size, ta.Size());
    if (!ta.dynamic_size() && size != lengths.NumElements()) {
      return errors::InvalidArgument(
          "TensorArray's size is not equal to the size of lengths (", size,
          " vs. ", lengths.NumElements(),
          "), and the TensorArray is not marked as dynamically resizeable");
    }
    return OkStatus();
  }

  static Status WritePieces(TensorArray& ta, const Tensor& lengths,
                            const Tensor& value) {
    std::vector<int32_t> indices;
    std::vector<Tensor> pieces;
    int64_t start = 0;
    for (int64_t len : lengths.flat<int64_t>()) {
      indices.push_back(static_cast<int32_t>(indices.size()));
      pieces.push_back(value.SliceDim0(start, start + len));
      start += len;
    }
    return ta.WriteMany(indices, pieces);
  }
};

}  // namespace

void RegisterTensorArrayBulkKernels(KernelRegistry* r) {
  r->Register<TensorArrayGatherOp>("TensorArrayGatherV3");
  r->Register<TensorArrayScatterOp>("TensorArrayScatterV3");
  r->Register<TensorArrayConcatOp>("TensorArrayConcatV3");
  r->Register<TensorArraySplitOp>("TensorArraySplitV3");
}

}  // namespace tfpersist
