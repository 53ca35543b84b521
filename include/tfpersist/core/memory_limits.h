// Caps on how many bytes untrusted input (a hostile graph, shape or file)
// can make tfpersist allocate. See docs/errors.md ("Resource limits").
//
//   TFP_MAX_TENSOR_BYTES  bytes one tensor may take; default: the machine's
//                         physical memory (a bigger tensor could not be
//                         filled anyway).
//   TFP_MAX_RUN_BYTES     bytes the kernel outputs of one Session::Run may
//                         add up to (cumulative); default: no cap.
//
// Each variable holds a decimal byte count; 0 or an unparsable value means
// "the default". They are read once, on first use; SetMaxTensorBytes /
// SetMaxRunBytes override them for the process (e.g. a server loading
// untrusted models).
//
// Thread-safety: all functions are thread-safe.
#ifndef TFPERSIST_CORE_MEMORY_LIMITS_H_
#define TFPERSIST_CORE_MEMORY_LIMITS_H_

#include <cstdint>

namespace tfpersist {

// Cap on one tensor's bytes, enforced by Tensor::Allocate (every checkpoint
// read and kernel output) before the allocator is called. Always > 0.
uint64_t MaxTensorBytes();
// Cap on the bytes of one kernel output when set explicitly (env or
// SetMaxTensorBytes), else 0: the session then relies on MaxTensorBytes().
uint64_t MaxKernelOutputBytes();
// Cap on a Session::Run's cumulative kernel output bytes; 0 = none.
uint64_t MaxRunBytes();

// Overrides for the process; 0 restores the default.
void SetMaxTensorBytes(uint64_t bytes);
void SetMaxRunBytes(uint64_t bytes);

// Parses a byte count as the variables above are parsed: 0 when `text` is
// null, empty, not all decimal digits, or out of uint64 range.
uint64_t ParseByteLimit(const char* text);

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_MEMORY_LIMITS_H_
