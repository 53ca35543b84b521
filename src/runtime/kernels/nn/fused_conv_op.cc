// _FusedConv2D and _FusedDepthwiseConv2dNative (float, NHWC): the
// convolution, its bias and activation in one oneDNN primitive, as
// TensorFlow's remapper fuses Conv2D / DepthwiseConv2dNative + BiasAdd +
// Relu/Relu6/Elu/LeakyRelu. tfpersist's session optimizer creates these
// nodes (runtime/optimizer/); it sets the internal attr
// `_tfp_const_filter` when the filter comes from a Const, and then the
// filter is reordered into oneDNN's blocked layout once per input shape and
// kept (shared by concurrent Runs); otherwise it is used in place (HWIO).
//
//   out = act(conv(input, filter) + bias)
// Filter: HWIO [fh, fw, in, out] for Conv2D; [fh, fw, in, mult] for the
// depthwise op (output channel c * mult + q), as the unfused ops.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/nn/nn_kernels.h"
#include "runtime/kernels/nn/window_attrs.h"
#include "runtime/kernels/onednn/onednn.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using dnnl::memory;
using reference::ConvGeometry;
using Tag = memory::format_tag;
constexpr auto kF32 = memory::data_type::f32;

// One input shape's primitive (and, for a const filter, packed weights).
struct ConvEntry {
  dnnl::convolution_forward conv;
  memory::desc weights_desc, user_weights_desc, bias_desc, src_desc, dst_desc;
  size_t scratch = 0;
  std::once_flag packed_once;
  memory packed;  // set once when the filter is const
};

