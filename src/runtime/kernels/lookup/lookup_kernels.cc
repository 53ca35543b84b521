// Family Lookup: hash tables for vocabularies (feature columns, tf.lookup).
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterHashTableKernels(KernelRegistry* r);     // hash_table_ops.cc
void RegisterTextFileInitKernels(KernelRegistry* r);  // text_file_init_op.cc

void RegisterLookupKernels(KernelRegistry* r) {
  RegisterHashTableKernels(r);  // HashTableV2, MutableHashTableV2,
                                // InitializeTableV2, LookupTable{Find,Import,
                                // Insert,Size}V2
  RegisterTextFileInitKernels(r);  // InitializeTableFromTextFileV2
}

}  // namespace tfpersist
