// Lookup tables (tf.lookup, feature columns' vocabularies): OpDefs as TF's
// core/ops/lookup_ops.cc, including the TF1 ref-typed originals
// (import-only).
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

Status ScalarHandle(const InferenceContext* c) {
  PartialTensorShape unused;
  return InferenceContext::WithRank(c->input(0), 0, &unused);
}

// keys: vector; values: the same shape.
Status KeysAndValuesShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(ScalarHandle(c));
  PartialTensorShape keys;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &keys));
  return InferenceContext::Merge(keys, c->input(2), &keys);
}

Status FindShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(ScalarHandle(c));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtMost(c->input(2), 1));
  c->set_output(0, PartialTensorShape());  // value shape is in the handle
  return OkStatus();
}

Status SizeShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(ScalarHandle(c));
  c->set_output(0, PartialTensorShape({}));
  return OkStatus();
}

Status TextFileShape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(ScalarHandle(c));
  PartialTensorShape unused;
  return InferenceContext::WithRank(c->input(1), 0, &unused);
}

void RegisterTableConstructors(OpRegistry* r) {
  for (const char* name : {"HashTableV2", "MutableHashTableV2"}) {
    MustRegister(OpDefBuilder(name)
                     .Output("table_handle: resource")
                     .Attr("container: string = ''")
                     .Attr("shared_name: string = ''")
                     .Attr("use_node_name_sharing: bool = false")
                     .Attr("key_dtype: type")
                     .Attr("value_dtype: type")
                     .SetIsStateful()
                     .SetShapeFn(ScalarShape)
                     .Finalize(r));
  }
  MustRegister(OpDefBuilder("HashTable")
                   .Output("table_handle: Ref(string)")
                   .Attr("container: string = ''")
                   .Attr("shared_name: string = ''")
                   .Attr("use_node_name_sharing: bool = false")
                   .Attr("key_dtype: type")
                   .Attr("value_dtype: type")
                   .SetIsStateful()
                   .SetShapeFn([](InferenceContext* c) {
                     c->set_output(0, PartialTensorShape({2}));
                     return OkStatus();
                   })
                   .Finalize(r));
}

void RegisterTableAccess(OpRegistry* r) {
  MustRegister(OpDefBuilder("LookupTableFindV2")
                   .Input("table_handle: resource")
                   .Input("keys: Tin")
                   .Input("default_value: Tout")
                   .Output("values: Tout")
                   .Attr("Tin: type")
                   .Attr("Tout: type")
                   .SetShapeFn(FindShape)
                   .Finalize(r));
  for (const char* name : {"LookupTableImportV2", "LookupTableInsertV2"}) {
    MustRegister(OpDefBuilder(name)
                     .Input("table_handle: resource")
                     .Input("keys: Tin")
                     .Input("values: Tout")
                     .Attr("Tin: type")
                     .Attr("Tout: type")
                     .SetShapeFn(name == std::string("LookupTableImportV2")
                                     ? ShapeFn(KeysAndValuesShape)
                                     : ShapeFn(ScalarHandle))
                     .Finalize(r));
  }
  MustRegister(OpDefBuilder("LookupTableSizeV2")
                   .Input("table_handle: resource")
                   .Output("size: int64")
                   .SetShapeFn(SizeShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("LookupTableFind")
                   .Input("table_handle: Ref(string)")
                   .Input("keys: Tin")
                   .Input("default_value: Tout")
                   .Output("values: Tout")
                   .Attr("Tin: type")
                   .Attr("Tout: type")
                   .SetShapeFn(UnknownShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("LookupTableSize")
                   .Input("table_handle: Ref(string)")
                   .Output("size: int64")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
}

void RegisterTableInitializers(OpRegistry* r) {
  MustRegister(OpDefBuilder("InitializeTableV2")
                   .Input("table_handle: resource")
                   .Input("keys: Tkey")
                   .Input("values: Tval")
                   .Attr("Tkey: type")
                   .Attr("Tval: type")
                   .SetShapeFn(KeysAndValuesShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("InitializeTableFromTextFileV2")
                   .Input("table_handle: resource")
                   .Input("filename: string")
                   .Attr("key_index: int >= -2")
                   .Attr("value_index: int >= -2")
                   .Attr("vocab_size: int >= -1 = -1")
                   .Attr("delimiter: string = '\t'")
                   .Attr("offset: int = 0")
                   .SetShapeFn(TextFileShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("InitializeTable")
                   .Input("table_handle: Ref(string)")
                   .Input("keys: Tkey")
                   .Input("values: Tval")
                   .Attr("Tkey: type")
                   .Attr("Tval: type")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("InitializeTableFromTextFile")
                   .Input("table_handle: Ref(string)")
                   .Input("filename: string")
                   .Attr("key_index: int >= -2")
                   .Attr("value_index: int >= -2")
                   .Attr("vocab_size: int >= -1 = -1")
                   .Attr("delimiter: string = '\t'")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
}

}  // namespace

void RegisterLookupOps(OpRegistry* r) {
  RegisterTableConstructors(r);
  RegisterTableAccess(r);
  RegisterTableInitializers(r);
}

}  // namespace tfpersist
