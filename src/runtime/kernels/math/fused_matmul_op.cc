// _FusedMatMul (float): MatMul + BiasAdd [+ Relu/Relu6/Elu/LeakyRelu] in
// one oneDNN matmul primitive, as TensorFlow's remapper fuses them.
//   product = act(op(a) x op(b) + bias)
// The session optimizer (runtime/optimizer/) creates these nodes and sets
// `_tfp_const_filter` when b comes from a Const: b is then reordered once
// per row count m into oneDNN's layout and kept (shared by concurrent Runs).
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/onednn/onednn.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
constexpr auto kF32 = memory::data_type::f32;

struct MatMulEntry {
  dnnl::matmul matmul;
  memory::desc a_desc, b_desc, user_b_desc, bias_desc, out_desc;
  size_t scratch = 0;
  std::once_flag packed_once;
  memory packed;
};

class FusedMatMulOp : public OpKernel {
 public:
  explicit FusedMatMulOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("transpose_a", &transpose_a_));
    OP_REQUIRES_OK(c, c->GetAttr("transpose_b", &transpose_b_));
    RequireDType(c, DTypeList<DT_FLOAT>{}, "T", c->input_type(0));
    OP_REQUIRES_ASSIGN(c, ops_, onednn::ParseFusedOps(c));
    if (c->HasAttr("_tfp_const_filter")) {
      OP_REQUIRES_OK(c, c->GetAttr("_tfp_const_filter", &const_b_));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& a = ctx->input(0);
    const Tensor& b = ctx->input(1);
    OP_REQUIRES(ctx, a.dims() == 2 && b.dims() == 2,
                errors::InvalidArgument("In[0] and In[1] has different ndims: ",
                                        a.shape().DebugString(), " vs. ",
                                        b.shape().DebugString()));
    const int64_t m = a.dim_size(transpose_a_ ? 1 : 0);
    const int64_t k = a.dim_size(transpose_a_ ? 0 : 1);
    const int64_t n = b.dim_size(transpose_b_ ? 0 : 1);
    OP_REQUIRES(ctx, k == b.dim_size(transpose_b_ ? 1 : 0),
                errors::InvalidArgument("Matrix size-incompatible: In[0]: ",
                                        a.shape().DebugString(),
                                        ", In[1]: ", b.shape().DebugString()));
    if (ops_.bias) {
      const Tensor& bias = ctx->input(2);
      OP_REQUIRES(ctx, bias.dims() == 1 && bias.dim_size(0) == n,
                  errors::InvalidArgument(
                      "Must provide as many biases as the last dimension of "
                      "the input tensor: ",
                      bias.shape().DebugString(), " vs. ", n));
    }
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape,
                       TensorShape::Build(std::vector<int64_t>{m, n}));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    if (out->NumElements() == 0) return;
    if (k == 0) {
      onednn::FillBiasActivation(ops_, ops_.bias ? &ctx->input(2) : nullptr,
                                 out);
      return;
    }
    const int threads = onednn::UseThreads(ctx, 2.0 * m * k * n);
    MatMulEntry* e = GetEntry(m, k, n, threads);
    Run(ctx, *e, a, b, out);
  }

 private:
  MatMulEntry* GetEntry(int64_t m, int64_t k, int64_t n, int threads) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = entries_[{m, k, n, threads}];
    if (slot == nullptr) slot = MakeEntry(m, k, n);
    return slot.get();
  }

  std::unique_ptr<MatMulEntry> MakeEntry(int64_t m, int64_t k, int64_t n) {
    auto e = std::make_unique<MatMulEntry>();
    e->a_desc = memory::desc({m, k}, kF32, transpose_a_ ? Tag::ba : Tag::ab);
    e->user_b_desc =
        memory::desc({k, n}, kF32, transpose_b_ ? Tag::ba : Tag::ab);
    e->bias_desc = memory::desc({1, n}, kF32, Tag::ab);
    e->out_desc = memory::desc({m, n}, kF32, Tag::ab);
    const memory::desc b_any =
        const_b_ ? memory::desc({k, n}, kF32, Tag::any) : e->user_b_desc;
    dnnl::matmul::primitive_desc pd(
        dnnl::matmul::desc(e->a_desc, b_any,
                           ops_.bias ? e->bias_desc : memory::desc(),
                           e->out_desc),
        onednn::MakeAttr(ops_), onednn::Engine());
    e->b_desc = pd.weights_desc();
    e->scratch = pd.scratchpad_desc().get_size();
    e->matmul = dnnl::matmul(pd);
    return e;
  }

  void Run(OpKernelContext* ctx, MatMulEntry& e, const Tensor& a,
           const Tensor& b, Tensor* out) const {
    memory weights = onednn::Wrap(e.user_b_desc, b.data<float>());
    if (const_b_) {
      std::call_once(e.packed_once, [&] {
        e.packed = memory(e.b_desc, onednn::Engine());
        dnnl::reorder r(weights, e.packed);
        onednn::Execute(r, {{DNNL_ARG_FROM, weights}, {DNNL_ARG_TO, e.packed}},
                        0);
      });
      weights = e.packed;
    }
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC, onednn::Wrap(e.a_desc, a.data<float>())},
        {DNNL_ARG_WEIGHTS, weights},
        {DNNL_ARG_DST, onednn::Wrap(e.out_desc, out->data<float>())}};
    if (ops_.bias) {
      args[DNNL_ARG_BIAS] =
          onednn::Wrap(e.bias_desc, ctx->input(2).data<float>());
    }
    onednn::Execute(e.matmul, std::move(args), e.scratch);
  }

  bool transpose_a_ = false, transpose_b_ = false, const_b_ = false;
  onednn::FusedOps ops_;
  std::mutex mu_;  // guards entries_ (entries are never removed)
  std::map<std::vector<int64_t>, std::unique_ptr<MatMulEntry>> entries_;
};

}  // namespace

void RegisterFusedMatMulKernels(KernelRegistry* r) {
  r->Register<FusedMatMulOp>("_FusedMatMul");
}

}  // namespace tfpersist
