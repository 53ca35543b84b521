/* Functions tfpersist does not support set TF_UNIMPLEMENTED naming
 * themselves (never crash); deleters of never-created objects accept NULL;
 * the experimental helpers work. */
#include "tensorflow/c/c_api.h"
#include "tensorflow/c/c_api_experimental.h"
#include "tensorflow/c/eager/c_api.h"
#include "tfc_test.h"

#define CHECK_UNIMPL(s, fn) CHECK_STATUS(s, TF_UNIMPLEMENTED, fn)

TFC_TEST(GraphFunctionsWhileGradients) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_Output o = {NULL, 0};
  TF_Input in = {NULL, 0};
  TF_GraphCopyFunction(g, NULL, NULL, s);
  CHECK_UNIMPL(s, "TF_GraphCopyFunction");
  CHECK_EQ_I64(TF_GraphGetFunctions(g, NULL, 0, s), 0);
  CHECK_UNIMPL(s, "TF_GraphGetFunctions");
  CHECK(TF_GraphToFunction(g, "f", 0, 0, NULL, 0, NULL, 0, NULL, NULL, NULL,
                           NULL, s) == NULL);
  CHECK_UNIMPL(s, "TF_GraphToFunction");
  CHECK(TF_GraphToFunctionWithControlOutputs(g, "f", 0, 0, NULL, 0, NULL, 0,
                                             NULL, NULL, 0, NULL, NULL, NULL,
                                             NULL, s) == NULL);
  CHECK_UNIMPL(s, "TF_GraphToFunctionWithControlOutputs");
  CHECK(TF_FunctionImportFunctionDef("", 0, s) == NULL);
  CHECK_UNIMPL(s, "TF_FunctionImportFunctionDef");
  TF_FunctionToFunctionDef(NULL, NULL, s);
  CHECK_UNIMPL(s, "TF_FunctionToFunctionDef");
  TF_FunctionSetAttrValueProto(NULL, "a", "", 0, s);
  CHECK_UNIMPL(s, "TF_FunctionSetAttrValueProto");
  TF_FunctionGetAttrValueProto(NULL, "a", NULL, s);
  CHECK_UNIMPL(s, "TF_FunctionGetAttrValueProto");
  CHECK_STR(TF_FunctionName(NULL), "");
  TF_DeleteFunction(NULL);
  {
    TF_WhileParams w = TF_NewWhile(g, &o, 1, s);
    CHECK_UNIMPL(s, "TF_NewWhile");
    CHECK(w.cond_graph == NULL);
    TF_FinishWhile(&w, s, NULL);
    CHECK_UNIMPL(s, "TF_FinishWhile");
    TF_AbortWhile(&w);
  }
  TF_AddGradients(g, &o, 1, &o, 1, NULL, s, &o);
  CHECK_UNIMPL(s, "TF_AddGradients");
  TF_AddGradientsWithPrefix(g, "p", &o, 1, &o, 1, NULL, s, &o);
  CHECK_UNIMPL(s, "TF_AddGradientsWithPrefix");
  TF_UpdateEdge(g, o, in, s);
  CHECK_UNIMPL(s, "TF_UpdateEdge");
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(PartialAndDeprecatedSessions) {
  TF_Status* s = TF_NewStatus();
  const char* handle = "x";
  TF_Tensor* out = (TF_Tensor*)0x1;
  TF_SessionPRunSetup(NULL, NULL, 0, NULL, 0, NULL, 0, &handle, s);
  CHECK_UNIMPL(s, "TF_SessionPRunSetup");
  CHECK(handle == NULL);
  TF_SessionPRun(NULL, "h", NULL, NULL, 0, NULL, &out, 1, NULL, 0, s);
  CHECK_UNIMPL(s, "TF_SessionPRun");
  CHECK(out == NULL);
  TF_DeletePRunHandle(NULL);
  CHECK(TF_NewDeprecatedSession(NULL, s) == NULL);
  CHECK_UNIMPL(s, "TF_NewDeprecatedSession");
  TF_CloseDeprecatedSession(NULL, s);
  CHECK_UNIMPL(s, "TF_CloseDeprecatedSession");
  TF_DeleteDeprecatedSession(NULL, s);
  CHECK_OK(s);
  TF_Reset(NULL, NULL, 0, s);
  CHECK_UNIMPL(s, "TF_Reset");
  TF_ExtendGraph(NULL, "", 0, s);
  CHECK_UNIMPL(s, "TF_ExtendGraph");
  TF_Run(NULL, NULL, NULL, NULL, 0, NULL, &out, 1, NULL, 0, NULL, s);
  CHECK_UNIMPL(s, "TF_Run");
  TF_PRunSetup(NULL, NULL, 0, NULL, 0, NULL, 0, &handle, s);
  CHECK_UNIMPL(s, "TF_PRunSetup");
  TF_PRun(NULL, "h", NULL, NULL, 0, NULL, &out, 1, NULL, 0, s);
  CHECK_UNIMPL(s, "TF_PRun");
  CHECK(TF_DeprecatedSessionListDevices(NULL, s) == NULL);
  CHECK_UNIMPL(s, "TF_DeprecatedSessionListDevices");
  TF_DeleteStatus(s);
}

