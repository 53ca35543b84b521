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

TFC_MAIN(TFC_CASE(GraphFunctionsWhileGradients),
         TFC_CASE(PartialAndDeprecatedSessions),
         TFC_CASE(LibrariesServersRegistries), TFC_CASE(EagerExtras),
         TFC_CASE(ExperimentalHelpers), TFC_CASE(TryEvaluateConstant))
