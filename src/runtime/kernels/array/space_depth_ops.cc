// SpaceToBatchND / BatchToSpaceND (block rearrangements of the spatial dims
// used by dilated convolutions) and DepthToSpace / SpaceToDepth (NHWC; TF's
// CPU kernels reject NCHW). Each is a transpose of a reshaped view
// (StridedCopy), plus zero padding or cropping; every dtype with element
// storage. TF's messages.
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/array/index_map_copy.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// out (already shaped as the permuted view) = transpose(view, perm).
void PermutedCopy(const Tensor& view, const std::vector<int>& perm,
                  Tensor* out) {
  const std::vector<int64_t> in_strides = RowMajorStrides(view.shape());
  std::vector<int64_t> strides;
  for (int p : perm) strides.push_back(in_strides[p]);
  StridedCopy(view, 0, strides, out);
}

TensorShape Shape(const std::vector<int64_t>& dims) {
  return TensorShape(dims);
}

class LayoutOpBase : public OpKernel {
 public:
  explicit LayoutOpBase(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, VisitStorageType(c->input_type(0), [](auto) {}),
                errors::InvalidArgument(c->type_string(), " does not support ",
                                        DataTypeString(c->input_type(0))));
  }

 protected:
  // block_shape [M] and the [M, 2] paddings/crops, validated against input.
  static Status ReadBlocks(const Tensor& in, const Tensor& block_t,
                           const Tensor& pads_t, std::vector<int64_t>* block,
                           std::vector<int64_t>* pads) {
    if (block_t.dims() != 1) {
      return errors::InvalidArgument("block_shape rank should be 1 instead of ",
                                     block_t.dims());
    }
    const int64_t m = block_t.NumElements();
    if (in.dims() < 1 + m) {
      return errors::InvalidArgument("input rank should be >= ", 1 + m,
                                     " instead of ", in.dims());
    }
    if (pads_t.dims() != 2 || pads_t.dim_size(0) != m ||
        pads_t.dim_size(1) != 2) {
      return errors::InvalidArgument("paddings should have shape [", m,
                                     ", 2] instead of ",
                                     pads_t.shape().DebugString());
    }
    TFP_ASSIGN_OR_RETURN(*block, ReadIndexTensor(block_t, "block_shape"));
    TFP_ASSIGN_OR_RETURN(*pads, ReadIndexTensor(pads_t, "paddings"));
    for (int64_t b : *block) {
      if (b < 1) {
        return errors::InvalidArgument(
            "All values in block_shape must be positive, got value, ", b);
      }
    }
    return OkStatus();
  }
};