TFC_TEST(LibrariesServersRegistries) {
  TF_Status* s = TF_NewStatus();
  TF_Buffer ops;
  CHECK(TF_LoadLibrary("libfoo.so", s) == NULL);
  CHECK_UNIMPL(s, "TF_LoadLibrary");
  ops = TF_GetOpList(NULL);
  CHECK(ops.data == NULL && ops.length == 0);
  TF_DeleteLibraryHandle(NULL);
  CHECK(TF_NewApiDefMap(NULL, s) == NULL);
  CHECK_UNIMPL(s, "TF_NewApiDefMap");
  TF_ApiDefMapPut(NULL, "", 0, s);
  CHECK_UNIMPL(s, "TF_ApiDefMapPut");
  CHECK(TF_ApiDefMapGet(NULL, "x", 1, s) == NULL);
  CHECK_UNIMPL(s, "TF_ApiDefMapGet");
  TF_DeleteApiDefMap(NULL);
  CHECK(TF_GetAllRegisteredKernels(s) == NULL);
  CHECK_UNIMPL(s, "TF_GetAllRegisteredKernels");
  CHECK(TF_GetRegisteredKernelsForOp("AddV2", s) == NULL);
  CHECK_UNIMPL(s, "TF_GetRegisteredKernelsForOp");
  CHECK(TF_NewServer("", 0, s) == NULL);
  CHECK_UNIMPL(s, "TF_NewServer");
  TF_ServerStart(NULL, s);
  CHECK_UNIMPL(s, "TF_ServerStart");
  TF_ServerStop(NULL, s);
  CHECK_UNIMPL(s, "TF_ServerStop");
  TF_ServerJoin(NULL, s);
  CHECK_UNIMPL(s, "TF_ServerJoin");
  CHECK_STR(TF_ServerTarget(NULL), "");
  TF_DeleteServer(NULL);
  TF_RegisterLogListener(NULL);
  TF_RegisterFilesystemPlugin("plugin.so", s);
  CHECK_UNIMPL(s, "TF_RegisterFilesystemPlugin");
  TF_DeleteStatus(s);
}

