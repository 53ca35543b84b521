// Family String: the string ops the Saver graph and frozen graphs use.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterStringJoinKernels(KernelRegistry* r);  // string_join_op.cc
void RegisterRegexKernels(KernelRegistry* r);       // regex_full_match_op.cc
void RegisterStringToHashBucketKernels(
    KernelRegistry* r);                         // string_to_hash_bucket_op.cc
void RegisterBase64Kernels(KernelRegistry* r);  // base64_ops.cc
void RegisterShardedFilenameKernels(
    KernelRegistry* r);  // sharded_filename_ops.cc

void RegisterStringKernels(KernelRegistry* r) {
  RegisterStringJoinKernels(r);       // StringJoin
  RegisterRegexKernels(r);            // StaticRegexFullMatch
  RegisterShardedFilenameKernels(r);  // ShardedFilename, ShardedFilespec
  RegisterBase64Kernels(r);  // EncodeBase64, DecodeBase64, StringLength
  RegisterStringToHashBucketKernels(r);  // StringToHashBucketFast
}

}  // namespace tfpersist
