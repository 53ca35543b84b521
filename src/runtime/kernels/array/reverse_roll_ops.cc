// ReverseV2 (flip the listed axes), Roll (rotate along axes) and BroadcastTo
// (NumPy broadcasting to a shape): element moves through IndexMapCopy, for
// every dtype with element storage. TF's messages.
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/array/index_map_copy.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// The identity coordinate map of a dim of size n.
std::vector<int64_t> Iota(int64_t n) {
  std::vector<int64_t> map(n);
  for (int64_t i = 0; i < n; ++i) map[i] = i;
  return map;
}

class MoveOpBase : public OpKernel {
 public:
  explicit MoveOpBase(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, VisitStorageType(c->input_type(0), [](auto) {}),
                errors::InvalidArgument(c->type_string(), " does not support ",
                                        DataTypeString(c->input_type(0))));
  }
};

class ReverseV2Op : public MoveOpBase {
 public:
  using MoveOpBase::MoveOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& axis_t = ctx->input(1);
    OP_REQUIRES(ctx, axis_t.dims() == 1,
                errors::InvalidArgument("'dims' must be 1-dimension, not ",
                                        axis_t.dims()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> axes,
                       ReadIndexTensor(axis_t, "axis"));
    const int rank = in.dims();
    std::vector<bool> flip(rank, false);
    for (size_t i = 0; i < axes.size(); ++i) {
      const int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
      OP_REQUIRES(ctx, a >= 0 && a < rank,
                  errors::InvalidArgument("'axis'[", i, "] = ", axes[i],
                                          " is out of valid range [0, ",
                                          rank - 1, "]."));
      OP_REQUIRES(
          ctx, !flip[a],
          errors::InvalidArgument("axis ", a, " specified more than once."));
      flip[a] = true;
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    if (in.NumElements() == 0) return;
    DimMaps maps;
    for (int d = 0; d < rank; ++d) {
      maps.push_back(Iota(in.dim_size(d)));
      if (flip[d]) std::reverse(maps.back().begin(), maps.back().end());
    }
    IndexMapCopy(in, maps, nullptr, out);
  }
};

class RollOp : public MoveOpBase {
 public:
  using MoveOpBase::MoveOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& shift_t = ctx->input(1);
    const Tensor& axis_t = ctx->input(2);
    OP_REQUIRES(ctx, in.dims() >= 1,
                errors::InvalidArgument("input must be 1-D or higher"));
    OP_REQUIRES(ctx, shift_t.dims() <= 1,
                errors::InvalidArgument(
                    "shift must be a scalar or a 1-D vector. Found: ",
                    shift_t.shape().DebugString()));
    OP_REQUIRES(ctx, axis_t.dims() <= 1,
                errors::InvalidArgument(
                    "axis must be a scalar or a 1-D vector. Found: ",
                    axis_t.shape().DebugString()));
    OP_REQUIRES(ctx, shift_t.shape() == axis_t.shape(),
                errors::InvalidArgument("shift and axis must have the same "
                                        "size"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> shifts,
                       ReadIndexTensor(shift_t, "shift"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> axes,
                       ReadIndexTensor(axis_t, "axis"));
    const int rank = in.dims();
    std::vector<int64_t> total(rank, 0);  // shifts add up per axis
    for (size_t i = 0; i < axes.size(); ++i) {
      const int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
      OP_REQUIRES(
          ctx, a >= 0 && a < rank,
          errors::InvalidArgument("axis ", axes[i], " is out of range"));
      const int64_t n = in.dim_size(a);
      if (n > 0) total[a] = (total[a] + shifts[i] % n + n) % n;
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    if (in.NumElements() == 0) return;
    DimMaps maps;
    for (int d = 0; d < rank; ++d) {
      const int64_t n = in.dim_size(d);
      std::vector<int64_t> map(n);
      // out[i] = in[(i - shift) mod n]
      for (int64_t i = 0; i < n; ++i) map[i] = (i - total[d] + n) % n;
      maps.push_back(std::move(map));
    }
    IndexMapCopy(in, maps, nullptr, out);
  }
};

class BroadcastToOp : public MoveOpBase {
 public:
  using MoveOpBase::MoveOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& shape_t = ctx->input(1);
    OP_REQUIRES(ctx, shape_t.dims() == 1,
                errors::InvalidArgument("shape must be a vector, got shape ",
                                        shape_t.shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> dims,
                       ReadIndexTensor(shape_t, "shape"));
    for (int64_t d : dims) {
      OP_REQUIRES(ctx, d >= 0,
                  errors::InvalidArgument("Dimension ", d, " must be >= 0"));
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    const int rank = shape.dims();
    OP_REQUIRES(ctx, in.dims() <= rank,
                errors::InvalidArgument("Rank of input (", in.dims(),
                                        ") must be no greater than rank of "
                                        "output shape (",
                                        rank, ")."));
    const int offset = rank - in.dims();
    for (int d = 0; d < in.dims(); ++d) {
      const int64_t n = in.dim_size(d), o = shape.dim_size(d + offset);
      OP_REQUIRES(ctx, n == o || n == 1,
                  errors::InvalidArgument(
                      "Incompatible shapes: ", in.shape().DebugString(),
                      " vs. ", shape.DebugString()));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (shape.num_elements() == 0) return;
    // View the input with leading 1-dims; size-1 dims always read index 0.
    OP_REQUIRES_ASSIGN(ctx, Tensor view, in.Reshaped(BroadcastView(in, rank)));
    DimMaps maps;
    for (int d = 0; d < rank; ++d) {
      maps.push_back(view.dim_size(d) == 1
                         ? std::vector<int64_t>(shape.dim_size(d), 0)
                         : Iota(shape.dim_size(d)));
    }
    IndexMapCopy(view, maps, nullptr, out);
  }

 private:
  static TensorShape BroadcastView(const Tensor& in, int rank) {
    TensorShape s;
    for (int d = 0; d < rank - in.dims(); ++d) s.AddDim(1);
    for (int64_t n : in.shape().dim_sizes()) s.AddDim(n);
    return s;
  }
};

}  // namespace

void RegisterReverseRollKernels(KernelRegistry* r) {
  r->Register<ReverseV2Op>("ReverseV2");
  r->Register<RollOp>("Roll");
  r->Register<BroadcastToOp>("BroadcastTo");
}

}  // namespace tfpersist
