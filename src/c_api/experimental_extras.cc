// The rest of c_api_experimental.h: checkpoint reading (over
// io/CheckpointReader), attr builders, op queries, shape-and-type lists,
// scalar handles and small helpers. Unsupported entries are in
// unimplemented.cc.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "c_api/eager_internal.h"
#include "tensorflow/c/c_api_experimental.h"
#include "tfpersist/base/env.h"
#include "tfpersist/io/checkpoint_reader.h"

struct TF_CheckpointReader {
  std::unique_ptr<tfpersist::CheckpointReader> reader;
  std::vector<std::string> names;  // sorted variable names
};

struct TF_AttrBuilder {
  std::string op_name;
  tfpersist::AttrList attrs;
};

using tfpersist::capi::Set;
using tfpersist::capi::SetOk;
namespace errors = tfpersist::errors;

namespace {

const tensorflow::OpDef* LookUpOp(const char* op_name, TF_Status* status) {
  tfpersist::Graph probe;
  auto op = probe.LookUpOpDef(op_name == nullptr ? "" : op_name);
  if (!op.ok()) {
    Set(status, op.status());
    return nullptr;
  }
  SetOk(status);
  return *op;
}

}  // namespace

extern "C" {

void TF_MakeInternalErrorStatus(TF_Status* status, const char* errMsg) {
  TF_SetStatus(status, TF_INTERNAL, errMsg == nullptr ? "" : errMsg);
}

TF_CheckpointReader* TF_NewCheckpointReader(const char* filename,
                                            TF_Status* status) {
  if (filename == nullptr) {
    Set(status, errors::InvalidArgument("NULL checkpoint file name"));
    return nullptr;
  }
  auto reader =
      tfpersist::CheckpointReader::Open(tfpersist::Env::Default(), filename);
  if (!reader.ok()) {
    Set(status, reader.status());
    return nullptr;
  }
  auto* r = new TF_CheckpointReader;
  r->reader = std::move(*reader);
  for (const auto& [name, shape] : r->reader->GetVariableToShapeMap()) {
    r->names.push_back(name);
  }
  SetOk(status);
  return r;
}
void TF_DeleteCheckpointReader(TF_CheckpointReader* reader) { delete reader; }
int TF_CheckpointReaderHasTensor(TF_CheckpointReader* reader,
                                 const char* name) {
  return reader != nullptr && name != nullptr && reader->reader->HasTensor(name)
             ? 1
             : 0;
}
const char* TF_CheckpointReaderGetVariable(TF_CheckpointReader* reader,
                                           int index) {
  if (reader == nullptr || index < 0 ||
      index >= static_cast<int>(reader->names.size())) {
    return nullptr;
  }
  return reader->names[index].c_str();
}
int TF_CheckpointReaderSize(TF_CheckpointReader* reader) {
  return reader == nullptr ? 0 : static_cast<int>(reader->names.size());
}
TF_DataType TF_CheckpointReaderGetVariableDataType(TF_CheckpointReader* reader,
                                                   const char* name) {
  if (reader == nullptr || name == nullptr) return static_cast<TF_DataType>(0);
  const auto& types = reader->reader->GetVariableToDataTypeMap();
  auto it = types.find(name);
  return it == types.end() ? static_cast<TF_DataType>(0)
                           : static_cast<TF_DataType>(it->second);
}
int TF_CheckpointReaderGetVariableNumDims(TF_CheckpointReader* reader,
                                          const char* name) {
  if (reader == nullptr || name == nullptr) return -1;
  const auto& shapes = reader->reader->GetVariableToShapeMap();
  auto it = shapes.find(name);
  return it == shapes.end() ? -1 : it->second.dims();
}
void TF_CheckpointReaderGetVariableShape(TF_CheckpointReader* reader,
                                         const char* name, int64_t* dims,
                                         int num_dims, TF_Status* status) {
  if (reader == nullptr || name == nullptr) {
    Set(status, errors::InvalidArgument("NULL reader or name"));
    return;
  }
  const auto& shapes = reader->reader->GetVariableToShapeMap();
  auto it = shapes.find(name);
  if (it == shapes.end()) {
    Set(status, errors::NotFound("Key ", name, " not found in checkpoint"));
    return;
  }
  for (int i = 0; i < num_dims && i < it->second.dims(); ++i) {
    dims[i] = it->second.dim_size(i);
  }
  SetOk(status);
}
TF_Tensor* TF_CheckpointReaderGetTensor(TF_CheckpointReader* reader,
                                        const char* name, TF_Status* status) {
  if (reader == nullptr || name == nullptr) {
    Set(status, errors::InvalidArgument("NULL reader or name"));
    return nullptr;
  }
  auto t = reader->reader->GetTensor(name);
  if (!t.ok()) {
    Set(status, t.status());
    return nullptr;
  }
  SetOk(status);
  return tfpersist::capi::FromTensor(*t);
}

TF_AttrBuilder* TF_NewAttrBuilder(const char* op_name) {
  return new TF_AttrBuilder{op_name == nullptr ? "" : op_name, {}};
}
void TF_DeleteAttrBuilder(TF_AttrBuilder* builder) { delete builder; }
void TF_AttrBuilderSetType(TF_AttrBuilder* builder, const char* attr_name,
                           TF_DataType value) {
  if (builder == nullptr || attr_name == nullptr) return;
  tensorflow::AttrValue v;
  v.set_type(static_cast<tensorflow::DataType>(value));
  builder->attrs.emplace_back(attr_name, v);
}
void TF_AttrBuilderSetTypeList(TF_AttrBuilder* builder, const char* attr_name,
                               const TF_DataType* values, int num_values) {
  if (builder == nullptr || attr_name == nullptr) return;
  tensorflow::AttrValue v;
  for (int i = 0; i < num_values; ++i) {
    v.mutable_list()->add_type(static_cast<tensorflow::DataType>(values[i]));
  }
  builder->attrs.emplace_back(attr_name, v);
}
void TF_AttrBuilderCheckCanRunOnDevice(TF_AttrBuilder* builder,
                                       const char* device_type,
                                       TF_Status* status) {
  if (builder == nullptr) {
    Set(status, errors::InvalidArgument("NULL attr builder"));
    return;
  }
  if (LookUpOp(builder->op_name.c_str(), status) == nullptr) return;
  const std::string device = device_type == nullptr ? "" : device_type;
  if (device != "CPU") {
    Set(status, errors::NotFound("No kernel registered for op '",
                                 builder->op_name, "' on device '", device,
                                 "': tfpersist runs on the CPU only"));
  }
}
const char* TF_GetNumberAttrForOpListInput(const char* op_name, int input_index,
                                           TF_Status* status) {
  const tensorflow::OpDef* op = LookUpOp(op_name, status);
  if (op == nullptr) return nullptr;
  if (input_index < 0 || input_index >= op->input_arg_size() ||
      op->input_arg(input_index).number_attr().empty()) {
    Set(status,
        errors::InvalidArgument("Input ", input_index, " of op '", op->name(),
                                "' is not a list with a number attr"));
    return nullptr;
  }
  return op->input_arg(input_index).number_attr().c_str();
}
int TF_OpIsStateful(const char* op_type, TF_Status* status) {
  const tensorflow::OpDef* op = LookUpOp(op_type, status);
  return op != nullptr && op->is_stateful() ? 1 : 0;
}
void TF_InitMain(const char*, int*, char***) {}
int TF_PickUnusedPortOrDie(void) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) std::abort();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    std::abort();
  }
  close(fd);
  return ntohs(addr.sin_port);
}