TFC_TEST(EagerExtras) {
  TF_Status* s = TF_NewStatus();
  TFE_Context* ctx = TFE_NewContext(NULL, s);
  TF_Buffer* b = TF_NewBuffer();
  TFE_ContextSetServerDef(ctx, 0, "", 0, s);
  CHECK_UNIMPL(s, "TFE_ContextSetServerDef");
  CHECK(TFE_TensorHandleTensorDebugInfo(NULL, s) == NULL);
  CHECK_UNIMPL(s, "TFE_TensorHandleTensorDebugInfo");
  TFE_DeleteTensorDebugInfo(NULL);
  CHECK_EQ_I64(TFE_TensorDebugInfoOnDeviceNumDims(NULL), -1);
  CHECK_EQ_I64(TFE_TensorDebugInfoOnDeviceDim(NULL, 0), -1);
  TFE_OpGetInputLength(NULL, "x", s);
  CHECK_UNIMPL(s, "TFE_OpGetInputLength");
  TFE_OpGetOutputLength(NULL, "x", s);
  CHECK_UNIMPL(s, "TFE_OpGetOutputLength");
  TFE_ContextAddFunctionDef(ctx, "", 0, s);
  CHECK_UNIMPL(s, "TFE_ContextAddFunctionDef");
  TFE_ContextAddFunction(ctx, NULL, s);
  CHECK_UNIMPL(s, "TFE_ContextAddFunction");
  TFE_ContextRemoveFunction(ctx, "f", s);
  CHECK_UNIMPL(s, "TFE_ContextRemoveFunction");
  CHECK_EQ_I64(TFE_ContextHasFunction(ctx, "f"), 0);
  TFE_ContextExportRunMetadata(ctx, b, s);
  CHECK_UNIMPL(s, "TFE_ContextExportRunMetadata");
  TFE_ContextEnableRunMetadata(ctx);
  TFE_ContextDisableRunMetadata(ctx);
  TFE_ContextStartStep(ctx);
  TFE_ContextEndStep(ctx);
  TFE_ContextClearCaches(ctx);
  TFE_ContextSetThreadLocalDevicePlacementPolicy(ctx,
                                                 TFE_DEVICE_PLACEMENT_EXPLICIT);
  CHECK_EQ_I64(TFE_ContextGetDevicePlacementPolicy(ctx),
               TFE_DEVICE_PLACEMENT_EXPLICIT);
  TF_DeleteBuffer(b);
  TFE_DeleteContext(ctx);
  TF_DeleteStatus(s);
}

TFC_TEST(ExperimentalHelpers) {
  TF_Buffer* config = TF_CreateConfig(0, 0, 4);
  TF_Buffer* run = TF_CreateRunOptions(1);
  TF_SessionOptions* o = TF_NewSessionOptions();
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  size_t len = 0;
  const char* text;
  CHECK(config->length > 0);
  TF_SetConfig(o, config->data, config->length, s); /* parses back */
  CHECK_OK(s);
  CHECK(run->length == 2);
  TF_EnableXLACompilation(o, 1);
  CHECK_EQ_I64(TF_SetXlaEnableLazyCompilation(1), 0);
  CHECK_EQ_I64(TF_SetXlaEnableLazyCompilation(0), 1);
  CHECK_EQ_I64(TF_SetTfXlaCpuGlobalJit(0), 0);
  TF_SetXlaAutoJitMode("");
  TF_SetXlaConstantFoldingDisabled(1);
  CHECK_EQ_I64(TF_GetXlaConstantFoldingDisabled(), 1);
  TF_SetXlaConstantFoldingDisabled(0);
  TF_SetXlaMinClusterSize(2);
  text = TF_GraphDebugString(g, &len);
  CHECK(text != NULL);
  free((void*)text);
  free(TF_FunctionDebugString(NULL, &len));
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
  TF_DeleteSessionOptions(o);
  TF_DeleteBuffer(config);
  TF_DeleteBuffer(run);
}

TFC_TEST(TryEvaluateConstant) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_OperationDescription* d = TF_NewOperation(g, "Const", "c");
  TF_Tensor* v = TF_AllocateTensor(TF_INT32, NULL, 0, 4);
  TF_Tensor* r = NULL;
  TF_Output o;
  *(int32_t*)TF_TensorData(v) = 42;
  TF_SetAttrTensor(d, "value", v, s);
  TF_SetAttrType(d, "dtype", TF_INT32);
  o.oper = TF_FinishOperation(d, s);
  o.index = 0;
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TryEvaluateConstant(g, o, &r, s), 1);
  CHECK_OK(s);
  CHECK_EQ_I64(*(int32_t*)TF_TensorData(r), 42);
  TF_DeleteTensor(r);
  TF_DeleteTensor(v);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(DeleteNullEverywhere) {
  TF_Status* s = TF_NewStatus();
  TF_DeleteStatus(NULL);
  TF_DeleteBuffer(NULL);
  TF_DeleteTensor(NULL);
  TF_DeleteGraph(NULL);
  TF_DeleteImportGraphDefOptions(NULL);
  TF_DeleteImportGraphDefResults(NULL);
  TF_DeleteSessionOptions(NULL);
  TF_DeleteSession(NULL, s);
  CHECK_OK(s);
  TF_DeleteDeviceList(NULL);
  TF_DeleteFunction(NULL);
  TF_DeleteLibraryHandle(NULL);
  TF_DeleteApiDefMap(NULL);
  TF_DeleteServer(NULL);
  TF_DeleteDeprecatedSession(NULL, s);
  TF_DeletePRunHandle(NULL);
  TFE_DeleteContextOptions(NULL);
  TFE_DeleteContext(NULL);
  TFE_DeleteTensorHandle(NULL);
  TFE_DeleteOp(NULL);
  TFE_DeleteTensorDebugInfo(NULL);
  TF_DeleteStatus(s);
}

