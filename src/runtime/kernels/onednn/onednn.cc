#include "runtime/kernels/onednn/onednn.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/onednn/cpu_isa.h"

namespace tfpersist::onednn {

namespace {

// Below ~1 MFLOP per thread the hand-off costs more than it saves.
constexpr double kFlopsPerThread = 1e6;

}  // namespace

int UseThreads(const OpKernelContext* ctx, double flops) {
  const int most = NumThreads(ctx);
  const int useful = static_cast<int>(flops / kFlopsPerThread);
  const int n = std::max(1, std::min(most, useful));
  omp_set_num_threads(n);
  return n;
}

const dnnl::engine& Engine() {
  static const dnnl::engine* engine = [] {
    if (SelectedCpuIsa() == CpuIsa::kBaseline) {
      dnnl::set_max_cpu_isa(dnnl::cpu_isa::sse41);
    }
    return new dnnl::engine(dnnl::engine::kind::cpu, 0);
  }();
  return *engine;
}

StatusOr<FusedOps> ParseFusedOps(const OpKernelConstruction* c) {
  std::vector<std::string> names;
  TFP_RETURN_IF_ERROR(c->GetAttr("fused_ops", &names));
  int64_t num_args = 0;
  TFP_RETURN_IF_ERROR(c->GetAttr("num_args", &num_args));
  FusedOps ops;
  if (c->HasAttr("leakyrelu_alpha")) {
    TFP_RETURN_IF_ERROR(c->GetAttr("leakyrelu_alpha", &ops.leakyrelu_alpha));
  }
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ",") + n;
  auto unsupported = [&]() {
    return errors::Unimplemented("Fusion is not implemented: [", list, "]");
  };
  if (names.size() > 2 || (!names.empty() && names[0] != "BiasAdd")) {
    return unsupported();
  }
  ops.bias = !names.empty();
  if (names.size() == 2) {
    const std::string& a = names[1];
    if (a == "Relu") {
      ops.activation = Activation::kRelu;
    } else if (a == "Relu6") {
      ops.activation = Activation::kRelu6;
    } else if (a == "Elu") {
      ops.activation = Activation::kElu;
    } else if (a == "LeakyRelu") {
      ops.activation = Activation::kLeakyRelu;
    } else {
      return unsupported();
    }
  }
  if (num_args != (ops.bias ? 1 : 0)) {
    return errors::InvalidArgument("Fused ", list, " expects ",
                                   ops.bias ? 1 : 0, " args, got ", num_args);
  }
  return ops;
}

dnnl::primitive_attr MakeAttr(const FusedOps& ops) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::post_ops post;
  using A = dnnl::algorithm;
  switch (ops.activation) {
    case Activation::kRelu:
      post.append_eltwise(1.f, A::eltwise_relu, 0.f, 0.f);
      break;
    case Activation::kRelu6:
      post.append_eltwise(1.f, A::eltwise_clip, 0.f, 6.f);
      break;
    case Activation::kElu:
      post.append_eltwise(1.f, A::eltwise_elu, 1.f, 0.f);
      break;
    case Activation::kLeakyRelu:
      post.append_eltwise(1.f, A::eltwise_relu, ops.leakyrelu_alpha, 0.f);
      break;
    case Activation::kNone:
      break;
  }
  attr.set_post_ops(post);
  return attr;
}

void Execute(const dnnl::primitive& p,
             std::unordered_map<int, dnnl::memory> args, size_t scratch_bytes) {
  std::unique_ptr<char[]> scratch;
  if (scratch_bytes > 0) {
    scratch.reset(new char[scratch_bytes]);
    dnnl::memory::desc d({static_cast<int64_t>(scratch_bytes)},
                         dnnl::memory::data_type::u8,
                         dnnl::memory::format_tag::a);
    args.emplace(DNNL_ARG_SCRATCHPAD, dnnl::memory(d, Engine(), scratch.get()));
  }
  dnnl::stream stream(Engine());
  p.execute(stream, args);
  stream.wait();
}

void Sgemm(const OpKernelContext* ctx, const float* a, const float* b,
           float* out, int64_t m, int64_t k, int64_t n, bool transpose_a,
           bool transpose_b) {
  Engine();  // applies the ISA cap before sgemm's first code generation
  UseThreads(ctx, 2.0 * m * n * k);
  dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, 1.f, a,
             transpose_a ? m : k, b, transpose_b ? k : n, 0.f, out, n);
}

void FillBiasActivation(const FusedOps& ops, const Tensor* bias, Tensor* out) {
  float* o = out->data<float>();
  const int64_t n = out->NumElements();
  const int64_t c = out->dims() > 0 ? out->dim_size(out->dims() - 1) : 1;
  for (int64_t i = 0; i < n; ++i) {
    float v = bias != nullptr ? bias->data<float>()[i % c] : 0.f;
    switch (ops.activation) {
      case Activation::kRelu:
        v = std::max(v, 0.f);
        break;
      case Activation::kRelu6:
        v = std::min(std::max(v, 0.f), 6.f);
        break;
      case Activation::kElu:
        v = v < 0 ? std::expm1(v) : v;
        break;
      case Activation::kLeakyRelu:
        v = v < 0 ? v * ops.leakyrelu_alpha : v;
        break;
      case Activation::kNone:
        break;
    }
    o[i] = v;
  }
}

dnnl::memory Wrap(const dnnl::memory::desc& desc, const float* data) {
  return dnnl::memory(desc, Engine(), const_cast<float*>(data));
}

}  // namespace tfpersist::onednn
