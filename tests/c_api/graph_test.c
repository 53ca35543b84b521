/* Graphs: building, lookup, enumeration, introspection, attr getters,
 * shapes and serialization (import: import_test.c). */
#include "tensorflow/c/c_api.h"
#include "tfc_graph_util.h"
#include "tfc_test.h"

/* x: Placeholder float [-1, 2]; w: Const [[1,2],[3,4]] wait: shape [2];
 * y = x + w. */
static TF_Graph* build_xy(TF_Status* s) {
  TF_Graph* g = TF_NewGraph();
  int64_t xdims[2] = {-1, 2}, wdims[1] = {2};
  float w[2] = {10, 20};
  TF_Operation* x = tfc_placeholder(g, "x", TF_FLOAT, xdims, 2, s);
  TF_Operation* c = tfc_const_float(g, "w", w, wdims, 1, s);
  tfc_add(g, "y", x, c, s);
  return g;
}

TFC_TEST(BuildAndIntrospect) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Operation* y;
  TF_Output out, in0;
  TF_Input y0;
  TF_Input consumers[4];
  CHECK_OK(s);
  y = TF_GraphOperationByName(g, "y");
  CHECK(y != NULL);
  CHECK_STR(TF_OperationName(y), "y");
  CHECK_STR(TF_OperationOpType(y), "AddV2");
  CHECK_STR(TF_OperationDevice(y), "");
  CHECK_EQ_I64(TF_OperationNumInputs(y), 2);
  CHECK_EQ_I64(TF_OperationNumOutputs(y), 1);
  out.oper = y;
  out.index = 0;
  CHECK_EQ_I64(TF_OperationOutputType(out), TF_FLOAT);
  y0.oper = y;
  y0.index = 0;
  CHECK_EQ_I64(TF_OperationInputType(y0), TF_FLOAT);
  in0 = TF_OperationInput(y0);
  CHECK(in0.oper == TF_GraphOperationByName(g, "x"));
  CHECK_EQ_I64(in0.index, 0);
  CHECK_EQ_I64(TF_OperationOutputNumConsumers(in0), 1);
  CHECK_EQ_I64(TF_OperationOutputConsumers(in0, consumers, 4), 1);
  CHECK(consumers[0].oper == y);
  CHECK_EQ_I64(TF_OperationOutputListLength(y, "z", s), 1);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_OperationInputListLength(y, "x", s), 1);
  TF_OperationOutputListLength(y, "nope", s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "nope");
  CHECK(TF_GraphOperationByName(g, "missing") == NULL);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(EnumerateInInsertionOrder) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  size_t pos = 0;
  TF_Operation* op;
  const char* want[3] = {"x", "w", "y"};
  int i = 0;
  while ((op = TF_GraphNextOperation(g, &pos)) != NULL) {
    CHECK(i < 3);
    CHECK_STR(TF_OperationName(op), want[i]);
    ++i;
  }
  CHECK_EQ_I64(i, 3);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(StaticShapes) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Output x = {TF_GraphOperationByName(g, "x"), 0};
  TF_Output y = {TF_GraphOperationByName(g, "y"), 0};
  TF_Output bad = {TF_GraphOperationByName(g, "y"), 3};
  int64_t dims[2] = {0, 0};
  int64_t set[2] = {5, 2};
  CHECK_EQ_I64(TF_GraphGetTensorNumDims(g, x, s), 2);
  CHECK_OK(s);
  TF_GraphGetTensorShape(g, x, dims, 2, s);
  CHECK_OK(s);
  CHECK_EQ_I64(dims[0], -1);
  CHECK_EQ_I64(dims[1], 2);
  CHECK_EQ_I64(TF_GraphGetTensorNumDims(g, y, s), 2); /* broadcast [?,2]+[2] */
  TF_GraphGetTensorShape(g, x, dims, 1, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Expected rank is 1 but actual rank is 2");
  TF_GraphGetTensorNumDims(g, bad, s);
  CHECK_STATUS(s, TF_OUT_OF_RANGE, "does not have output 3");
  TF_GraphSetTensorShape(g, x, set, 2, s);
  CHECK_OK(s);
  TF_GraphGetTensorShape(g, x, dims, 2, s);
  CHECK_EQ_I64(dims[0], 5);
  set[1] = 3;
  TF_GraphSetTensorShape(g, x, set, 2, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(AttrGetters) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Operation* x = TF_GraphOperationByName(g, "x");
  TF_Operation* w = TF_GraphOperationByName(g, "w");
  TF_AttrMetadata m;
  TF_DataType dt;
  int64_t shape[2];
  TF_Tensor* value = NULL;
  TF_Buffer* buf = TF_NewBuffer();
  char name[32];
  int i, n, found_dtype = 0;
  m = TF_OperationGetAttrMetadata(x, "shape", s);
  CHECK_OK(s);
  CHECK_EQ_I64(m.type, TF_ATTR_SHAPE);
  CHECK_EQ_I64(m.is_list, 0);
  CHECK_EQ_I64(m.total_size, 2);
  TF_OperationGetAttrShape(x, "shape", shape, 2, s);
  CHECK_OK(s);
  CHECK_EQ_I64(shape[0], -1);
  CHECK_EQ_I64(shape[1], 2);
  TF_OperationGetAttrType(x, "dtype", &dt, s);
  CHECK_OK(s);
  CHECK_EQ_I64(dt, TF_FLOAT);
  TF_OperationGetAttrType(x, "nope", &dt, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Operation 'x' has no attr named 'nope'.");
  TF_OperationGetAttrTensor(w, "value", &value, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TensorType(value), TF_FLOAT);
  CHECK(((float*)TF_TensorData(value))[1] == 20.0f);
  TF_DeleteTensor(value);
  TF_OperationGetAttrValueProto(x, "dtype", buf, s);
  CHECK_OK(s);
  CHECK(buf->length > 0);
  TF_OperationGetAttrValueProto(x, "dtype", buf, s); /* non-empty buffer */
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "non-empty");
  TF_DeleteBuffer(buf);
  n = TF_OperationGetNumAttrs(x);
  CHECK(n >= 2);
  for (i = 0; i < n; ++i) {
    int len = TF_OperationGetAttrNameLength(x, i);
    CHECK(len > 0 && len < 31);
    TF_OperationGetAttrName(x, i, name, s);
    CHECK_OK(s);
    name[len] = '\0';
    if (strcmp(name, "dtype") == 0) found_dtype = 1;
  }
  CHECK(found_dtype);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(FinishOperationErrors) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_OperationDescription* d;
  TF_Output x = {NULL, 0};
  int64_t dims[1] = {1};
  /* Unknown op type. */
  d = TF_NewOperation(g, "NoSuchOp", "n");
  CHECK(TF_FinishOperation(d, s) == NULL);
  CHECK_STATUS(s, TF_NOT_FOUND, "NoSuchOp");
  /* Duplicate name. */
  CHECK(tfc_placeholder(g, "x", TF_FLOAT, dims, 1, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Duplicate node name in graph: 'x'");
  /* Missing required attr (dtype). */
  d = TF_NewOperation(g, "Placeholder", "p2");
  CHECK(TF_FinishOperation(d, s) == NULL);
  CHECK(TF_GetCode(s) != TF_OK);
  /* NULL input operation. */
  d = TF_NewOperation(g, "Identity", "i");
  TF_AddInput(d, x);
  CHECK(TF_FinishOperation(d, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "NULL operation");
  /* Wrong input dtype: AddV2(float, int32). */
  {
    TF_Operation* i32 = tfc_placeholder(g, "i32", TF_INT32, dims, 1, s);
    TF_Output a = {TF_GraphOperationByName(g, "x"), 0}, b = {i32, 0};
    d = TF_NewOperation(g, "AddV2", "bad_add");
    TF_AddInput(d, a);
    TF_AddInput(d, b);
    CHECK(TF_FinishOperation(d, s) == NULL);
    CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  }
  CHECK(TF_GraphOperationByName(g, "bad_add") == NULL);
  CHECK(TF_FinishOperation(NULL, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(ListInputsInferNAndT) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  int64_t dims[1] = {2};
  float a[2] = {1, 2}, b[2] = {3, 4};
  TF_Operation* ca = tfc_const_float(g, "a", a, dims, 1, s);
  TF_Operation* cb = tfc_const_float(g, "b", b, dims, 1, s);
  TF_Output list[2] = {{ca, 0}, {cb, 0}};
  TF_OperationDescription* d = TF_NewOperation(g, "AddN", "sum");
  TF_Operation* sum;
  int64_t n = 0;
  TF_DataType t;
  TF_AddInputList(d, list, 2);
  TF_AddControlInput(d, ca);
  TF_SetDevice(d, "/cpu:0");
  sum = TF_FinishOperation(d, s);
  CHECK_OK(s);
  TF_OperationGetAttrInt(sum, "N", &n, s);
  CHECK_OK(s);
  CHECK_EQ_I64(n, 2);
  TF_OperationGetAttrType(sum, "T", &t, s);
  CHECK_EQ_I64(t, TF_FLOAT);
  CHECK_EQ_I64(TF_OperationInputListLength(sum, "inputs", s), 2);
  CHECK_STR(TF_OperationDevice(sum), "/cpu:0");
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(OpDefVersionsAndOpList) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_Buffer* b = TF_NewBuffer();
  TF_Buffer* all;
  TF_GraphGetOpDef(g, "AddV2", b, s);
  CHECK_OK(s);
  CHECK(b->length > 0);
  TF_DeleteBuffer(b);
  b = TF_NewBuffer();
  TF_GraphGetOpDef(g, "NoSuchOp", b, s);
  CHECK_STATUS(s, TF_NOT_FOUND, "NoSuchOp");
  TF_GraphVersions(g, b, s);
  CHECK_OK(s);
  TF_DeleteBuffer(b);
  all = TF_GetAllOpList();
  CHECK(all != NULL && all->length > 1000);
  TF_DeleteBuffer(all);
  CHECK_EQ_I64(TF_GraphNumFunctions(g), 0);
  TF_DeleteGraph(g);
  TF_DeleteGraph(NULL);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(BuildAndIntrospect), TFC_CASE(EnumerateInInsertionOrder),
         TFC_CASE(StaticShapes), TFC_CASE(AttrGetters),
         TFC_CASE(FinishOperationErrors), TFC_CASE(ListInputsInferNAndT),
         TFC_CASE(OpDefVersionsAndOpList))
