// Checkpoint ops: V2 bundles (SaveV2/RestoreV2/MergeV2Checkpoints), shard
// names, and the V1 table ops (Save/SaveSlices/Restore/RestoreSlice).
// OpDefs as TF's core/ops/io_ops.cc (MergeV2Checkpoints with the newest
// allow_missing_files attr).
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterIoOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("SaveV2")
                   .Input("prefix: string")
                   .Input("tensor_names: string")
                   .Input("shape_and_slices: string")
                   .Input("tensors: dtypes")
                   .Attr("dtypes: list(type)")
                   .SetIsStateful()
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RestoreV2")
                   .Input("prefix: string")
                   .Input("tensor_names: string")
                   .Input("shape_and_slices: string")
                   .Output("tensors: dtypes")
                   .Attr("dtypes: list(type)")
                   .SetIsStateful()
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MergeV2Checkpoints")
                   .Input("checkpoint_prefixes: string")
                   .Input("destination_prefix: string")
                   .Attr("delete_old_dirs: bool = true")
                   .Attr("allow_missing_files: bool = false")
                   .SetIsStateful()
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ShardedFilename")
                   .Input("basename: string")
                   .Input("shard: int32")
                   .Input("num_shards: int32")
                   .Output("filename: string")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ShardedFilespec")
                   .Input("basename: string")
                   .Input("num_shards: int32")
                   .Output("filename: string")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Save")
                   .Input("filename: string")
                   .Input("tensor_names: string")
                   .Input("data: T")
                   .Attr("T: list(type)")
                   .SetIsStateful()
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("SaveSlices")
                   .Input("filename: string")
                   .Input("tensor_names: string")
                   .Input("shapes_and_slices: string")
                   .Input("data: T")
                   .Attr("T: list(type)")
                   .SetIsStateful()
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Restore")
                   .Input("file_pattern: string")
                   .Input("tensor_name: string")
                   .Output("tensor: dt")
                   .Attr("dt: type")
                   .Attr("preferred_shard: int = -1")
                   .SetIsStateful()
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("RestoreSlice")
                   .Input("file_pattern: string")
                   .Input("tensor_name: string")
                   .Input("shape_and_slice: string")
                   .Output("tensor: dt")
                   .Attr("dt: type")
                   .Attr("preferred_shard: int = -1")
                   .SetIsStateful()
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
}

}  // namespace tfpersist