/* half_plus_two's variables: a = 0.5, b = 2, c = 3, a2 = 0.5, c2 = 3
 * (SOURCE.md of the fixture). */
TFC_TEST(CheckpointReader) {
  char path[1024];
  TF_Status* s = TF_NewStatus();
  TF_CheckpointReader* r;
  TF_Tensor* t;
  int64_t dims[1];
  int i, found_a = 0;
  snprintf(path, sizeof(path),
           "%s/fixtures/tf/savedmodel-tf1-half-plus-two/00000123/variables/"
           "variables",
           tfc_shared_dir());
  r = TF_NewCheckpointReader(path, s);
  if (r == NULL && TF_GetCode(s) == TF_NOT_FOUND) {
    TF_DeleteStatus(s);
    TFC_SKIP("fixture not found");
  }
  CHECK_OK(s);
  CHECK_EQ_I64(TF_CheckpointReaderSize(r), 5);
  for (i = 0; i < TF_CheckpointReaderSize(r); ++i) {
    if (strcmp(TF_CheckpointReaderGetVariable(r, i), "a") == 0) found_a = 1;
  }
  CHECK(found_a);
  CHECK(TF_CheckpointReaderGetVariable(r, 99) == NULL);
  CHECK_EQ_I64(TF_CheckpointReaderHasTensor(r, "b"), 1);
  CHECK_EQ_I64(TF_CheckpointReaderHasTensor(r, "zz"), 0);
  CHECK_EQ_I64(TF_CheckpointReaderGetVariableDataType(r, "c"), TF_FLOAT);
  CHECK_EQ_I64(TF_CheckpointReaderGetVariableNumDims(r, "c"), 0);
  TF_CheckpointReaderGetVariableShape(r, "c", dims, 0, s);
  CHECK_OK(s);
  t = TF_CheckpointReaderGetTensor(r, "b", s);
  CHECK_OK(s);
  CHECK(*(float*)TF_TensorData(t) == 2.0f);
  TF_DeleteTensor(t);
  CHECK(TF_CheckpointReaderGetTensor(r, "zz", s) == NULL);
  CHECK(TF_GetCode(s) != TF_OK);
  TF_DeleteCheckpointReader(r);
  CHECK(TF_NewCheckpointReader("/nonexistent/ckpt", s) == NULL);
  CHECK(TF_GetCode(s) != TF_OK);
  TF_DeleteStatus(s);
}

