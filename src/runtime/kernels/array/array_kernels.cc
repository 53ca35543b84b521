// Family Array: constants, placeholders, pass-through and shape/layout ops.
// One line per kernel file; each file's Register* function holds one line
// per op.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

void RegisterConstKernels(KernelRegistry* r);        // const_op.cc
void RegisterPlaceholderKernels(KernelRegistry* r);  // placeholder_ops.cc
void RegisterIdentityKernels(KernelRegistry* r);     // identity_ops.cc
void RegisterReshapeKernels(KernelRegistry* r);      // reshape_ops.cc
void RegisterShapeKernels(KernelRegistry* r);        // shape_ops.cc
void RegisterFillKernels(KernelRegistry* r);         // fill_ops.cc
void RegisterConcatKernels(KernelRegistry* r);       // concat_ops.cc
void RegisterSliceTransposeKernels(
    KernelRegistry* r);                               // slice_transpose_ops.cc
void RegisterStridedSliceKernels(KernelRegistry* r);  // strided_slice_op.cc
void RegisterTileGatherKernels(KernelRegistry* r);    // tile_gather_ops.cc
void RegisterRangeOneHotWhereKernels(
    KernelRegistry* r);                        // range_one_hot_where_ops.cc
void RegisterSplitKernels(KernelRegistry* r);  // split_ops.cc
void RegisterPadKernels(KernelRegistry* r);    // pad_ops.cc
void RegisterReverseRollKernels(KernelRegistry* r);    // reverse_roll_ops.cc
void RegisterSpaceDepthKernels(KernelRegistry* r);     // space_depth_ops.cc
void RegisterMatrixDiagKernels(KernelRegistry* r);     // matrix_diag_ops.cc
void RegisterGatherNdKernels(KernelRegistry* r);       // gather_nd_op.cc
void RegisterScatterNdKernels(KernelRegistry* r);      // scatter_nd_ops.cc
void RegisterSparseToDenseKernels(KernelRegistry* r);  // sparse_to_dense_op.cc
void RegisterUniqueKernels(KernelRegistry* r);         // unique_op.cc

void RegisterArrayKernels(KernelRegistry* r) {
  RegisterConstKernels(r);        // Const
  RegisterPlaceholderKernels(r);  // Placeholder(V2), PlaceholderWithDefault
  // Identity, IdentityN, Snapshot, StopGradient, PreventGradient,
  // RefIdentity, NoOp
  RegisterIdentityKernels(r);
  RegisterReshapeKernels(r);           // Reshape, ExpandDims, Squeeze
  RegisterShapeKernels(r);             // Shape, ShapeN, Size, Rank
  RegisterFillKernels(r);              // Fill, ZerosLike, OnesLike
  RegisterConcatKernels(r);            // ConcatV2, Concat, Pack, Unpack
  RegisterSliceTransposeKernels(r);    // Slice, Transpose
  RegisterStridedSliceKernels(r);      // StridedSlice
  RegisterTileGatherKernels(r);        // Tile, GatherV2, Gather
  RegisterRangeOneHotWhereKernels(r);  // Range, OneHot, Where
  RegisterSplitKernels(r);             // Split, SplitV
  RegisterPadKernels(r);               // Pad, PadV2, MirrorPad
  RegisterReverseRollKernels(r);       // ReverseV2, Roll, BroadcastTo
  // SpaceToBatchND, BatchToSpaceND, DepthToSpace, SpaceToDepth
  RegisterSpaceDepthKernels(r);
  // MatrixBandPart, MatrixDiagPartV3, MatrixDiagV3, MatrixSetDiagV3
  RegisterMatrixDiagKernels(r);
  RegisterGatherNdKernels(r);  // GatherNd
  // ScatterNd, TensorScatterUpdate, TensorScatterAdd, TensorScatterSub
  RegisterScatterNdKernels(r);
  RegisterSparseToDenseKernels(r);  // SparseToDense
  RegisterUniqueKernels(r);         // Unique, UniqueV2
}

}  // namespace tfpersist
