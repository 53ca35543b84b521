#include "runtime/buffer_forwarding.h"

namespace tfpersist {
namespace {

thread_local ForwardingScope* current_scope = nullptr;

}  // namespace

ForwardingScope::ForwardingScope(const OpKernelContext* ctx,
                                 std::vector<TensorValue>* inputs,
                                 const std::vector<bool>* forwardable)
    : ctx_(ctx),
      inputs_(inputs),
      forwardable_(forwardable),
      fresh_(ctx->num_outputs(), nullptr),
      previous_(current_scope) {
  current_scope = this;
}

ForwardingScope::~ForwardingScope() { current_scope = previous_; }

bool ForwardingScope::IsFresh(int i, const TensorValue& value) const {
  return fresh_[i] != nullptr && !value.is_ref() && !value.is_resource() &&
         value.tensor.raw_data() == fresh_[i];
}

void MarkOutputFresh(OpKernelContext* ctx, int i, const Tensor& t) {
  ForwardingScope* scope = current_scope;
  if (scope == nullptr || scope->ctx_ != ctx) return;
  scope->fresh_[i] = t.raw_data();
}

bool ForwardInput(OpKernelContext* ctx, int i, Tensor* out) {
  ForwardingScope* scope = current_scope;
  if (scope == nullptr || scope->ctx_ != ctx || !(*scope->forwardable_)[i]) {
    return false;
  }
  TensorValue& value = (*scope->inputs_)[i];
  if (value.is_ref() || value.is_resource()) return false;
  *out = std::move(value.tensor);
  value.tensor = Tensor();
  return true;
}

}  // namespace tfpersist
