// StaticRegexFullMatch: per element, whether the whole string matches
// "pattern" (compiled once). TF uses RE2; we use std::regex (ECMAScript),
// which agrees on the patterns TF writes (the Saver's "^s3://.*").
#include <regex>

#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class StaticRegexFullMatchOp : public OpKernel {
 public:
  explicit StaticRegexFullMatchOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string pattern;
    OP_REQUIRES_OK(c, c->GetAttr("pattern", &pattern));
    try {
      regex_ = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      c->SetStatus(errors::InvalidArgument("Invalid pattern: ", pattern,
                                           ", error: ", e.what()));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, input.shape()));
    const std::string* src = input.data<std::string>();
    bool* dst = out->data<bool>();
    for (int64_t i = 0; i < input.NumElements(); ++i) {
      dst[i] = std::regex_match(src[i], regex_);
    }
  }

 private:
  std::regex regex_;
};

}  // namespace

void RegisterRegexKernels(KernelRegistry* r) {
  r->Register<StaticRegexFullMatchOp>("StaticRegexFullMatch");
}

}  // namespace tfpersist