TFC_TEST(OpQueriesShapeListsAndScalars) {
  TF_Status* s = TF_NewStatus();
  TF_AttrBuilder* b = TF_NewAttrBuilder("AddV2");
  TF_DataType types[2] = {TF_FLOAT, TF_INT32};
  TF_ShapeAndTypeList* list = TF_NewShapeAndTypeList(2);
  TF_ShapeAndTypeList** array;
  int64_t dims[2] = {3, -1};
  float one = 1.0f;
  TFE_TensorHandle* h;
  TF_AttrBuilderSetType(b, "T", TF_FLOAT);
  TF_AttrBuilderSetTypeList(b, "Tlist", types, 2);
  TF_AttrBuilderCheckCanRunOnDevice(b, "CPU", s);
  CHECK_OK(s);
  TF_AttrBuilderCheckCanRunOnDevice(b, "GPU", s);
  CHECK_STATUS(s, TF_NOT_FOUND, "GPU");
  TF_DeleteAttrBuilder(b);
  CHECK_STR(TF_GetNumberAttrForOpListInput("AddN", 0, s), "N");
  CHECK(TF_GetNumberAttrForOpListInput("AddV2", 0, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  CHECK_EQ_I64(TF_OpIsStateful("VariableV2", s), 1);
  CHECK_EQ_I64(TF_OpIsStateful("AddV2", s), 0);
  TF_OpIsStateful("NoSuchOp", s);
  CHECK_STATUS(s, TF_NOT_FOUND, "NoSuchOp");
  TF_ShapeAndTypeListSetShape(list, 0, dims, 2);
  TF_ShapeAndTypeListSetDtype(list, 0, TF_FLOAT);
  TF_ShapeAndTypeListSetUnknownShape(list, 1);
  CHECK_EQ_I64(list->items[0].num_dims, 2);
  CHECK_EQ_I64(list->items[0].dims[1], -1);
  CHECK_EQ_I64(list->items[1].num_dims, -1);
  TF_DeleteShapeAndTypeList(list);
  array = NULL;
  TF_DeleteShapeAndTypeListArray(array, 0);
  h = TFE_NewTensorHandleFromScalar(TF_FLOAT, &one, sizeof(one), s);
  CHECK_OK(s);
  CHECK_EQ_I64(TFE_TensorHandleNumDims(h, s), 0);
  TFE_DeleteTensorHandle(h);
  CHECK(TFE_NewTensorHandleFromScalar(TF_FLOAT, &one, 2, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  TF_MakeInternalErrorStatus(s, "boom");
  CHECK_STATUS(s, TF_INTERNAL, "boom");
  CHECK(TF_PickUnusedPortOrDie() > 0);
  TF_InitMain("usage", NULL, NULL);
  {
    TF_ImportGraphDefOptions* o = TF_NewImportGraphDefOptions();
    TF_ImportGraphDefOptionsSetValidateColocationConstraints(o, 1);
    TF_DeleteImportGraphDefOptions(o);
  }
  CHECK(TF_DequeueNamedTensor(NULL, 0, s) == NULL);
  CHECK_UNIMPL(s, "TF_DequeueNamedTensor");
  TF_EnqueueNamedTensor(NULL, 0, NULL, s);
  CHECK_UNIMPL(s, "TF_EnqueueNamedTensor");
  CHECK(TFE_GetServerDef("", s) == NULL);
  CHECK_UNIMPL(s, "TFE_GetServerDef");
  TFE_EnableCollectiveOps(NULL, "", 0, s);
  CHECK_UNIMPL(s, "TFE_EnableCollectiveOps");
  TFE_AbortCollectiveOps(NULL, s);
  CHECK_UNIMPL(s, "TFE_AbortCollectiveOps");
  TFE_CollectiveOpsCheckPeerHealth(NULL, "t", 1, s);
  CHECK_UNIMPL(s, "TFE_CollectiveOpsCheckPeerHealth");
  TFE_InferShapes(NULL, NULL, NULL, NULL, NULL, NULL, NULL, s);
  CHECK_UNIMPL(s, "TFE_InferShapes");
  CHECK(TF_LoadPluggableDeviceLibrary("x.so", s) == NULL);
  CHECK_UNIMPL(s, "TF_LoadPluggableDeviceLibrary");
  TF_DeletePluggableDeviceLibraryHandle(NULL);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(CheckpointReader), TFC_CASE(OpQueriesShapeListsAndScalars),
         TFC_CASE(DeleteNullEverywhere),
         TFC_CASE(GraphFunctionsWhileGradients),
         TFC_CASE(PartialAndDeprecatedSessions),
         TFC_CASE(LibrariesServersRegistries), TFC_CASE(EagerExtras),
         TFC_CASE(ExperimentalHelpers), TFC_CASE(TryEvaluateConstant))
