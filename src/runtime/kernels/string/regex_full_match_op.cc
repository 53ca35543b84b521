// StaticRegexFullMatch: per element, whether the whole string matches
// "pattern" (compiled once). Uses RE2 like TensorFlow: linear time in the
// input, no recursion, so hostile strings or patterns cannot hang or
// overflow the stack.
#include <re2/re2.h>

#include <memory>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/string/regex_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class StaticRegexFullMatchOp : public OpKernel {
 public:
  explicit StaticRegexFullMatchOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string pattern;
    OP_REQUIRES_OK(c, c->GetAttr("pattern", &pattern));
    auto re = CompileRegex(pattern);
    OP_REQUIRES_OK(c, re.status());
    re_ = std::move(re).value();
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, input.shape()));
    const std::string* src = input.data<std::string>();
    bool* dst = out->data<bool>();
    for (int64_t i = 0; i < input.NumElements(); ++i) {
      dst[i] = RE2::FullMatch(src[i], *re_);
    }
  }

 private:
  std::unique_ptr<const RE2> re_;  // immutable; RE2 is thread-safe
};

}  // namespace

void RegisterRegexKernels(KernelRegistry* r) {
  r->Register<StaticRegexFullMatchOp>("StaticRegexFullMatch");
}

}  // namespace tfpersist
