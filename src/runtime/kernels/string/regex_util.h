// Compiling user-supplied regular expressions for the regex ops
// (StaticRegexFullMatch, and the Replace ops built on the same helper).
//
// RE2 (TensorFlow's engine) guarantees time linear in the input and no
// recursion, so patterns and strings from untrusted graphs cannot hang or
// overflow the stack; memory per compiled pattern is capped by RE2's
// max_mem option.
#ifndef TFPERSIST_RUNTIME_KERNELS_STRING_REGEX_UTIL_H_
#define TFPERSIST_RUNTIME_KERNELS_STRING_REGEX_UTIL_H_

#include <re2/re2.h>

#include <memory>
#include <string>

#include "tfpersist/base/statusor.h"

namespace tfpersist {

// Compiles `pattern` with RE2's default syntax (as TF does). INVALID_ARGUMENT
// "Invalid pattern: <pattern>, error: <RE2's message>" when it does not
// compile (kernel constructors add the node name). Errors are not logged.
// The returned RE2 is immutable and safe to use from several threads.
StatusOr<std::unique_ptr<const RE2>> CompileRegex(const std::string& pattern);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_STRING_REGEX_UTIL_H_
