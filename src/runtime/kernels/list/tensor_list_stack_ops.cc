// TensorList <-> tensor ops: TensorListFromTensor, TensorListStack,
// TensorListConcatV2, TensorListSplit (TF's messages).
#include <algorithm>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/list/tensor_list.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Rows [start, start + len) of dimension 0 of t, as a new tensor whose
// first dimension is len (or dropped when drop_dim0).
StatusOr<Tensor> Rows(const Tensor& t, int64_t start, int64_t len,
                      bool drop_dim0) {
  Tensor rows = t.SliceDim0(start, start + len);
  if (!drop_dim0) return rows;
  TensorShape s = t.shape();
  s.RemoveDim(0);
  return rows.Reshaped(s);
}

// The parts' elements one after the other in a tensor of `shape`.
Tensor Concat(const std::vector<Tensor>& parts, DataType dtype,
              const TensorShape& shape) {
  Tensor out(dtype, shape);
  VisitStorageType(dtype, [&](auto tag) {
    using S = typename decltype(tag)::type;
    S* dst = StorageData<S>(out);
    for (const Tensor& p : parts) {
      const S* src = StorageData<S>(p);
      dst = std::copy(src, src + p.NumElements(), dst);
    }
  });
  return out;
}

DataType Attr(OpKernelConstruction* c) {
  DataType dt = DT_INVALID;
  Status s = c->GetAttr("element_dtype", &dt);
  if (!s.ok()) c->SetStatus(s);
  return dt;
}

class FromTensorOp : public OpKernel {
 public:
  explicit FromTensorOp(OpKernelConstruction* c)
      : OpKernel(c), dtype_(Attr(c)) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& t = ctx->input(0);
    OP_REQUIRES(ctx, t.dims() >= 1,
                errors::InvalidArgument(
                    "Tensor must be at least a vector, but saw shape: ",
                    t.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, PartialTensorShape shape,
                       ShapeFromTensor(ctx->input(1)));
    TensorShape element = t.shape();
    element.RemoveDim(0);
    OP_REQUIRES(ctx, shape.IsCompatibleWith(element),
                errors::InvalidArgument(
                    "Specified a list with shape ", shape.DebugString(),
                    " from a tensor with shape ", element.DebugString()));
    TensorList list;
    list.element_dtype = dtype_;
    list.element_shape = shape;
    for (int64_t i = 0; i < t.dim_size(0); ++i) {
      OP_REQUIRES_ASSIGN(ctx, Tensor row, Rows(t, i, 1, true));
      list.tensors.push_back(std::move(row));
    }
    ctx->set_output(0, WrapTensorList(std::move(list)));
  }

 private:
  const DataType dtype_;
};

// The elements of `list` with unset ones as zeros, all of one shape
// (*element); INVALID_ARGUMENT when shapes differ or are unknown.
Status Elements(const TensorList& list, const PartialTensorShape& requested,
                std::vector<Tensor>* out, PartialTensorShape* element) {
  TFP_ASSIGN_OR_RETURN(*element, MergeShapes(list.element_shape, requested));
  for (const Tensor& t : list.tensors) {
    if (t.dtype() == DT_INVALID) continue;
    TFP_ASSIGN_OR_RETURN(*element,
                         MergeShapes(*element, PartialTensorShape(t.shape())));
  }
  for (size_t i = 0; i < list.tensors.size(); ++i) {
    TFP_ASSIGN_OR_RETURN(Tensor t, ElementOrZeros(list, i, *element));
    out->push_back(std::move(t));
  }
  return OkStatus();
}

class StackOp : public OpKernel {
 public:
  explicit StackOp(OpKernelConstruction* c) : OpKernel(c), dtype_(Attr(c)) {
    OP_REQUIRES_OK(c, c->GetAttr("num_elements", &num_elements_));
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* list,
                       GetTensorList(ctx->input(0), dtype_));
    const int64_t n = static_cast<int64_t>(list->tensors.size());
    OP_REQUIRES(ctx, num_elements_ == -1 || num_elements_ == n,
                errors::InvalidArgument(
                    "Operation expected a list with ", num_elements_,
                    " elements but got a list with ", n, " elements."));
    OP_REQUIRES_ASSIGN(ctx, PartialTensorShape requested,
                       ShapeFromTensor(ctx->input(1)));
    std::vector<Tensor> parts;
    PartialTensorShape element;
    OP_REQUIRES_OK(ctx, Elements(*list, requested, &parts, &element));
    OP_REQUIRES(
        ctx, element.IsFullyDefined(),
        errors::InvalidArgument("Tried to stack elements of an empty list with "
                                "non-fully-defined element_shape: ",
                                element.DebugString()));
    TensorShape shape = element.AsTensorShape();
    shape.InsertDim(0, n);
    ctx->set_output(0, Concat(parts, dtype_, shape));
  }

 private:
  const DataType dtype_;
  int64_t num_elements_ = -1;
};

