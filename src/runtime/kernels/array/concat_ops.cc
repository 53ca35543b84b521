// Joining and splitting along an axis: ConcatV2 (axis last), Concat (axis
// first), Pack (stack on a new axis), Unpack. TF's messages.
//
// All four view each tensor as [outer, inner]: `outer` is the product of the
// dims before the axis; every input contributes `inner` contiguous elements
// per outer row.
#include <algorithm>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// out[o] = concat_i(in_i[o]) for o in [0, outer).
void ConcatRows(const std::vector<const Tensor*>& inputs,
                const std::vector<int64_t>& inner, int64_t outer, Tensor* out) {
  VisitStorageType(out->dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    S* dst = StorageData<S>(*out);
    for (int64_t o = 0; o < outer; ++o) {
      for (size_t i = 0; i < inputs.size(); ++i) {
        const S* src = StorageData<S>(*inputs[i]) + o * inner[i];
        dst = std::copy(src, src + inner[i], dst);
      }
    }
  });
}

// Checks that `s` matches `s0` except on `axis`.
Status CheckConcatShape(const TensorShape& s0, const TensorShape& s, int i,
                        int axis) {
  if (s.dims() != s0.dims()) {
    return errors::InvalidArgument(
        "ConcatOp : Ranks of all input tensors should match: shape[0] = ",
        s0.DebugString(), " vs. shape[", i, "] = ", s.DebugString());
  }
  for (int d = 0; d < s.dims(); ++d) {
    if (d != axis && s.dim_size(d) != s0.dim_size(d)) {
      return errors::InvalidArgument(
          "ConcatOp : Dimension ", d,
          " in both shapes must be equal: shape[0] = ", s0.DebugString(),
          " vs. shape[", i, "] = ", s.DebugString());
    }
  }
  return OkStatus();
}

template <bool kAxisFirst>
class ConcatOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs() - 1;
    const int first = kAxisFirst ? 1 : 0;
    const Tensor& axis_t = ctx->input(kAxisFirst ? 0 : n);
    const TensorShape& s0 = ctx->input(first).shape();
    OP_REQUIRES_ASSIGN(ctx, int64_t raw_axis,
                       ReadIndexScalar(axis_t, "ConcatOp axis"));
    const int rank = s0.dims();
    OP_REQUIRES(
        ctx, rank > 0,
        errors::InvalidArgument(
            "ConcatOp : Can't concatenate scalars (use tf.stack instead)"));
    OP_REQUIRES(ctx, raw_axis >= -rank && raw_axis < rank,
                errors::InvalidArgument(
                    "ConcatOp : Expected concatenating dimensions in the range "
                    "[",
                    -rank, ", ", rank, "), but got ", raw_axis));
    const int axis =
        static_cast<int>(raw_axis < 0 ? raw_axis + rank : raw_axis);
    std::vector<const Tensor*> inputs;
    std::vector<int64_t> inner;
    int64_t axis_total = 0;
    for (int i = 0; i < n; ++i) {
      const Tensor& t = ctx->input(first + i);
      OP_REQUIRES_OK(ctx, CheckConcatShape(s0, t.shape(), i, axis));
      inputs.push_back(&t);
      inner.push_back(DimProduct(t.shape(), axis, rank));
      axis_total += t.dim_size(axis);
    }
    TensorShape out_shape = s0;
    out_shape.set_dim(axis, axis_total);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    ConcatRows(inputs, inner, DimProduct(s0, 0, axis), out);
  }
};

class PackOp : public OpKernel {
 public:
  explicit PackOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    const TensorShape& s0 = ctx->input(0).shape();
    const int rank = s0.dims() + 1;
    OP_REQUIRES(ctx, axis_ >= -rank && axis_ < rank,
                errors::InvalidArgument("axis = ", axis_, " not in [", -rank,
                                        ", ", rank, ")"));
    const int axis = static_cast<int>(axis_ < 0 ? axis_ + rank : axis_);
    std::vector<const Tensor*> inputs;
    for (int i = 0; i < n; ++i) {
      const Tensor& t = ctx->input(i);
      OP_REQUIRES(ctx, t.shape() == s0,
                  errors::InvalidArgument(
                      "Shapes of all inputs must match: values[0].shape = ",
                      s0.DebugString(), " != values[", i,
                      "].shape = ", t.shape().DebugString()));
      inputs.push_back(&t);
    }
    TensorShape out_shape = s0;
    out_shape.InsertDim(axis, n);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    std::vector<int64_t> inner(n, DimProduct(s0, axis, s0.dims()));
    ConcatRows(inputs, inner, DimProduct(s0, 0, axis), out);
  }

 private:
  int64_t axis_ = 0;
};

class UnpackOp : public OpKernel {
 public:
  explicit UnpackOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("axis", &axis_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const int rank = input.dims();
    OP_REQUIRES(ctx, axis_ >= -rank && axis_ < rank,
                errors::InvalidArgument("axis = ", axis_, " not in [", -rank,
                                        ", ", rank, ")"));
    const int axis = static_cast<int>(axis_ < 0 ? axis_ + rank : axis_);
    const int num = ctx->num_outputs();
    OP_REQUIRES(
        ctx, input.dim_size(axis) == num,
        errors::InvalidArgument("Input shape axis ", axis, " must equal ", num,
                                ", got shape ", input.shape().DebugString()));
    TensorShape out_shape = input.shape();
    out_shape.RemoveDim(axis);
    const int64_t outer = DimProduct(input.shape(), 0, axis);
    const int64_t inner = DimProduct(input.shape(), axis + 1, rank);
    for (int i = 0; i < num; ++i) {
      OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(i, out_shape));
      VisitStorageType(input.dtype(), [&](auto tag) {
        using S = typename decltype(tag)::type;
        const S* src = StorageData<S>(input);
        S* dst = StorageData<S>(*out);
        for (int64_t o = 0; o < outer; ++o) {
          const S* row = src + (o * num + i) * inner;
          std::copy(row, row + inner, dst + o * inner);
        }
      });
    }
  }

 private:
  int64_t axis_ = 0;
};

}  // namespace

void RegisterConcatKernels(KernelRegistry* r) {
  r->Register<ConcatOp<false>>("ConcatV2");
  r->Register<ConcatOp<true>>("Concat");
  r->Register<PackOp>("Pack");
  r->Register<UnpackOp>("Unpack");
}

}  // namespace tfpersist
