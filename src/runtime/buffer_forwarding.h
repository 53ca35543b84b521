// Buffer forwarding between kernels (TF's OpKernelContext::forward_input):
// a kernel that produced an output in a buffer nothing else references marks
// it fresh; when the executor sends a fresh output along exactly one data
// edge and nobody fetches it, the consumer may take the tensor instead of
// copying it (Assign adopts a RestoreV2 or Fill result; issue 14).
//
// The executor opens a ForwardingScope around each Compute, on the thread
// that runs it (Compute is synchronous). Outside a scope (the kernel test
// harness) nothing is fresh or forwardable: kernels then copy, as before.
// Kept out of op_kernel.h on purpose: that header is included by every
// kernel.
#ifndef TFPERSIST_RUNTIME_BUFFER_FORWARDING_H_
#define TFPERSIST_RUNTIME_BUFFER_FORWARDING_H_

#include <vector>

#include "runtime/op_kernel.h"

namespace tfpersist {

// Thread-local; scopes nest (a kernel running a sub-graph is fine).
class ForwardingScope {
 public:
  // `inputs` are ctx's inputs (the executor's, mutable); `forwardable` has
  // one entry per input. Both must outlive the scope.
  ForwardingScope(const OpKernelContext* ctx, std::vector<TensorValue>* inputs,
                  const std::vector<bool>* forwardable);
  ~ForwardingScope();
  ForwardingScope(const ForwardingScope&) = delete;
  ForwardingScope& operator=(const ForwardingScope&) = delete;

  // True when output i was marked fresh and `value` still holds the very
  // buffer that was marked (a later set_output of another tensor undoes it).
  bool IsFresh(int i, const TensorValue& value) const;

 private:
  friend void MarkOutputFresh(OpKernelContext*, int, const Tensor&);
  friend bool ForwardInput(OpKernelContext*, int, Tensor*);

  const OpKernelContext* ctx_;
  std::vector<TensorValue>* inputs_;
  const std::vector<bool>* forwardable_;
  std::vector<const char*> fresh_;  // per output: marked buffer or nullptr
  ForwardingScope* previous_;
};

// Records that output i of ctx now holds `t` (already set with set_output or
// allocate_output) and that the kernel keeps no other Tensor sharing its
// buffer. No-op outside a scope or for tensors without a buffer.
void MarkOutputFresh(OpKernelContext* ctx, int i, const Tensor& t);

// Moves plain input i into *out and returns true when nothing else can see
// its buffer; otherwise returns false and leaves *out untouched. After true,
// ctx->input(i) is an empty tensor.
bool ForwardInput(OpKernelContext* ctx, int i, Tensor* out);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_BUFFER_FORWARDING_H_
