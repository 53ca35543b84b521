// Array ops: constants, placeholders, identities and shape manipulation.
// OpDefs as registered by TensorFlow (core/ops/array_ops.cc; Range lives in
// TF's math_ops.cc but is listed here with the other index generators).
#include "graph/common_shape_fns.h"
#include "graph/ops/array_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterArrayOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("Const")
                   .Output("output: dtype")
                   .Attr("value: tensor")
                   .Attr("dtype: type")
                   .SetShapeFn(ConstShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Placeholder")
                   .Output("output: dtype")
                   .Attr("dtype: type")
                   .Attr("shape: shape = { unknown_rank: true }")
                   .SetShapeFn(PlaceholderShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("PlaceholderWithDefault")
                   .Input("input: dtype")
                   .Output("output: dtype")
                   .Attr("dtype: type")
                   .Attr("shape: shape")
                   .SetShapeFn(PlaceholderWithDefaultShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Identity")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("IdentityN")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: list(type)")
                   .SetShapeFn(IdentityNShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Snapshot")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("StopGradient")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("PreventGradient")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("message: string = ''")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Reshape")
                   .Input("tensor: T")
                   .Input("shape: Tshape")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tshape: {int32, int64} = DT_INT32")
                   .SetShapeFn(ReshapeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Shape")
                   .Input("input: T")
                   .Output("output: out_type")
                   .Attr("T: type")
                   .Attr("out_type: {int32, int64} = DT_INT32")
                   .SetShapeFn(ShapeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ShapeN")
                   .Input("input: N * T")
                   .Output("output: N * out_type")
                   .Attr("N: int")
                   .Attr("T: type")
                   .Attr("out_type: {int32, int64} = DT_INT32")
                   .SetShapeFn(ShapeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Size")
                   .Input("input: T")
                   .Output("output: out_type")
                   .Attr("T: type")
                   .Attr("out_type: {int32, int64} = DT_INT32")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Rank")
                   .Input("input: T")
                   .Output("output: int32")
                   .Attr("T: type")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Fill")
                   .Input("dims: index_type")
                   .Input("value: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("index_type: {int32, int64} = DT_INT32")
                   .SetShapeFn(FillShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ZerosLike")
                   .Input("x: T")
                   .Output("y: T")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(
      OpDefBuilder("OnesLike")
          .Input("x: T")
          .Output("y: T")
          .Attr(
              "T: {bfloat16, half, float, double, int8, uint8, int16, uint16, "
              "int32, uint32, int64, uint64, complex64, complex128, bool}")
          .SetShapeFn(UnchangedShape)
          .Finalize(r));
  MustRegister(OpDefBuilder("ExpandDims")
                   .Input("input: T")
                   .Input("dim: Tdim")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tdim: {int32, int64} = DT_INT32")
                   .SetShapeFn(ExpandDimsShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Squeeze")
                   .Input("input: T")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("squeeze_dims: list(int) >= 0 = []")
                   .SetShapeFn(SqueezeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Pack")
                   .Input("values: N * T")
                   .Output("output: T")
                   .Attr("N: int >= 1")
                   .Attr("T: type")
                   .Attr("axis: int = 0")
                   .SetShapeFn(PackShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Unpack")
                   .Input("value: T")
                   .Output("output: num * T")
                   .Attr("num: int >= 0")
                   .Attr("T: type")
                   .Attr("axis: int = 0")
                   .SetShapeFn(UnpackShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ConcatV2")
                   .Input("values: N * T")
                   .Input("axis: Tidx")
                   .Output("output: T")
                   .Attr("N: int >= 2")
                   .Attr("T: type")
                   .Attr("Tidx: {int32, int64} = DT_INT32")
                   .SetShapeFn(ConcatV2Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Concat")
                   .Input("concat_dim: int32")
                   .Input("values: N * T")
                   .Output("output: T")
                   .Attr("N: int >= 2")
                   .Attr("T: type")
                   .SetShapeFn(ConcatShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Slice")
                   .Input("input: T")
                   .Input("begin: Index")
                   .Input("size: Index")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Index: {int32, int64}")
                   .SetShapeFn(SliceShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("StridedSlice")
                   .Input("input: T")
                   .Input("begin: Index")
                   .Input("end: Index")
                   .Input("strides: Index")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Index: {int16, int32, int64}")
                   .Attr("begin_mask: int = 0")
                   .Attr("end_mask: int = 0")
                   .Attr("ellipsis_mask: int = 0")
                   .Attr("new_axis_mask: int = 0")
                   .Attr("shrink_axis_mask: int = 0")
                   .SetShapeFn(StridedSliceShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Transpose")
                   .Input("x: T")
                   .Input("perm: Tperm")
                   .Output("y: T")
                   .Attr("T: type")
                   .Attr("Tperm: {int32, int64} = DT_INT32")
                   .SetShapeFn(TransposeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Tile")
                   .Input("input: T")
                   .Input("multiples: Tmultiples")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("Tmultiples: {int32, int64} = DT_INT32")
                   .SetShapeFn(TileShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Gather")
                   .Input("params: Tparams")
                   .Input("indices: Tindices")
                   .Attr("validate_indices: bool = true")
                   .Output("output: Tparams")
                   .Attr("Tparams: type")
                   .Attr("Tindices: {int32, int64}")
                   .SetShapeFn(GatherShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("GatherV2")
                   .Input("params: Tparams")
                   .Input("indices: Tindices")
                   .Input("axis: Taxis")
                   .Attr("batch_dims: int = 0")
                   .Output("output: Tparams")
                   .Attr("Tparams: type")
                   .Attr("Tindices: {int16, int32, int64}")
                   .Attr("Taxis: {int32, int64}")
                   .SetShapeFn(GatherV2Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("Where")
                   .Input("input: T")
                   .Attr("T: {numbertype, bool} = DT_BOOL")
                   .Output("index: int64")
                   .SetShapeFn(WhereShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("OneHot")
                   .Input("indices: TI")
                   .Input("depth: int32")
                   .Input("on_value: T")
                   .Input("off_value: T")
                   .Attr("axis: int = -1")
                   .Output("output: T")
                   .Attr("T: type")
                   .Attr("TI: {uint8, int32, int64} = DT_INT64")
                   .SetShapeFn(OneHotShape)
                   .Finalize(r));
  MustRegister(
      OpDefBuilder("Range")
          .Input("start: Tidx")
          .Input("limit: Tidx")
          .Input("delta: Tidx")
          .Output("output: Tidx")
          .Attr("Tidx: {bfloat16, half, float, double, int32, int64} = "
                "DT_INT32")
          .SetShapeFn(RangeShape)
          .Finalize(r));
  MustRegister(OpDefBuilder("BroadcastGradientArgs")
                   .Input("s0: T")
                   .Input("s1: T")
                   .Output("r0: T")
                   .Output("r1: T")
                   .Attr("T: {int32, int64} = DT_INT32")
                   .SetShapeFn(BroadcastGradientArgsShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("PlaceholderV2")
                   .Output("output: dtype")
                   .Attr("dtype: type")
                   .Attr("shape: shape")
                   .SetShapeFn(ExplicitShape)
                   .Deprecated(23,
                               "Placeholder now behaves the same as "
                               "PlaceholderV2.")
                   .Finalize(r));
  MustRegister(OpDefBuilder("RefIdentity")
                   .Input("input: Ref(T)")
                   .Output("output: Ref(T)")
                   .Attr("T: type")
                   .SetShapeFn(UnchangedShape)
                   .SetAllowsUninitializedInput()
                   .Finalize(r));
}

}  // namespace tfpersist
