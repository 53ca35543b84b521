// Internal definitions of the eager C API structs (tensorflow/c/eager/c_api.h),
// shared by eager.cc (contexts, handles) and eager_op.cc (ops, execution).
#ifndef TFPERSIST_C_API_EAGER_INTERNAL_H_
#define TFPERSIST_C_API_EAGER_INTERNAL_H_

#include <string>
#include <vector>

#include "c_api/c_api_internal.h"

namespace tfpersist::capi {
inline constexpr char kCpuDevice[] =
    "/job:localhost/replica:0/task:0/device:CPU:0";
}  // namespace tfpersist::capi

struct TFE_ContextOptions {
  TFE_ContextDevicePlacementPolicy policy = TFE_DEVICE_PLACEMENT_SILENT;
};

struct TFE_Context {
  TFE_ContextDevicePlacementPolicy policy = TFE_DEVICE_PLACEMENT_SILENT;
};

struct TFE_TensorHandle {
  TF_Tensor tensor;  // shares the buffer
};

struct TFE_Op {
  TFE_Context* ctx = nullptr;
  std::string op_type;
  const tensorflow::OpDef* op_def = nullptr;
  std::string device;
  // One entry per OpDef input arg added: a single tensor or a list.
  struct Arg {
    std::vector<TF_Tensor> tensors;
    bool is_list = false;
  };
  std::vector<Arg> args;
  tfpersist::AttrList attrs;
  tfpersist::Status status;  // first error of a setter
};

#endif  // TFPERSIST_C_API_EAGER_INTERNAL_H_
