// The eager C API (TFE_*), part 1: context options, contexts and tensor
// handles. Handles share their tensor's buffer (the TF_Tensor they were
// made from may be deleted first). Ops and execution: eager_op.cc.
#include "c_api/eager_internal.h"

using tfpersist::capi::kCpuDevice;
using tfpersist::capi::Set;
using tfpersist::capi::SetOk;
namespace errors = tfpersist::errors;

extern "C" {

TFE_ContextOptions* TFE_NewContextOptions(void) {
  return new TFE_ContextOptions;
}
void TFE_ContextOptionsSetConfig(TFE_ContextOptions* options, const void* proto,
                                 size_t proto_len, TF_Status* status) {
  TF_SessionOptions parsed;
  TF_SetConfig(&parsed, proto, proto_len, status);
  (void)options;
}
void TFE_ContextOptionsSetAsync(TFE_ContextOptions*, unsigned char) {}
void TFE_ContextOptionsSetDevicePlacementPolicy(
    TFE_ContextOptions* options, TFE_ContextDevicePlacementPolicy policy) {
  if (options != nullptr) options->policy = policy;
}
void TFE_DeleteContextOptions(TFE_ContextOptions* options) { delete options; }

TFE_Context* TFE_NewContext(const TFE_ContextOptions* opts, TF_Status* status) {
  auto* ctx = new TFE_Context;
  if (opts != nullptr) ctx->policy = opts->policy;
  SetOk(status);
  return ctx;
}
void TFE_DeleteContext(TFE_Context* ctx) { delete ctx; }
TF_DeviceList* TFE_ContextListDevices(TFE_Context* ctx, TF_Status* status) {
  if (ctx == nullptr) {
    Set(status, errors::InvalidArgument("NULL context"));
    return nullptr;
  }
  SetOk(status);
  return new TF_DeviceList{{kCpuDevice}};
}
void TFE_ContextClearCaches(TFE_Context*) {}
void TFE_ContextSetThreadLocalDevicePlacementPolicy(
    TFE_Context* ctx, TFE_ContextDevicePlacementPolicy policy) {
  if (ctx != nullptr) ctx->policy = policy;
}
TFE_ContextDevicePlacementPolicy TFE_ContextGetDevicePlacementPolicy(
    TFE_Context* ctx) {
  return ctx == nullptr ? TFE_DEVICE_PLACEMENT_SILENT : ctx->policy;
}

TFE_TensorHandle* TFE_NewTensorHandle(const TF_Tensor* t, TF_Status* status) {
  if (t == nullptr) {
    Set(status, errors::InvalidArgument("NULL TF_Tensor"));
    return nullptr;
  }
  SetOk(status);
  return new TFE_TensorHandle{*t};
}
void TFE_DeleteTensorHandle(TFE_TensorHandle* h) { delete h; }
TF_DataType TFE_TensorHandleDataType(TFE_TensorHandle* h) {
  return h == nullptr ? static_cast<TF_DataType>(0) : h->tensor.dtype;
}
int TFE_TensorHandleNumDims(TFE_TensorHandle* h, TF_Status* status) {
  if (h == nullptr) {
    Set(status, errors::InvalidArgument("Invalid handle"));
    return -1;
  }
  SetOk(status);
  return static_cast<int>(h->tensor.dims.size());
}
int64_t TFE_TensorHandleNumElements(TFE_TensorHandle* h, TF_Status* status) {
  if (h == nullptr) {
    Set(status, errors::InvalidArgument("Invalid handle"));
    return -1;
  }
  SetOk(status);
  return TF_TensorElementCount(&h->tensor);
}
int64_t TFE_TensorHandleDim(TFE_TensorHandle* h, int dim_index,
                            TF_Status* status) {
  if (h == nullptr || dim_index < 0 ||
      dim_index >= static_cast<int>(h->tensor.dims.size())) {
    Set(status,
        errors::InvalidArgument("Invalid handle or dim_index ", dim_index));
    return -1;
  }
  SetOk(status);
  return h->tensor.dims[dim_index];
}
const char* TFE_TensorHandleDeviceName(TFE_TensorHandle* h, TF_Status* status) {
  if (h == nullptr) {
    Set(status, errors::InvalidArgument("Invalid handle"));
    return nullptr;
  }
  SetOk(status);
  return kCpuDevice;
}
const char* TFE_TensorHandleBackingDeviceName(TFE_TensorHandle* h,
                                              TF_Status* status) {
  return TFE_TensorHandleDeviceName(h, status);
}
TFE_TensorHandle* TFE_TensorHandleCopySharingTensor(TFE_TensorHandle* h,
                                                    TF_Status* status) {
  return h == nullptr ? TFE_NewTensorHandle(nullptr, status)
                      : TFE_NewTensorHandle(&h->tensor, status);
}
TF_Tensor* TFE_TensorHandleResolve(TFE_TensorHandle* h, TF_Status* status) {
  if (h == nullptr) {
    Set(status, errors::InvalidArgument("Invalid handle"));
    return nullptr;
  }
  SetOk(status);
  return tfpersist::capi::ShareTensor(h->tensor);
}
TFE_TensorHandle* TFE_TensorHandleCopyToDevice(TFE_TensorHandle* h,
                                               TFE_Context* ctx,
                                               const char* device_name,
                                               TF_Status* status) {
  (void)ctx;
  const std::string dev = device_name == nullptr ? "" : device_name;
  if (dev.find("GPU") != std::string::npos ||
      dev.find("TPU") != std::string::npos) {
    Set(status, errors::InvalidArgument("Unknown device '", dev,
                                        "': tfpersist has only ", kCpuDevice));
    return nullptr;
  }
  return TFE_TensorHandleCopySharingTensor(h, status);
}

}  // extern "C"