class ConcatV2Op : public OpKernel {
 public:
  explicit ConcatV2Op(OpKernelConstruction* c) : OpKernel(c), dtype_(Attr(c)) {}
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* list,
                       GetTensorList(ctx->input(0), dtype_));
    OP_REQUIRES_ASSIGN(ctx, PartialTensorShape requested,
                       ShapeFromTensor(ctx->input(1)));
    std::vector<Tensor> parts;
    std::vector<int64_t> lengths;
    TensorShape shape;
    for (size_t i = 0; i < list->tensors.size(); ++i) {
      OP_REQUIRES_ASSIGN(ctx, Tensor t, ElementOrZeros(*list, i, requested));
      OP_REQUIRES(
          ctx, t.dims() >= 1,
          errors::InvalidArgument("Concat saw a scalar shape at index ", i,
                                  " but requires at least vectors."));
      TensorShape rest = t.shape();
      rest.RemoveDim(0);
      if (i == 0) shape = rest;
      OP_REQUIRES(ctx, rest == shape,
                  errors::InvalidArgument(
                      "Tried to concat tensors with unequal shapes: ",
                      shape.DebugString(), " vs ", rest.DebugString()));
      lengths.push_back(t.dim_size(0));
      parts.push_back(std::move(t));
    }
    OP_REQUIRES(
        ctx, !parts.empty(),
        errors::InvalidArgument("Concat of an empty list needs a fully defined "
                                "element_shape"));
    int64_t total = 0;
    for (int64_t l : lengths) total += l;
    shape.InsertDim(0, total);
    ctx->set_output(0, Concat(parts, dtype_, shape));
    ctx->set_output(1, Tensor::FromVector<int64_t>(lengths));
  }

 private:
  const DataType dtype_;
};

class SplitOp : public OpKernel {
 public:
  explicit SplitOp(OpKernelConstruction* c) : OpKernel(c), dtype_(Attr(c)) {}
  void Compute(OpKernelContext* ctx) override {
    const Tensor& t = ctx->input(0);
    const Tensor& lengths = ctx->input(2);
    OP_REQUIRES(ctx, t.dims() >= 1,
                errors::InvalidArgument(
                    "Tensor must be at least a vector, but saw shape: ",
                    t.shape().DebugString()));
    OP_REQUIRES(ctx, lengths.dims() == 1,
                errors::InvalidArgument("Expected lengths to be a vector, "
                                        "received shape: ",
                                        lengths.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, PartialTensorShape shape,
                       ShapeFromTensor(ctx->input(1)));
    TensorList list;
    list.element_dtype = dtype_;
    list.element_shape = shape;
    int64_t start = 0;
    for (int64_t len : lengths.flat<int64_t>()) {
      OP_REQUIRES(ctx, len >= 0 && start + len <= t.dim_size(0),
                  errors::InvalidArgument("Invalid value in lengths: ", len,
                                          " (the lengths must sum to ",
                                          t.dim_size(0), ")"));
      OP_REQUIRES_ASSIGN(ctx, Tensor rows, Rows(t, start, len, false));
      list.tensors.push_back(std::move(rows));
      start += len;
    }
    OP_REQUIRES(
        ctx, start == t.dim_size(0),
        errors::InvalidArgument("Unused values in tensor. Length of tensor: ",
                                t.dim_size(0), " Values used: ", start));
    ctx->set_output(0, WrapTensorList(std::move(list)));
  }

 private:
  const DataType dtype_;
};

}  // namespace

void RegisterTensorListStackKernels(KernelRegistry* r) {
  r->Register<FromTensorOp>("TensorListFromTensor");
  r->Register<StackOp>("TensorListStack");
  r->Register<ConcatV2Op>("TensorListConcatV2");
  r->Register<SplitOp>("TensorListSplit");
}

}  // namespace tfpersist
