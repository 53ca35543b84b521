// Sum, Mean, Prod, Max, Min over the axes in `reduction_indices` (int32 or
// int64, scalar or vector, negative axes wrap, duplicates allowed), with
// keep_dims. Semantics: reference/reduce.h (floats accumulate in double;
// integer Mean divides as integers; Max/Min propagate NaN; empty
// reductions give the identity).
//
// Layout: the input is collapsed into runs of reduced / kept dims; the
// common shapes [kept, reduced, kept] (any part possibly absent) run a
// vectorizable three-level loop in parallel; any other pattern falls back
// to the reference loop.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/reduce.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::ReduceOp;

// Collapsed view: out[o, i] = reduce over m of in[(o * mid + m) * inner + i].
struct ReducePlan {
  bool simple = false;  // false: use the reference loop
  int64_t outer = 1, mid = 1, inner = 1;
};

ReducePlan PlanReduction(const TensorShape& shape,
                         const std::vector<bool>& reduce) {
  std::vector<int64_t> sizes;
  std::vector<bool> flags;
  for (int d = 0; d < shape.dims(); ++d) {
    if (shape.dim_size(d) == 1) continue;
    if (!flags.empty() && flags.back() == reduce[d]) {
      sizes.back() *= shape.dim_size(d);
    } else {
      sizes.push_back(shape.dim_size(d));
      flags.push_back(reduce[d]);
    }
  }
  ReducePlan p;
  size_t i = 0;
  if (i < flags.size() && !flags[i]) p.outer = sizes[i++];
  if (i < flags.size() && flags[i]) p.mid = sizes[i++];
  if (i < flags.size() && !flags[i]) p.inner = sizes[i++];
  p.simple = i == flags.size();
  return p;
}

template <typename T>
using Acc =
    std::conditional_t<std::is_floating_point_v<reference::ComputeType<T>>,
                       double, reference::ComputeType<T>>;

// Writes the finished accumulator (Mean divides by the count).
template <typename T>
T Finish(ReduceOp op, Acc<T> acc, int64_t count) {
  if (op == ReduceOp::kMean) {
    if constexpr (std::is_floating_point_v<Acc<T>>) {
      acc /= static_cast<double>(count);
    } else {
      acc = count == 0 ? Acc<T>(0) : static_cast<Acc<T>>(acc / count);
    }
  }
  return reference::FromCompute<T>(static_cast<reference::ComputeType<T>>(acc));
}

// Reduces outer rows [o0, o1) and inner columns [i0, i1) over all of mid.
template <typename T>
void ReduceBlock(ReduceOp op, const ReducePlan& p, const T* in, T* out,
                 int64_t o0, int64_t o1, int64_t i0, int64_t i1) {
  using A = Acc<T>;
  const A identity =
      A(reference::ReduceIdentity<reference::ComputeType<T>>(op));
  std::vector<A> acc(i1 - i0);
  for (int64_t o = o0; o < o1; ++o) {
    std::fill(acc.begin(), acc.end(), identity);
    for (int64_t m = 0; m < p.mid; ++m) {
      const T* row = in + (o * p.mid + m) * p.inner;
      for (int64_t i = i0; i < i1; ++i) {
        acc[i - i0] = reference::ReduceStep<A>(op, acc[i - i0],
                                               A(reference::ToCompute(row[i])));
      }
    }
    for (int64_t i = i0; i < i1; ++i) {
      out[o * p.inner + i] = Finish<T>(op, acc[i - i0], p.mid);
    }
  }
}

template <typename T>
void RunReduction(const OpKernelContext* ctx, ReduceOp op, const ReducePlan& p,
                  const T* in, T* out) {
  const double cost = static_cast<double>(p.mid) * 2;
  if (p.outer > 1 || p.inner == 1) {
    ParallelFor(ctx, p.outer, cost * p.inner, [&](int64_t o0, int64_t o1) {
      ReduceBlock(op, p, in, out, o0, o1, 0, p.inner);
    });
  } else {
    ParallelFor(ctx, p.inner, cost, [&](int64_t i0, int64_t i1) {
      ReduceBlock(op, p, in, out, 0, 1, i0, i1);
    });
  }
}

// One flag per input axis: reduced or not. `indices` is a scalar or vector
// of int32/int64 axes in [-rank, rank) (duplicates allowed).
Status ReducedAxes(const Tensor& indices, int rank, std::vector<bool>* reduce) {
  if (indices.dims() > 1) {
    return errors::InvalidArgument(
        "Invalid reduction indices: must be a scalar or a vector, got shape ",
        indices.shape().DebugString());
  }
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> axes,
                       ReadIndexTensor(indices, "reduction_indices"));
  reduce->assign(rank, false);
  for (int64_t a : axes) {
    if (a < -rank || a >= rank) {
      return errors::InvalidArgument("Invalid reduction dimension (", a,
                                     " for input with ", rank, " dimension(s)");
    }
    (*reduce)[a < 0 ? a + rank : a] = true;
  }
  return OkStatus();
}

template <ReduceOp kOp, typename Types>
class ReductionOp : public OpKernel {
 public:
  explicit ReductionOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("keep_dims", &keep_dims_));
    RequireDType(c, Types{}, "T", c->input_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    std::vector<bool> reduce;
    OP_REQUIRES_OK(ctx, ReducedAxes(ctx->input(1), x.dims(), &reduce));
    std::vector<int64_t> out_dims;
    for (int d = 0; d < x.dims(); ++d) {
      if (!reduce[d]) {
        out_dims.push_back(x.dim_size(d));
      } else if (keep_dims_) {
        out_dims.push_back(1);
      }
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape out_shape,
                       TensorShape::Build(out_dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    if (out->NumElements() == 0) return;
    const ReducePlan plan = PlanReduction(x.shape(), reduce);
    DispatchDType(Types{}, x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if (plan.simple) {
        RunReduction(ctx, kOp, plan, x.data<T>(), out->data<T>());
      } else {
        reference::Reduce(x.data<T>(), x.shape().dim_sizes(), reduce, kOp,
                          out->data<T>());
      }
    });
  }

 private:
  bool keep_dims_ = false;
};

}  // namespace

void RegisterReductionKernels(KernelRegistry* r) {
  r->Register<ReductionOp<ReduceOp::kSum, FloatAndIntTypes>>("Sum");
  r->Register<ReductionOp<ReduceOp::kMean, FloatAndIntTypes>>("Mean");
  r->Register<ReductionOp<ReduceOp::kProd, FloatAndIntTypes>>("Prod");
  r->Register<ReductionOp<ReduceOp::kMax, FloatAndIntTypes>>("Max");
  r->Register<ReductionOp<ReduceOp::kMin, FloatAndIntTypes>>("Min");
}

}  // namespace tfpersist