class SpaceToBatchNDOp : public LayoutOpBase {
 public:
  using LayoutOpBase::LayoutOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    std::vector<int64_t> block, pads;
    OP_REQUIRES_OK(ctx,
                   ReadBlocks(in, ctx->input(1), ctx->input(2), &block, &pads));
    const int m = static_cast<int>(block.size());
    // Padded input [B, P1..PM, rest].
    std::vector<int64_t> padded = in.shape().dim_sizes();
    int64_t batch_out = in.dim_size(0);
    for (int i = 0; i < m; ++i) {
      OP_REQUIRES(ctx, pads[2 * i] >= 0 && pads[2 * i + 1] >= 0,
                  errors::InvalidArgument("Paddings must be non-negative"));
      int64_t& p = padded[i + 1];
      OP_REQUIRES(ctx,
                  !__builtin_add_overflow(p, pads[2 * i], &p) &&
                      !__builtin_add_overflow(p, pads[2 * i + 1], &p) &&
                      !__builtin_mul_overflow(batch_out, block[i], &batch_out),
                  errors::InvalidArgument("SpaceToBatchND sizes overflow"));
      OP_REQUIRES(ctx, p % block[i] == 0,
                  errors::InvalidArgument("padded_shape[", i, "]=", p,
                                          " is not divisible by block_shape[",
                                          i, "]=", block[i]));
    }
    std::vector<int64_t> out_dims = padded;
    out_dims[0] = batch_out;
    for (int i = 0; i < m; ++i) out_dims[i + 1] = padded[i + 1] / block[i];
    OP_REQUIRES_ASSIGN(ctx, TensorShape out_shape,
                       TensorShape::Build(out_dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, out_shape));
    if (out_shape.num_elements() == 0) return;
    Tensor src = in;
    if (padded != in.shape().dim_sizes()) {
      src = Tensor(in.dtype(), Shape(padded));
      DimMaps maps;
      for (int d = 0; d < in.dims(); ++d) {
        const int64_t before = d >= 1 && d <= m ? pads[2 * (d - 1)] : 0;
        std::vector<int64_t> map(padded[d]);
        for (int64_t j = 0; j < padded[d]; ++j) {
          const int64_t s = j - before;
          map[j] = s >= 0 && s < in.dim_size(d) ? s : -1;
        }
        maps.push_back(std::move(map));
      }
      IndexMapCopy(in, maps, nullptr, &src);
    }
    // View [B, Q1, b1, ..., QM, bM, R] -> [b1..bM, B, Q1..QM, R].
    const int64_t rest = DimProduct(in.shape(), m + 1, in.dims());
    std::vector<int64_t> view = {in.dim_size(0)}, out_view;
    std::vector<int> perm;
    for (int i = 0; i < m; ++i) {
      view.push_back(padded[i + 1] / block[i]);
      view.push_back(block[i]);
      perm.push_back(2 + 2 * i);
      out_view.push_back(block[i]);
    }
    view.push_back(rest);
    perm.push_back(0);
    out_view.push_back(in.dim_size(0));
    for (int i = 0; i < m; ++i) {
      perm.push_back(1 + 2 * i);
      out_view.push_back(padded[i + 1] / block[i]);
    }
    perm.push_back(2 * m + 1);
    out_view.push_back(rest);
    OP_REQUIRES_ASSIGN(ctx, Tensor v, src.Reshaped(Shape(view)));
    OP_REQUIRES_ASSIGN(ctx, Tensor o, out->Reshaped(Shape(out_view)));
    PermutedCopy(v, perm, &o);
  }
};

class BatchToSpaceNDOp : public LayoutOpBase {
 public:
  using LayoutOpBase::LayoutOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    std::vector<int64_t> block, crops;
    OP_REQUIRES_OK(
        ctx, ReadBlocks(in, ctx->input(1), ctx->input(2), &block, &crops));
    const int m = static_cast<int>(block.size());
    int64_t prod = 1;
    for (int64_t b : block) {
      OP_REQUIRES(ctx, !__builtin_mul_overflow(prod, b, &prod),
                  errors::InvalidArgument("block_shape product overflows"));
    }
    OP_REQUIRES(
        ctx, in.dim_size(0) % prod == 0,
        errors::InvalidArgument("Input batch dimension (", in.dim_size(0),
                                ") is not divisible by product of "
                                "block sizes (",
                                prod, ")"));
    const int64_t batch = in.dim_size(0) / prod;
    std::vector<int64_t> full = in.shape().dim_sizes(), out_dims;
    full[0] = batch;
    for (int i = 0; i < m; ++i) {
      OP_REQUIRES(ctx, crops[2 * i] >= 0 && crops[2 * i + 1] >= 0,
                  errors::InvalidArgument("Crops must be non-negative"));
      OP_REQUIRES(ctx,
                  !__builtin_mul_overflow(full[i + 1], block[i], &full[i + 1]),
                  errors::InvalidArgument("BatchToSpaceND sizes overflow"));
      const int64_t cropped = full[i + 1] - crops[2 * i] - crops[2 * i + 1];
      OP_REQUIRES(
          ctx, cropped >= 0,
          errors::InvalidArgument("Cropped size must be non-negative: "
                                  "start: ",
                                  crops[2 * i], " end: ", crops[2 * i + 1],
                                  " size ", full[i + 1]));
    }
    out_dims = full;
    for (int i = 0; i < m; ++i) {
      out_dims[i + 1] = full[i + 1] - crops[2 * i] - crops[2 * i + 1];
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, Shape(out_dims)));
    if (out->NumElements() == 0) return;
    // View [b1..bM, B, I1..IM, R] -> [B, I1, b1, ..., IM, bM, R].
    const int64_t rest = DimProduct(in.shape(), m + 1, in.dims());
    std::vector<int64_t> view(block.begin(), block.end()), full_view = {batch};
    view.push_back(batch);
    std::vector<int> perm = {m};
    for (int i = 0; i < m; ++i) {
      view.push_back(in.dim_size(i + 1));
      perm.push_back(m + 1 + i);
      perm.push_back(i);
      full_view.push_back(in.dim_size(i + 1));
      full_view.push_back(block[i]);
    }
    view.push_back(rest);
    perm.push_back(2 * m + 1);
    full_view.push_back(rest);
    Tensor whole(in.dtype(), Shape(full_view));
    OP_REQUIRES_ASSIGN(ctx, Tensor v, in.Reshaped(Shape(view)));
    PermutedCopy(v, perm, &whole);
    // Crop: out[b, s, r] = whole[b, s + crop_start, r].
    OP_REQUIRES_ASSIGN(ctx, Tensor w, whole.Reshaped(Shape(full)));
    const std::vector<int64_t> strides = RowMajorStrides(w.shape());
    int64_t base = 0;
    for (int i = 0; i < m; ++i) base += crops[2 * i] * strides[i + 1];
    StridedCopy(w, base, strides, out);
  }
};

