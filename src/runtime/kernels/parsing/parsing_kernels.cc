// Family Parsing: tf.Example parsing and string-to-number conversion.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterParseExampleKernels(KernelRegistry* r);  // parse_example_ops.cc
void RegisterStringToNumberKernels(
    KernelRegistry* r);  // string_to_number_op.cc

void RegisterParsingKernels(KernelRegistry* r) {
  RegisterParseExampleKernels(r);    // ParseExample{,V2}, ParseSingleExample
  RegisterStringToNumberKernels(r);  // StringToNumber
}

}  // namespace tfpersist
