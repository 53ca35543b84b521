// TensorList element ops: EmptyTensorList, TensorListReserve,
// TensorListLength, TensorListElementShape, TensorListPushBack,
// TensorListPopBack, TensorListSetItem, TensorListGetItem (TF's messages).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/list/tensor_list.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Attr element_dtype, when the op has it.
DataType ElementDtype(OpKernelConstruction* c) {
  DataType dt = DT_INVALID;
  if (c->HasAttr("element_dtype")) {
    Status s = c->GetAttr("element_dtype", &dt);
    if (!s.ok()) c->SetStatus(s);
  }
  return dt;
}

class ListOpBase : public OpKernel {
 public:
  explicit ListOpBase(OpKernelConstruction* c)
      : OpKernel(c), dtype_(ElementDtype(c)) {}

 protected:
  const DataType dtype_;
};

// EmptyTensorList(element_shape, max_num_elements) and
// TensorListReserve(element_shape, num_elements).
template <bool kReserve>
class NewListOp : public ListOpBase {
 public:
  using ListOpBase::ListOpBase;
  void Compute(OpKernelContext* ctx) override {
    TensorList list;
    list.element_dtype = dtype_;
    OP_REQUIRES_ASSIGN(ctx, list.element_shape, ShapeFromTensor(ctx->input(0)));
    OP_REQUIRES_ASSIGN(ctx, int64_t n,
                       ReadIndexScalar(ctx->input(1), "num_elements"));
    if (kReserve) {
      OP_REQUIRES(ctx, n >= 0,
                  errors::InvalidArgument(
                      "The num_elements to reserve must be a non negative "
                      "number, but got ",
                      n));
      OP_REQUIRES(ctx, n <= (int64_t{1} << 30),
                  errors::ResourceExhausted("TensorListReserve of ", n,
                                            " elements is too large"));
      list.tensors.resize(n);
    } else {
      list.max_num_elements = n;
    }
    ctx->set_output(0, WrapTensorList(std::move(list)));
  }
};

class ListLengthOp : public ListOpBase {
 public:
  using ListOpBase::ListOpBase;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* list,
                       GetTensorList(ctx->input(0)));
    ctx->set_output(
        0, Tensor::Scalar<int32_t>(static_cast<int32_t>(list->tensors.size())));
  }
};

class ListElementShapeOp : public ListOpBase {
 public:
  using ListOpBase::ListOpBase;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* list,
                       GetTensorList(ctx->input(0)));
    const PartialTensorShape& s = list->element_shape;
    const DataType out = output_type(0);
    if (s.unknown_rank()) {
      ctx->set_output(0, out == DT_INT32 ? Tensor::Scalar<int32_t>(-1)
                                         : Tensor::Scalar<int64_t>(-1));
      return;
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor t, MakeIndexVector(out, s.dim_sizes()));
    ctx->set_output(0, std::move(t));
  }
};

Status CheckItem(const TensorList& list, const Tensor& item) {
  if (!list.element_shape.IsCompatibleWith(item.shape())) {
    return errors::InvalidArgument(
        "Tried to set a tensor with incompatible shape at a list index. Item "
        "element shape: ",
        item.shape().DebugString(),
        " list shape: ", list.element_shape.DebugString());
  }
  return OkStatus();
}

class ListPushBackOp : public ListOpBase {
 public:
  using ListOpBase::ListOpBase;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* in,
                       GetTensorList(ctx->input(0), dtype_));
    OP_REQUIRES_OK(ctx, CheckItem(*in, ctx->input(1)));
    OP_REQUIRES(
        ctx,
        in->max_num_elements < 0 ||
            static_cast<int64_t>(in->tensors.size()) < in->max_num_elements,
        errors::InvalidArgument(
            "Tried to push item into a full list list size: ",
            in->tensors.size(), " max_num_elements: ", in->max_num_elements));
    TensorList out = *in;
    out.tensors.push_back(ctx->input(1));
    ctx->set_output(0, WrapTensorList(std::move(out)));
  }
};

class ListPopBackOp : public ListOpBase {
 public:
  using ListOpBase::ListOpBase;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* in,
                       GetTensorList(ctx->input(0), dtype_));
    OP_REQUIRES(ctx, !in->tensors.empty(),
                errors::InvalidArgument("Trying to pop from an empty list."));
    OP_REQUIRES_ASSIGN(ctx, PartialTensorShape shape,
                       ShapeFromTensor(ctx->input(1)));
    OP_REQUIRES_ASSIGN(ctx, Tensor item,
                       ElementOrZeros(*in, in->tensors.size() - 1, shape));
    TensorList out = *in;
    out.tensors.pop_back();
    ctx->set_output(0, WrapTensorList(std::move(out)));
    ctx->set_output(1, std::move(item));
  }
};

class ListSetItemOp : public ListOpBase {
 public:
  explicit ListSetItemOp(OpKernelConstruction* c) : ListOpBase(c) {
    if (c->HasAttr("resize_if_index_out_of_bounds")) {
      OP_REQUIRES_OK(c, c->GetAttr("resize_if_index_out_of_bounds", &resize_));
    }
  }
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* in,
                       GetTensorList(ctx->input(0), dtype_));
    OP_REQUIRES_ASSIGN(ctx, int64_t i, ReadIndexScalar(ctx->input(1), "index"));
    const int64_t n = static_cast<int64_t>(in->tensors.size());
    OP_REQUIRES(ctx, i >= 0 && (i < n || resize_),
                errors::InvalidArgument("Trying to modify element ", i,
                                        " in a list with ", n, " elements."));
    OP_REQUIRES_OK(ctx, CheckItem(*in, ctx->input(2)));
    TensorList out = *in;
    if (i >= n) out.tensors.resize(i + 1);
    out.tensors[i] = ctx->input(2);
    ctx->set_output(0, WrapTensorList(std::move(out)));
  }

 private:
  bool resize_ = false;
};

class ListGetItemOp : public ListOpBase {
 public:
  using ListOpBase::ListOpBase;
  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, const TensorList* in,
                       GetTensorList(ctx->input(0), dtype_));
    OP_REQUIRES_ASSIGN(ctx, int64_t i, ReadIndexScalar(ctx->input(1), "index"));
    const int64_t n = static_cast<int64_t>(in->tensors.size());
    OP_REQUIRES(ctx, i >= 0 && i < n,
                errors::InvalidArgument("Trying to access element ", i,
                                        " in a list with ", n, " elements."));
    OP_REQUIRES_ASSIGN(ctx, PartialTensorShape shape,
                       ShapeFromTensor(ctx->input(2)));
    OP_REQUIRES_ASSIGN(ctx, Tensor item, ElementOrZeros(*in, i, shape));
    ctx->set_output(0, std::move(item));
  }
};

}  // namespace

void RegisterTensorListKernels(KernelRegistry* r) {
  r->Register<NewListOp<false>>("EmptyTensorList");
  r->Register<NewListOp<true>>("TensorListReserve");
  r->Register<ListLengthOp>("TensorListLength");
  r->Register<ListElementShapeOp>("TensorListElementShape");
  r->Register<ListPushBackOp>("TensorListPushBack");
  r->Register<ListPopBackOp>("TensorListPopBack");
  r->Register<ListSetItemOp>("TensorListSetItem");
  r->Register<ListGetItemOp>("TensorListGetItem");
}

}  // namespace tfpersist
