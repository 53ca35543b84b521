// TensorList ops (DT_VARIANT lists, as Keras RNN layers use them inside
// while_v2 loops): OpDefs as TF's core/ops/list_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {

// A table, one registration statement per op (so longer than a function
// should be).
void RegisterListOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("EmptyTensorList")
                   .Input("element_shape: shape_type")
                   .Input("max_num_elements: int32")
                   .Output("handle: variant")
                   .Attr("element_dtype: type")
                   .Attr("shape_type: {int32, int64}")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListReserve")
                   .Input("element_shape: shape_type")
                   .Input("num_elements: int32")
                   .Output("handle: variant")
                   .Attr("element_dtype: type")
                   .Attr("shape_type: {int32, int64}")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListFromTensor")
                   .Input("tensor: element_dtype")
                   .Input("element_shape: shape_type")
                   .Output("output_handle: variant")
                   .Attr("element_dtype: type")
                   .Attr("shape_type: {int32, int64}")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListSetItem")
                   .Input("input_handle: variant")
                   .Input("index: int32")
                   .Input("item: element_dtype")
                   .Output("output_handle: variant")
                   .Attr("element_dtype: type")
                   .Attr("resize_if_index_out_of_bounds: bool = false")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListGetItem")
                   .Input("input_handle: variant")
                   .Input("index: int32")
                   .Input("element_shape: int32")
                   .Output("item: element_dtype")
                   .Attr("element_dtype: type")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListStack")
                   .Input("input_handle: variant")
                   .Input("element_shape: int32")
                   .Output("tensor: element_dtype")
                   .Attr("element_dtype: type")
                   .Attr("num_elements: int = -1")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListLength")
                   .Input("input_handle: variant")
                   .Output("length: int32")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListPushBack")
                   .Input("input_handle: variant")
                   .Input("tensor: element_dtype")
                   .Output("output_handle: variant")
                   .Attr("element_dtype: type")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListPopBack")
                   .Input("input_handle: variant")
                   .Input("element_shape: int32")
                   .Output("output_handle: variant")
                   .Output("tensor: element_dtype")
                   .Attr("element_dtype: type")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListElementShape")
                   .Input("input_handle: variant")
                   .Output("element_shape: shape_type")
                   .Attr("shape_type: {int32, int64}")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListConcatV2")
                   .Input("input_handle: variant")
                   .Input("element_shape: shape_type")
                   .Input("leading_dims: int64")
                   .Output("tensor: element_dtype")
                   .Output("lengths: int64")
                   .Attr("element_dtype: type")
                   .Attr("shape_type: {int32, int64}")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("TensorListSplit")
                   .Input("tensor: element_dtype")
                   .Input("element_shape: shape_type")
                   .Input("lengths: int64")
                   .Output("output_handle: variant")
                   .Attr("element_dtype: type")
                   .Attr("shape_type: {int32, int64}")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
}

}  // namespace tfpersist
