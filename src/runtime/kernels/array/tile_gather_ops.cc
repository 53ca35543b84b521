// Tile (repeat along each dim), GatherV2 (params, indices, axis) and
// Gather (axis 0). TF's messages.
#include <algorithm>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class TileOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& mult_t = ctx->input(1);
    const int rank = input.dims();
    OP_REQUIRES(ctx, mult_t.dims() == 1 && mult_t.NumElements() == rank,
                errors::InvalidArgument(
                    "Expected multiples argument to be a vector of length ",
                    rank, " but got length ", mult_t.NumElements()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> mult,
                       ReadIndexTensor(mult_t, "Tile multiples"));
    std::vector<int64_t> dims(rank);
    for (int d = 0; d < rank; ++d) {
      OP_REQUIRES(ctx, mult[d] >= 0,
                  errors::InvalidArgument("Expected multiples[", d,
                                          "] >= 0, but got ", mult[d]));
      OP_REQUIRES(ctx,
                  !__builtin_mul_overflow(input.dim_size(d), mult[d], &dims[d]),
                  errors::InvalidArgument("Tile output dim ", d, " overflows"));
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (shape.num_elements() == 0) return;
    VisitStorageType(input.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = StorageData<S>(input);
      S* dst = StorageData<S>(*out);
      std::vector<int64_t> idx(rank, 0);
      for (int64_t o = 0; o < shape.num_elements(); ++o) {
        int64_t s = 0;
        for (int d = 0; d < rank; ++d) {
          s = s * input.dim_size(d) + idx[d] % input.dim_size(d);
        }
        dst[o] = src[s];
        for (int d = rank - 1; d >= 0 && ++idx[d] == dims[d]; --d) idx[d] = 0;
      }
    });
  }
};

// "indices[1,0] = 7 is not in [0, 3)": the multi-index of flat position i.
std::string IndexString(const TensorShape& shape, int64_t i) {
  std::vector<int64_t> idx(shape.dims());
  for (int d = shape.dims() - 1; d >= 0; --d) {
    idx[d] = i % shape.dim_size(d);
    i /= shape.dim_size(d);
  }
  std::string out;
  for (size_t d = 0; d < idx.size(); ++d) {
    out += (d ? "," : "") + std::to_string(idx[d]);
  }
  return out;
}

template <bool kV2>
class GatherOp : public OpKernel {
 public:
  explicit GatherOp(OpKernelConstruction* c) : OpKernel(c) {
    if (c->HasAttr("batch_dims")) {
      OP_REQUIRES_OK(c, c->GetAttr("batch_dims", &batch_dims_));
    }
    OP_REQUIRES(c, batch_dims_ == 0,
                errors::Unimplemented("Gather with batch_dims != 0"));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices_t = ctx->input(1);
    int64_t raw_axis = 0;
    if (kV2) {
      OP_REQUIRES_ASSIGN(ctx, raw_axis,
                         ReadIndexScalar(ctx->input(2), "GatherV2 axis"));
    }
    OP_REQUIRES(
        ctx, params.dims() >= 1,
        errors::InvalidArgument("params must be at least 1 dimensional"));
    OP_REQUIRES_ASSIGN(ctx, int axis,
                       CanonicalAxis(raw_axis, params.dims(), "Gather axis"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> indices,
                       ReadIndexTensor(indices_t, "Gather indices"));
    const int64_t limit = params.dim_size(axis);
    for (size_t i = 0; i < indices.size(); ++i) {
      OP_REQUIRES(ctx, indices[i] >= 0 && indices[i] < limit,
                  errors::InvalidArgument(
                      "indices[", IndexString(indices_t.shape(), i),
                      "] = ", indices[i], " is not in [0, ", limit, ")"));
    }
    TensorShape shape;
    for (int d = 0; d < axis; ++d) shape.AddDim(params.dim_size(d));
    for (int64_t d : indices_t.shape().dim_sizes()) shape.AddDim(d);
    for (int d = axis + 1; d < params.dims(); ++d)
      shape.AddDim(params.dim_size(d));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    GatherRows(params, indices, axis, out);
  }

 private:
  // out[o, i, :] = params[o, indices[i], :] viewing params as
  // [outer, dim(axis), inner]. REQUIRES: indices validated.
  static void GatherRows(const Tensor& params,
                         const std::vector<int64_t>& indices, int axis,
                         Tensor* out) {
    const int64_t limit = params.dim_size(axis);
    const int64_t outer = DimProduct(params.shape(), 0, axis);
    const int64_t inner = DimProduct(params.shape(), axis + 1, params.dims());
    VisitStorageType(params.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = StorageData<S>(params);
      S* dst = StorageData<S>(*out);
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t ix : indices) {
          const S* row = src + (o * limit + ix) * inner;
          dst = std::copy(row, row + inner, dst);
        }
      }
    });
  }

 private:
  int64_t batch_dims_ = 0;
};

}  // namespace

void RegisterTileGatherKernels(KernelRegistry* r) {
  r->Register<TileOp>("Tile");
  r->Register<GatherOp<true>>("GatherV2");
  r->Register<GatherOp<false>>("Gather");
}

}  // namespace tfpersist
