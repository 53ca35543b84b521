// oneDNN (Debian's libdnnl, the library TensorFlow uses on x86) for the
// float convolution and matrix-product kernels: the CPU engine, the fused
// activations of _Fused* ops as post-ops, and one call that runs a
// primitive on the kernel's intra-op thread count.
//
// Instruction set: oneDNN picks AVX-512 / AVX2 / SSE4.1 code at run time
// from the CPU; with TFP_DISABLE_AVX2=1 in the environment (read once, at
// the first Engine() call) it is capped at SSE4.1 (cpu_isa.h).
//
// Thread-safety: Engine() and Execute() may be called from any thread;
// primitives are created with a user scratchpad so one primitive can run
// concurrently (each Execute brings its own scratch memory).
#ifndef TFPERSIST_RUNTIME_KERNELS_ONEDNN_ONEDNN_H_
#define TFPERSIST_RUNTIME_KERNELS_ONEDNN_ONEDNN_H_

#include <dnnl.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/op_kernel.h"

namespace tfpersist::onednn {

// The process-wide CPU engine.
const dnnl::engine& Engine();

// The activation a _Fused* op applies after its bias.
enum class Activation { kNone, kRelu, kRelu6, kElu, kLeakyRelu };

struct FusedOps {
  bool bias = false;
  Activation activation = Activation::kNone;
  float leakyrelu_alpha = 0.2f;
};

// Parses the fused_ops attr of _FusedConv2D / _FusedDepthwiseConv2dNative /
// _FusedMatMul: [] , ["BiasAdd"] or ["BiasAdd", <Relu|Relu6|Elu|LeakyRelu>],
// with num_args = 1 when BiasAdd is there (0 otherwise). UNIMPLEMENTED
// naming the list for anything else (TF's CPU kernels support more, e.g.
// FusedBatchNorm; tfpersist's optimizer folds those before fusing).
StatusOr<FusedOps> ParseFusedOps(const OpKernelConstruction* c);

// Primitive attributes: user scratchpad and the activation post-op.
dnnl::primitive_attr MakeAttr(const FusedOps& ops);

// Sets the calling thread's OpenMP thread count for the next oneDNN
// primitive creation and execution, and returns it: ctx's intra-op thread
// count (1 when ctx is nullptr), fewer when `flops` is too little work to
// pay for waking another thread. oneDNN's JIT primitives fix their thread
// count when created, so kernels cache primitives per count.
int UseThreads(const OpKernelContext* ctx, double flops);

// Runs `p` with `args` (on the count UseThreads set), allocating its
// scratchpad of `scratch_bytes`, and waits.
void Execute(const dnnl::primitive& p,
             std::unordered_map<int, dnnl::memory> args, size_t scratch_bytes);

// out[m x n] = op(a) * op(b), row-major (the contract of math/gemm.h's
// Gemm), with oneDNN's sgemm on ctx's intra-op thread count (1 when ctx is
// nullptr). REQUIRES: m, k, n > 0.
void Sgemm(const OpKernelContext* ctx, const float* a, const float* b,
           float* out, int64_t m, int64_t k, int64_t n, bool transpose_a,
           bool transpose_b);

// out[..., c] = act(bias[c]) (0 without bias): the value of a contraction
// over an empty dimension. REQUIRES: bias (if given) has out's last dim.
void FillBiasActivation(const FusedOps& ops, const Tensor* bias, Tensor* out);

// The user memory a tensor's data is wrapped in (no copy). REQUIRES: the
// tensor outlives the memory's use.
dnnl::memory Wrap(const dnnl::memory::desc& desc, const float* data);

}  // namespace tfpersist::onednn

#endif  // TFPERSIST_RUNTIME_KERNELS_ONEDNN_ONEDNN_H_