TFE_TensorHandle* TFE_NewTensorHandleFromScalar(TF_DataType data_type,
                                                void* data, size_t len,
                                                TF_Status* status) {
  const size_t size = TF_DataTypeSize(data_type);
  if (size == 0 || len != size || data == nullptr) {
    Set(status, errors::InvalidArgument("TFE_NewTensorHandleFromScalar: ", len,
                                        " bytes for a scalar of dtype ",
                                        static_cast<int>(data_type)));
    return nullptr;
  }
  TF_Tensor* t = TF_AllocateTensor(data_type, nullptr, 0, len);
  std::memcpy(TF_TensorData(t), data, len);
  TFE_TensorHandle* h = TFE_NewTensorHandle(t, status);
  TF_DeleteTensor(t);
  return h;
}

TF_ShapeAndTypeList* TF_NewShapeAndTypeList(int num_shapes) {
  if (num_shapes < 0) return nullptr;
  auto* list = new TF_ShapeAndTypeList;
  list->num_items = num_shapes;
  list->items = new TF_ShapeAndType[num_shapes];
  for (int i = 0; i < num_shapes; ++i) {
    list->items[i] = TF_ShapeAndType{-1, nullptr, static_cast<TF_DataType>(0)};
  }
  return list;
}
void TF_ShapeAndTypeListSetShape(TF_ShapeAndTypeList* list, int index,
                                 const int64_t* dims, int num_dims) {
  if (list == nullptr || index < 0 || index >= list->num_items) return;
  TF_ShapeAndType& item = list->items[index];
  delete[] item.dims;
  item.dims = nullptr;
  item.num_dims = num_dims;
  if (num_dims > 0) {
    item.dims = new int64_t[num_dims];
    for (int i = 0; i < num_dims; ++i) item.dims[i] = dims[i];
  }
}
void TF_ShapeAndTypeListSetUnknownShape(TF_ShapeAndTypeList* list, int index) {
  TF_ShapeAndTypeListSetShape(list, index, nullptr, -1);
}
void TF_ShapeAndTypeListSetDtype(TF_ShapeAndTypeList* list, int index,
                                 TF_DataType dtype) {
  if (list == nullptr || index < 0 || index >= list->num_items) return;
  list->items[index].dtype = dtype;
}
void TF_DeleteShapeAndTypeList(TF_ShapeAndTypeList* list) {
  if (list == nullptr) return;
  for (int i = 0; i < list->num_items; ++i) delete[] list->items[i].dims;
  delete[] list->items;
  delete list;
}
void TF_DeleteShapeAndTypeListArray(TF_ShapeAndTypeList** array,
                                    int num_items) {
  if (array == nullptr) return;
  for (int i = 0; i < num_items; ++i) TF_DeleteShapeAndTypeList(array[i]);
  delete[] array;
}

void TF_ImportGraphDefOptionsSetValidateColocationConstraints(
    TF_ImportGraphDefOptions*, unsigned char) {}

}  // extern "C"
