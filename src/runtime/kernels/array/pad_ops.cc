// Pad, PadV2 (constant padding, zero or `constant_values`) and MirrorPad
// (REFLECT / SYMMETRIC), for every dtype with element storage (TF registers
// POD types, quantized types and strings). TF's messages.
#include <string>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/array/index_map_copy.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Reads a [rank, 2] paddings tensor into (before, after) pairs.
StatusOr<std::vector<int64_t>> ReadPaddings(const Tensor& input,
                                            const Tensor& paddings) {
  if (paddings.dims() != 2 || paddings.dim_size(1) != 2) {
    return errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                   paddings.shape().DebugString());
  }
  if (paddings.dim_size(0) != input.dims()) {
    return errors::InvalidArgument(
        "The first dimension of paddings must be the rank of inputs",
        paddings.shape().DebugString(), " ", input.shape().DebugString());
  }
  return ReadIndexTensor(paddings, "paddings");
}

// Allocates output 0 with dims in + before + after (paddings validated
// non-negative); INVALID_ARGUMENT when a dim or the size overflows.
StatusOr<Tensor*> AllocatePadded(OpKernelContext* ctx, const Tensor& in,
                                 const std::vector<int64_t>& pads) {
  std::vector<int64_t> dims(in.dims());
  for (int d = 0; d < in.dims(); ++d) {
    if (__builtin_add_overflow(in.dim_size(d), pads[2 * d], &dims[d]) ||
        __builtin_add_overflow(dims[d], pads[2 * d + 1], &dims[d])) {
      return errors::InvalidArgument("Padded dimension ", d, " overflows");
    }
  }
  TFP_ASSIGN_OR_RETURN(TensorShape shape, TensorShape::Build(dims));
  return ctx->allocate_output(0, shape);
}

// Maps output coordinate i of one dim to input coordinate i - before, or -1
// outside [0, n).
std::vector<int64_t> ConstantMap(int64_t n, int64_t before, int64_t after) {
  std::vector<int64_t> map(n + before + after);
  for (int64_t i = 0; i < static_cast<int64_t>(map.size()); ++i) {
    const int64_t j = i - before;
    map[i] = j >= 0 && j < n ? j : -1;
  }
  return map;
}

// Mirrored coordinates; `shift` is 0 for REFLECT, 1 for SYMMETRIC.
std::vector<int64_t> MirrorMap(int64_t n, int64_t before, int64_t after,
                               int64_t shift) {
  std::vector<int64_t> map;
  for (int64_t i = before; i > 0; --i) map.push_back(i - 1 + 1 - shift);
  for (int64_t j = 0; j < n; ++j) map.push_back(j);
  for (int64_t i = 0; i < after; ++i) map.push_back(n - 2 + shift - i);
  return map;
}

template <bool kV2>
class PadOp : public OpKernel {
 public:
  explicit PadOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, VisitStorageType(c->input_type(0), [](auto) {}),
                errors::InvalidArgument("Pad does not support ",
                                        DataTypeString(c->input_type(0))));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> pads,
                       ReadPaddings(in, ctx->input(1)));
    const Tensor* pad_value = nullptr;
    if (kV2) {
      pad_value = &ctx->input(2);
      OP_REQUIRES(ctx, pad_value->dims() == 0,
                  errors::InvalidArgument("constant_values must be a scalar. "
                                          "Found: ",
                                          pad_value->shape().DebugString()));
    }
    for (int d = 0; d < in.dims(); ++d) {
      OP_REQUIRES(ctx, pads[2 * d] >= 0 && pads[2 * d + 1] >= 0,
                  errors::InvalidArgument("Paddings must be non-negative: ",
                                          pads[2 * d], " ", pads[2 * d + 1]));
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, AllocatePadded(ctx, in, pads));
    if (out->NumElements() == 0) return;
    DimMaps maps;
    for (int d = 0; d < in.dims(); ++d) {
      maps.push_back(ConstantMap(in.dim_size(d), pads[2 * d], pads[2 * d + 1]));
    }
    IndexMapCopy(in, maps, pad_value, out);
  }
};

class MirrorPadOp : public OpKernel {
 public:
  explicit MirrorPadOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string mode;
    OP_REQUIRES_OK(c, c->GetAttr("mode", &mode));
    OP_REQUIRES(c, mode == "REFLECT" || mode == "SYMMETRIC",
                errors::InvalidArgument("mode must be either REFLECT or "
                                        "SYMMETRIC, not ",
                                        mode));
    shift_ = mode == "SYMMETRIC" ? 1 : 0;
    OP_REQUIRES(c, VisitStorageType(c->input_type(0), [](auto) {}),
                errors::InvalidArgument("MirrorPad does not support ",
                                        DataTypeString(c->input_type(0))));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> pads,
                       ReadPaddings(in, ctx->input(1)));
    for (int d = 0; d < in.dims(); ++d) {
      const int64_t before = pads[2 * d], after = pads[2 * d + 1];
      const int64_t n = in.dim_size(d);
      OP_REQUIRES(ctx, before >= 0 && after >= 0,
                  errors::InvalidArgument(
                      "paddings must be non-negative: ", before, " ", after));
      if (shift_ == 0) {
        OP_REQUIRES(ctx, before < n && after < n,
                    errors::InvalidArgument(
                        "paddings must be less than the dimension size: ",
                        before, ", ", after, " not less than ", n));
      } else {
        OP_REQUIRES(ctx, before <= n && after <= n,
                    errors::InvalidArgument(
                        "paddings must be no greater than the dimension "
                        "size: ",
                        before, ", ", after, " greater than ", n));
      }
    }
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, AllocatePadded(ctx, in, pads));
    if (out->NumElements() == 0) return;
    DimMaps maps;
    for (int d = 0; d < in.dims(); ++d) {
      maps.push_back(
          MirrorMap(in.dim_size(d), pads[2 * d], pads[2 * d + 1], shift_));
    }
    IndexMapCopy(in, maps, nullptr, out);
  }

 private:
  int64_t shift_ = 0;
};

}  // namespace

void RegisterPadKernels(KernelRegistry* r) {
  r->Register<PadOp<false>>("Pad");
  r->Register<PadOp<true>>("PadV2");
  r->Register<MirrorPadOp>("MirrorPad");
}

}  // namespace tfpersist