// DepthToSpace / SpaceToDepth, NHWC only (TF's CPU kernels).
template <bool kToSpace>
class DepthSpaceOp : public LayoutOpBase {
 public:
  explicit DepthSpaceOp(OpKernelConstruction* c) : LayoutOpBase(c) {
    std::string format;
    OP_REQUIRES_OK(c, c->GetAttr("block_size", &bs_));
    OP_REQUIRES_OK(c, c->GetAttr("data_format", &format));
    OP_REQUIRES(
        c, bs_ > 1 && bs_ <= (int64_t{1} << 30),
        errors::InvalidArgument(
            "Block size should be > 1 and at most 2^30, but was: ", bs_));
    OP_REQUIRES(c, format == "NHWC",
                errors::InvalidArgument(
                    "Only NHWC data_format supported on CPU. Got ", format));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES(ctx, in.dims() == 4,
                errors::InvalidArgument("Input rank should be: 4 instead of: ",
                                        in.dims()));
    const int64_t n = in.dim_size(0), h = in.dim_size(1), w = in.dim_size(2),
                  c = in.dim_size(3), bs = bs_;
    std::vector<int64_t> view, out_view, out_dims;
    if (kToSpace) {
      OP_REQUIRES(
          ctx, c % (bs * bs) == 0,
          errors::InvalidArgument("Input depth dimension ", c,
                                  " should be divisible by: ", bs * bs));
      const int64_t co = c / (bs * bs);
      int64_t unused;
      OP_REQUIRES(ctx,
                  !__builtin_mul_overflow(h, bs, &unused) &&
                      !__builtin_mul_overflow(w, bs, &unused),
                  errors::InvalidArgument("DepthToSpace output overflows"));
      view = {n, h, w, bs, bs, co};
      out_view = {n, h, bs, w, bs, co};
      out_dims = {n, h * bs, w * bs, co};
    } else {
      OP_REQUIRES(ctx, h % bs == 0 && w % bs == 0,
                  errors::InvalidArgument("Image width ", w, " and height ", h,
                                          " should be divisible by "
                                          "block_size: ",
                                          bs));
      view = {n, h / bs, bs, w / bs, bs, c};
      out_view = {n, h / bs, w / bs, bs, bs, c};
      out_dims = {n, h / bs, w / bs, c * bs * bs};
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, Shape(out_dims)));
    if (out->NumElements() == 0) return;
    OP_REQUIRES_ASSIGN(ctx, Tensor v, in.Reshaped(Shape(view)));
    OP_REQUIRES_ASSIGN(ctx, Tensor o, out->Reshaped(Shape(out_view)));
    PermutedCopy(v, {0, 1, 3, 2, 4, 5}, &o);
  }

 private:
  int64_t bs_ = 2;
};

}  // namespace

void RegisterSpaceDepthKernels(KernelRegistry* r) {
  r->Register<SpaceToBatchNDOp>("SpaceToBatchND");
  r->Register<BatchToSpaceNDOp>("BatchToSpaceND");
  r->Register<DepthSpaceOp<true>>("DepthToSpace");
  r->Register<DepthSpaceOp<false>>("SpaceToDepth");
}

}  // namespace tfpersist
