// Family Sparse: SparseTensor ops of feature-column graphs.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterSparseFillEmptyRowsKernels(
    KernelRegistry* r);  // sparse_fill_empty_rows_op.cc
void RegisterSparseReshapeKernels(KernelRegistry* r);  // sparse_reshape_op.cc
void RegisterSparseSegmentReductionKernels(
    KernelRegistry* r);  // sparse_segment_reduction_ops.cc

void RegisterSparseKernels(KernelRegistry* r) {
  RegisterSparseFillEmptyRowsKernels(r);     // SparseFillEmptyRows
  RegisterSparseReshapeKernels(r);           // SparseReshape
  RegisterSparseSegmentReductionKernels(r);  // SparseSegment{Sum,Mean,SqrtN}
}

}  // namespace tfpersist
