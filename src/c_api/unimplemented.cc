// C API functions tfpersist does not support (yet): each sets
// TF_UNIMPLEMENTED naming itself (docs/c_api.md lists them and why), so a
// binding linking or resolving them never meets a missing symbol. Deleters
// of objects that can never be created are NULL-safe no-ops.
#include "c_api/c_api_internal.h"
#include "tensorflow/c/c_api_experimental.h"

using tfpersist::capi::SetOk;
using tfpersist::capi::SetUnimplemented;

#define TFP_UNIMPLEMENTED(status) SetUnimplemented(status, __func__)

extern "C" {

// ---- Graph functions (TF_Function): no function building in tfpersist ----
void TF_GraphCopyFunction(TF_Graph*, const TF_Function*, const TF_Function*,
                          TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
int TF_GraphGetFunctions(TF_Graph*, TF_Function**, int, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return 0;
}
TF_Function* TF_GraphToFunction(const TF_Graph*, const char*, unsigned char,
                                int, const TF_Operation* const*, int,
                                const TF_Output*, int, const TF_Output*,
                                const char* const*, const TF_FunctionOptions*,
                                const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
TF_Function* TF_GraphToFunctionWithControlOutputs(
    const TF_Graph*, const char*, unsigned char, int,
    const TF_Operation* const*, int, const TF_Output*, int, const TF_Output*,
    const char* const*, int, const TF_Operation* const*, const char* const*,
    const TF_FunctionOptions*, const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
const char* TF_FunctionName(TF_Function*) { return ""; }
void TF_FunctionToFunctionDef(TF_Function*, TF_Buffer*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
TF_Function* TF_FunctionImportFunctionDef(const void*, size_t,
                                          TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TF_FunctionSetAttrValueProto(TF_Function*, const char*, const void*,
                                  size_t, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TF_FunctionGetAttrValueProto(TF_Function*, const char*, TF_Buffer*,
                                  TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TF_DeleteFunction(TF_Function*) {}  // none can exist

// ---- While loops and gradients: no graph-level autodiff/control flow ----
TF_WhileParams TF_NewWhile(TF_Graph*, TF_Output*, int, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return TF_WhileParams{0,       nullptr, nullptr, {nullptr, 0},
                        nullptr, nullptr, nullptr, nullptr};
}
void TF_FinishWhile(const TF_WhileParams*, TF_Status* status, TF_Output*) {
  TFP_UNIMPLEMENTED(status);
}
void TF_AbortWhile(const TF_WhileParams*) {}
void TF_AddGradients(TF_Graph*, TF_Output*, int, TF_Output*, int, TF_Output*,
                     TF_Status* status, TF_Output*) {
  TFP_UNIMPLEMENTED(status);
}
void TF_AddGradientsWithPrefix(TF_Graph*, const char*, TF_Output*, int,
                               TF_Output*, int, TF_Output*, TF_Status* status,
                               TF_Output*) {
  TFP_UNIMPLEMENTED(status);
}
void TF_UpdateEdge(TF_Graph*, TF_Output, TF_Input, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}

// ---- Partial runs ----
void TF_SessionPRunSetup(TF_Session*, const TF_Output*, int, const TF_Output*,
                         int, const TF_Operation* const*, int,
                         const char** handle, TF_Status* status) {
  if (handle != nullptr) *handle = nullptr;
  TFP_UNIMPLEMENTED(status);
}
void TF_SessionPRun(TF_Session*, const char*, const TF_Output*,
                    TF_Tensor* const*, int, const TF_Output*,
                    TF_Tensor** output_values, int noutputs,
                    const TF_Operation* const*, int, TF_Status* status) {
  for (int i = 0; i < noutputs && output_values != nullptr; ++i) {
    output_values[i] = nullptr;
  }
  TFP_UNIMPLEMENTED(status);
}
void TF_DeletePRunHandle(const char*) {}  // no handle is ever returned

// ---- Deprecated GraphDef-based session API ----
TF_DeprecatedSession* TF_NewDeprecatedSession(const TF_SessionOptions*,
                                              TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TF_CloseDeprecatedSession(TF_DeprecatedSession*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TF_DeleteDeprecatedSession(TF_DeprecatedSession*, TF_Status* status) {
  SetOk(status);  // none can exist
}
void TF_Reset(const TF_SessionOptions*, const char**, int, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TF_ExtendGraph(TF_DeprecatedSession*, const void*, size_t,
                    TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TF_Run(TF_DeprecatedSession*, const TF_Buffer*, const char**, TF_Tensor**,
            int, const char**, TF_Tensor** outputs, int noutputs, const char**,
            int, TF_Buffer*, TF_Status* status) {
  for (int i = 0; i < noutputs && outputs != nullptr; ++i) outputs[i] = nullptr;
  TFP_UNIMPLEMENTED(status);
}
void TF_PRunSetup(TF_DeprecatedSession*, const char**, int, const char**, int,
                  const char**, int, const char** handle, TF_Status* status) {
  if (handle != nullptr) *handle = nullptr;
  TFP_UNIMPLEMENTED(status);
}
void TF_PRun(TF_DeprecatedSession*, const char*, const char**, TF_Tensor**, int,
             const char**, TF_Tensor** outputs, int noutputs, const char**, int,
             TF_Status* status) {
  for (int i = 0; i < noutputs && outputs != nullptr; ++i) outputs[i] = nullptr;
  TFP_UNIMPLEMENTED(status);
}
TF_DeviceList* TF_DeprecatedSessionListDevices(TF_DeprecatedSession*,
                                               TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}

// ---- Op libraries, API defs, kernel registry, servers, plugins ----
TF_Library* TF_LoadLibrary(const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
TF_Buffer TF_GetOpList(TF_Library*) { return TF_Buffer{nullptr, 0, nullptr}; }
void TF_DeleteLibraryHandle(TF_Library*) {}  // none can exist
TF_ApiDefMap* TF_NewApiDefMap(TF_Buffer*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TF_DeleteApiDefMap(TF_ApiDefMap*) {}  // none can exist
void TF_ApiDefMapPut(TF_ApiDefMap*, const char*, size_t, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
TF_Buffer* TF_ApiDefMapGet(TF_ApiDefMap*, const char*, size_t,
                           TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
TF_Buffer* TF_GetAllRegisteredKernels(TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
TF_Buffer* TF_GetRegisteredKernelsForOp(const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
TF_Server* TF_NewServer(const void*, size_t, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TF_ServerStart(TF_Server*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TF_ServerStop(TF_Server*, TF_Status* status) { TFP_UNIMPLEMENTED(status); }
void TF_ServerJoin(TF_Server*, TF_Status* status) { TFP_UNIMPLEMENTED(status); }
const char* TF_ServerTarget(TF_Server*) { return ""; }
void TF_DeleteServer(TF_Server*) {}                    // none can exist
void TF_RegisterLogListener(void (*)(const char*)) {}  // we log nothing
void TF_RegisterFilesystemPlugin(const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}

// ---- Eager extras ----
void TFE_ContextSetServerDef(TFE_Context*, int, const void*, size_t,
                             TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
TFE_TensorDebugInfo* TFE_TensorHandleTensorDebugInfo(TFE_TensorHandle*,
                                                     TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TFE_DeleteTensorDebugInfo(TFE_TensorDebugInfo*) {}  // none can exist
int TFE_TensorDebugInfoOnDeviceNumDims(TFE_TensorDebugInfo*) { return -1; }
int64_t TFE_TensorDebugInfoOnDeviceDim(TFE_TensorDebugInfo*, int) { return -1; }
int TFE_OpGetInputLength(TFE_Op*, const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return -1;
}
int TFE_OpGetOutputLength(TFE_Op*, const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return -1;
}
void TFE_ContextAddFunctionDef(TFE_Context*, const char*, size_t,
                               TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TFE_ContextAddFunction(TFE_Context*, TF_Function*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TFE_ContextRemoveFunction(TFE_Context*, const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
unsigned char TFE_ContextHasFunction(TFE_Context*, const char*) { return 0; }
void TFE_ContextEnableRunMetadata(TFE_Context*) {}
void TFE_ContextDisableRunMetadata(TFE_Context*) {}
void TFE_ContextExportRunMetadata(TFE_Context*, TF_Buffer*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TFE_ContextStartStep(TFE_Context*) {}
void TFE_ContextEndStep(TFE_Context*) {}

}  // extern "C"

// ---- c_api_experimental.h extras ----
extern "C" {

TF_Tensor* TF_DequeueNamedTensor(TF_Session*, int, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TF_EnqueueNamedTensor(TF_Session*, int, TF_Tensor*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
TF_Buffer* TFE_GetServerDef(const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TFE_EnableCollectiveOps(TFE_Context*, const void*, size_t,
                             TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TFE_AbortCollectiveOps(TFE_Context*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TFE_CollectiveOpsCheckPeerHealth(TFE_Context*, const char*, int64_t,
                                      TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
}
void TFE_InferShapes(TFE_Op*, TF_ShapeAndTypeList*, TF_Tensor**,
                     TF_ShapeAndTypeList*, TF_ShapeAndTypeList**,
                     TF_ShapeAndTypeList** output_shapes,
                     TF_ShapeAndTypeList***, TF_Status* status) {
  if (output_shapes != nullptr) *output_shapes = nullptr;
  TFP_UNIMPLEMENTED(status);
}
TF_Library* TF_LoadPluggableDeviceLibrary(const char*, TF_Status* status) {
  TFP_UNIMPLEMENTED(status);
  return nullptr;
}
void TF_DeletePluggableDeviceLibraryHandle(TF_Library*) {}  // none can exist

}  // extern "C"
