// StringToHashBucketFast: Fingerprint64(s) % num_buckets per element, as
// feature columns' categorical_column_with_hash_bucket emits it.
#include <bit>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/reference/fingerprint64.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

static_assert(std::endian::native == std::endian::little,
              "Fingerprint64 reads little-endian words");

class StringToHashBucketFastOp : public OpKernel {
 public:
  explicit StringToHashBucketFastOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("num_buckets", &num_buckets_));
    OP_REQUIRES(c, num_buckets_ >= 1,
                errors::InvalidArgument("num_buckets must be >= 1, got ",
                                        num_buckets_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, input.shape()));
    auto in = input.flat<std::string>();
    auto o = out->flat<int64_t>();
    const uint64_t buckets = static_cast<uint64_t>(num_buckets_);
    for (size_t i = 0; i < in.size(); ++i) {
      o[i] = static_cast<int64_t>(reference::Fingerprint64(in[i]) % buckets);
    }
  }

 private:
  int64_t num_buckets_ = 1;
};

}  // namespace

void RegisterStringToHashBucketKernels(KernelRegistry* r) {
  r->Register<StringToHashBucketFastOp>("StringToHashBucketFast");
}

}  // namespace tfpersist