class FusedConvOp : public OpKernel {
 public:
  FusedConvOp(OpKernelConstruction* c, bool depthwise)
      : OpKernel(c), depthwise_(depthwise) {
    OP_REQUIRES_OK(
        c, ParseWindowAttrs(
               c, {.has_dilations = true, .has_explicit_paddings = true},
               &attrs_));
    RequireDType(c, DTypeList<DT_FLOAT>{}, "T", c->input_type(0));
    OP_REQUIRES_ASSIGN(c, ops_, onednn::ParseFusedOps(c));
    if (c->HasAttr("_tfp_const_filter")) {
      OP_REQUIRES_OK(c, c->GetAttr("_tfp_const_filter", &const_filter_));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& filter = ctx->input(1);
    OP_REQUIRES_OK(ctx, Require4D(input, "input"));
    OP_REQUIRES_OK(ctx, Require4D(filter, "filter"));
    const int64_t in_c = input.dim_size(3);
    OP_REQUIRES(ctx, filter.dim_size(2) == in_c,
                errors::InvalidArgument("input depth must match filter depth: ",
                                        in_c, " vs ", filter.dim_size(2)));
    const int64_t out_c = filter.dim_size(3) * (depthwise_ ? in_c : 1);
    OP_REQUIRES_ASSIGN(ctx, ConvGeometry g,
                       MakeGeometry(attrs_, input.shape(), filter.dim_size(0),
                                    filter.dim_size(1)));
    if (ops_.bias) {
      const Tensor& bias = ctx->input(2);
      OP_REQUIRES(ctx, bias.dims() == 1 && bias.dim_size(0) == out_c,
                  errors::InvalidArgument(
                      "Must provide as many biases as the last dimension of "
                      "the input tensor: ",
                      bias.shape().DebugString(), " vs. ", out_c));
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, OutputShape(g, out_c));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (out->NumElements() == 0) return;
    if (input.NumElements() == 0 || filter.NumElements() == 0) {
      // An empty contraction sums nothing: act(0 + bias).
      onednn::FillBiasActivation(ops_, ops_.bias ? &ctx->input(2) : nullptr,
                                 out);
      return;
    }
    const double flops = 2.0 * out->NumElements() * filter.dim_size(0) *
                         filter.dim_size(1) * (depthwise_ ? 1 : in_c);
    const int threads = onednn::UseThreads(ctx, flops);
    ConvEntry* e = GetEntry(g, filter, out_c, threads);
    Run(ctx, *e, input, filter, out);
  }

 private:
  ConvEntry* GetEntry(const ConvGeometry& g, const Tensor& filter,
                      int64_t out_c, int threads) {
    std::vector<int64_t> key = {g.batch,
                                g.in_h,
                                g.in_w,
                                g.in_c,
                                filter.dim_size(0),
                                filter.dim_size(1),
                                filter.dim_size(3),
                                threads};
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = entries_[key];
    if (slot == nullptr) slot = MakeEntry(g, filter, out_c);
    return slot.get();
  }

  std::unique_ptr<ConvEntry> MakeEntry(const ConvGeometry& g,
                                       const Tensor& filter, int64_t out_c) {
    auto e = std::make_unique<ConvEntry>();
    const int64_t fh = g.filter_h, fw = g.filter_w;
    const int64_t pad_bottom = std::max<int64_t>(
        0, (g.out_h - 1) * g.stride_h + (fh - 1) * g.dilation_h + 1 - g.in_h -
               g.pad_top);
    const int64_t pad_right = std::max<int64_t>(0, (g.out_w - 1) * g.stride_w +
                                                       (fw - 1) * g.dilation_w +
                                                       1 - g.in_w - g.pad_left);
    e->src_desc =
        memory::desc({g.batch, g.in_c, g.in_h, g.in_w}, kF32, Tag::nhwc);
    e->dst_desc =
        memory::desc({g.batch, out_c, g.out_h, g.out_w}, kF32, Tag::nhwc);
    memory::dims wdims =
        depthwise_ ? memory::dims{g.in_c, filter.dim_size(3), 1, fh, fw}
                   : memory::dims{out_c, g.in_c, fh, fw};
    e->user_weights_desc =
        memory::desc(wdims, kF32, depthwise_ ? Tag::hwigo : Tag::hwio);
    e->bias_desc = memory::desc({out_c}, kF32, Tag::a);
    const memory::desc wany = const_filter_
                                  ? memory::desc(wdims, kF32, Tag::any)
                                  : e->user_weights_desc;
    dnnl::convolution_forward::desc d(
        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
        e->src_desc, wany, ops_.bias ? e->bias_desc : memory::desc(),
        e->dst_desc, {g.stride_h, g.stride_w},
        {g.dilation_h - 1, g.dilation_w - 1}, {g.pad_top, g.pad_left},
        {pad_bottom, pad_right});
    dnnl::convolution_forward::primitive_desc pd(d, onednn::MakeAttr(ops_),
                                                 onednn::Engine());
    e->weights_desc = pd.weights_desc();
    e->scratch = pd.scratchpad_desc().get_size();
    e->conv = dnnl::convolution_forward(pd);
    return e;
  }

  void Run(OpKernelContext* ctx, ConvEntry& e, const Tensor& input,
           const Tensor& filter, Tensor* out) const {
    memory weights = onednn::Wrap(e.user_weights_desc, filter.data<float>());
    if (const_filter_) {
      std::call_once(e.packed_once, [&] {
        e.packed = memory(e.weights_desc, onednn::Engine());
        dnnl::reorder r(weights, e.packed);
        onednn::Execute(r, {{DNNL_ARG_FROM, weights}, {DNNL_ARG_TO, e.packed}},
                        0);
      });
      weights = e.packed;
    }
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC, onednn::Wrap(e.src_desc, input.data<float>())},
        {DNNL_ARG_WEIGHTS, weights},
        {DNNL_ARG_DST, onednn::Wrap(e.dst_desc, out->data<float>())}};
    if (ops_.bias) {
      args[DNNL_ARG_BIAS] =
          onednn::Wrap(e.bias_desc, ctx->input(2).data<float>());
    }
    onednn::Execute(e.conv, std::move(args), e.scratch);
  }

  const bool depthwise_;
  WindowAttrs attrs_;
  onednn::FusedOps ops_;
  bool const_filter_ = false;
  std::mutex mu_;  // guards entries_ (entries are never removed)
  std::map<std::vector<int64_t>, std::unique_ptr<ConvEntry>> entries_;
};

class FusedConv2DOp : public FusedConvOp {
 public:
  explicit FusedConv2DOp(OpKernelConstruction* c) : FusedConvOp(c, false) {}
};

class FusedDepthwiseConvOp : public FusedConvOp {
 public:
  explicit FusedDepthwiseConvOp(OpKernelConstruction* c)
      : FusedConvOp(c, true) {}
};

}  // namespace

void RegisterFusedConvKernels(KernelRegistry* r) {
  r->Register<FusedConv2DOp>("_FusedConv2D");
  r->Register<FusedDepthwiseConvOp>("_FusedDepthwiseConv2dNative");
}

}  // namespace tfpersist
