// TF_OperationGetAttr*: attr metadata, typed getters, names and the
// NodeDef of an operation.
#include <algorithm>
#include <cstring>

#include "c_api/c_api_internal.h"
#include "core/tensor_proto.h"

namespace tfpersist::capi {
namespace {

StatusOr<const tensorflow::AttrValue*> FindAttr(TF_Operation* oper,
                                                const char* attr_name) {
  const Node* n = ToNode(oper);
  if (n == nullptr || attr_name == nullptr) {
    return errors::InvalidArgument("NULL operation or attr name");
  }
  auto it = n->def().attr().find(attr_name);
  if (it == n->def().attr().end()) {
    return errors::InvalidArgument("Operation '", n->name(),
                                   "' has no attr named '", attr_name, "'.");
  }
  return &it->second;
}

Status WrongType(const char* attr_name, const char* want) {
  return errors::InvalidArgument("Attr '", attr_name, "' is not of type '",
                                 want, "'");
}

std::vector<std::string> SortedAttrNames(const Node* n) {
  std::vector<std::string> names;
  for (const auto& [name, value] : n->def().attr()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

// Metadata of a list attr: the element kind of its non-empty field.
TF_AttrMetadata ListMetadata(const tensorflow::AttrValue::ListValue& l) {
  TF_AttrMetadata m{1, 0, TF_ATTR_STRING, -1};
  if (l.s_size() > 0) {
    m = {1, l.s_size(), TF_ATTR_STRING, 0};
    for (const auto& s : l.s()) m.total_size += s.size();
  } else if (l.i_size() > 0) {
    m = {1, l.i_size(), TF_ATTR_INT, -1};
  } else if (l.f_size() > 0) {
    m = {1, l.f_size(), TF_ATTR_FLOAT, -1};
  } else if (l.b_size() > 0) {
    m = {1, l.b_size(), TF_ATTR_BOOL, -1};
  } else if (l.type_size() > 0) {
    m = {1, l.type_size(), TF_ATTR_TYPE, -1};
  } else if (l.shape_size() > 0) {
    m = {1, l.shape_size(), TF_ATTR_SHAPE, 0};
    for (const auto& s : l.shape()) {
      m.total_size += s.unknown_rank() ? 0 : s.dim_size();
    }
  } else if (l.tensor_size() > 0) {
    m = {1, l.tensor_size(), TF_ATTR_TENSOR, -1};
  } else if (l.func_size() > 0) {
    m = {1, l.func_size(), TF_ATTR_FUNC, -1};
  }
  return m;
}

TF_AttrMetadata Metadata(const tensorflow::AttrValue& v) {
  TF_AttrMetadata m{0, -1, TF_ATTR_STRING, -1};
  using AV = tensorflow::AttrValue;
  auto single = [&m](TF_AttrType t, int64_t total) {
    m.type = t;
    m.total_size = total;
  };
  switch (v.value_case()) {
    case AV::kS:
      single(TF_ATTR_STRING, v.s().size());
      break;
    case AV::kI:
      single(TF_ATTR_INT, -1);
      break;
    case AV::kF:
      single(TF_ATTR_FLOAT, -1);
      break;
    case AV::kB:
      single(TF_ATTR_BOOL, -1);
      break;
    case AV::kType:
      single(TF_ATTR_TYPE, -1);
      break;
    case AV::kShape:
      single(TF_ATTR_SHAPE,
             v.shape().unknown_rank() ? -1 : v.shape().dim_size());
      break;
    case AV::kTensor:
      single(TF_ATTR_TENSOR, -1);
      break;
    case AV::kPlaceholder:
      single(TF_ATTR_PLACEHOLDER, -1);
      break;
    case AV::kFunc:
      single(TF_ATTR_FUNC, -1);
      break;
    case AV::kList:
      m = ListMetadata(v.list());
      break;
    default:
      break;
  }
  return m;
}

void ShapeDims(const tensorflow::TensorShapeProto& s,
               std::vector<int64_t>* out) {
  out->clear();
  for (const auto& d : s.dim()) out->push_back(d.size());
}

}  // namespace
}  // namespace tfpersist::capi
using tfpersist::capi::FindAttr;
using tfpersist::capi::Set;
using tfpersist::capi::SetOk;
using tfpersist::capi::ToNode;
using tfpersist::capi::ToOper;
using tfpersist::capi::WrongType;

#define TFP_GET_ATTR(var)                    \
  auto var##_or = FindAttr(oper, attr_name); \
  if (!var##_or.ok()) {                      \
    Set(status, var##_or.status());          \
    return;                                  \
  }                                          \
  const tensorflow::AttrValue& var = **var##_or

extern "C" {

TF_AttrMetadata TF_OperationGetAttrMetadata(TF_Operation* oper,
                                            const char* attr_name,
                                            TF_Status* status) {
  auto v = FindAttr(oper, attr_name);
  Set(status, v.status());
  if (!v.ok()) return TF_AttrMetadata{0, -1, TF_ATTR_STRING, -1};
  return tfpersist::capi::Metadata(**v);
}

void TF_OperationGetAttrString(TF_Operation* oper, const char* attr_name,
                               void* value, size_t max_length,
                               TF_Status* status) {
  TFP_GET_ATTR(v);
  if (!v.has_s() && v.value_case() != tensorflow::AttrValue::kS) {
    Set(status, WrongType(attr_name, "string"));
    return;
  }
  if (value != nullptr) {
    std::memcpy(value, v.s().data(), std::min(max_length, v.s().size()));
  }
  SetOk(status);
}

void TF_OperationGetAttrStringList(TF_Operation* oper, const char* attr_name,
                                   void** values, size_t* lengths,
                                   int max_values, void* storage,
                                   size_t storage_size, TF_Status* status) {
  TFP_GET_ATTR(v);
  const auto& list = v.list().s();
  char* p = static_cast<char*>(storage);
  size_t used = 0;
  for (int i = 0; i < list.size() && i < max_values; ++i) {
    if (used + list[i].size() > storage_size) {
      Set(status, tfpersist::errors::InvalidArgument(
                      "Not enough storage to hold the requested list of "
                      "strings"));
      return;
    }
    std::memcpy(p + used, list[i].data(), list[i].size());
    values[i] = p + used;
    lengths[i] = list[i].size();
    used += list[i].size();
  }
  SetOk(status);
}

void TF_OperationGetAttrInt(TF_Operation* oper, const char* attr_name,
                            int64_t* value, TF_Status* status) {
  TFP_GET_ATTR(v);
  if (v.value_case() != tensorflow::AttrValue::kI) {
    Set(status, WrongType(attr_name, "int"));
    return;
  }
  *value = v.i();
  SetOk(status);
}
void TF_OperationGetAttrIntList(TF_Operation* oper, const char* attr_name,
                                int64_t* values, int max_values,
                                TF_Status* status) {
  TFP_GET_ATTR(v);
  for (int i = 0; i < v.list().i_size() && i < max_values; ++i) {
    values[i] = v.list().i(i);
  }
  SetOk(status);
}
void TF_OperationGetAttrFloat(TF_Operation* oper, const char* attr_name,
                              float* value, TF_Status* status) {
  TFP_GET_ATTR(v);
  if (v.value_case() != tensorflow::AttrValue::kF) {
    Set(status, WrongType(attr_name, "float"));
    return;
  }
  *value = v.f();
  SetOk(status);
}
void TF_OperationGetAttrFloatList(TF_Operation* oper, const char* attr_name,
                                  float* values, int max_values,
                                  TF_Status* status) {
  TFP_GET_ATTR(v);
  for (int i = 0; i < v.list().f_size() && i < max_values; ++i) {
    values[i] = v.list().f(i);
  }
  SetOk(status);
}
void TF_OperationGetAttrBool(TF_Operation* oper, const char* attr_name,
                             unsigned char* value, TF_Status* status) {
  TFP_GET_ATTR(v);
  if (v.value_case() != tensorflow::AttrValue::kB) {
    Set(status, WrongType(attr_name, "bool"));
    return;
  }
  *value = v.b() ? 1 : 0;
  SetOk(status);
}
void TF_OperationGetAttrBoolList(TF_Operation* oper, const char* attr_name,
                                 unsigned char* values, int max_values,
                                 TF_Status* status) {
  TFP_GET_ATTR(v);
  for (int i = 0; i < v.list().b_size() && i < max_values; ++i) {
    values[i] = v.list().b(i) ? 1 : 0;
  }
  SetOk(status);
}
void TF_OperationGetAttrType(TF_Operation* oper, const char* attr_name,
                             TF_DataType* value, TF_Status* status) {
  TFP_GET_ATTR(v);
  if (v.value_case() != tensorflow::AttrValue::kType) {
    Set(status, WrongType(attr_name, "type"));
    return;
  }
  *value = static_cast<TF_DataType>(v.type());
  SetOk(status);
}
void TF_OperationGetAttrTypeList(TF_Operation* oper, const char* attr_name,
                                 TF_DataType* values, int max_values,
                                 TF_Status* status) {
  TFP_GET_ATTR(v);
  for (int i = 0; i < v.list().type_size() && i < max_values; ++i) {
    values[i] = static_cast<TF_DataType>(v.list().type(i));
  }
  SetOk(status);
}
void TF_OperationGetAttrShape(TF_Operation* oper, const char* attr_name,
                              int64_t* value, int num_dims, TF_Status* status) {
  TFP_GET_ATTR(v);
  if (v.value_case() != tensorflow::AttrValue::kShape) {
    Set(status, WrongType(attr_name, "shape"));
    return;
  }
  std::vector<int64_t> dims;
  tfpersist::capi::ShapeDims(v.shape(), &dims);
  for (int i = 0; i < num_dims && i < static_cast<int>(dims.size()); ++i) {
    value[i] = dims[i];
  }
  SetOk(status);
}
void TF_OperationGetAttrShapeList(TF_Operation* oper, const char* attr_name,
                                  int64_t** dims, int* num_dims, int num_shapes,
                                  int64_t* storage, int storage_size,
                                  TF_Status* status) {
  TFP_GET_ATTR(v);
  int used = 0;
  std::vector<int64_t> d;
  for (int i = 0; i < v.list().shape_size() && i < num_shapes; ++i) {
    const auto& s = v.list().shape(i);
    if (s.unknown_rank()) {
      num_dims[i] = -1;
      dims[i] = nullptr;
      continue;
    }
    tfpersist::capi::ShapeDims(s, &d);
    if (used + static_cast<int>(d.size()) > storage_size) {
      Set(status, tfpersist::errors::InvalidArgument(
                      "Not enough storage to hold the requested list of "
                      "shapes"));
      return;
    }
    num_dims[i] = static_cast<int>(d.size());
    dims[i] = storage + used;
    for (int64_t x : d) storage[used++] = x;
  }
  SetOk(status);
}
void TF_OperationGetAttrTensorShapeProto(TF_Operation* oper,
                                         const char* attr_name,
                                         TF_Buffer* value, TF_Status* status) {
  TFP_GET_ATTR(v);
  Set(status,
      tfpersist::capi::FillBuffer(v.shape().SerializeAsString(), value));
}
void TF_OperationGetAttrTensorShapeProtoList(TF_Operation* oper,
                                             const char* attr_name,
                                             TF_Buffer** values, int max_values,
                                             TF_Status* status) {
  TFP_GET_ATTR(v);
  for (int i = 0; i < v.list().shape_size() && i < max_values; ++i) {
    const std::string bytes = v.list().shape(i).SerializeAsString();
    values[i] = TF_NewBufferFromString(bytes.data(), bytes.size());
  }
  SetOk(status);
}
void TF_OperationGetAttrTensor(TF_Operation* oper, const char* attr_name,
                               TF_Tensor** value, TF_Status* status) {
  TFP_GET_ATTR(v);
  auto t = tfpersist::TensorFromProto(v.tensor());
  if (!t.ok()) {
    Set(status, t.status());
    return;
  }
  *value = tfpersist::capi::FromTensor(*t);
  SetOk(status);
}
void TF_OperationGetAttrTensorList(TF_Operation* oper, const char* attr_name,
                                   TF_Tensor** values, int max_values,
                                   TF_Status* status) {
  TFP_GET_ATTR(v);
  int i = 0;
  for (; i < v.list().tensor_size() && i < max_values; ++i) {
    auto t = tfpersist::TensorFromProto(v.list().tensor(i));
    if (!t.ok()) {
      for (int j = 0; j < i; ++j) TF_DeleteTensor(values[j]);
      Set(status, t.status());
      return;
    }
    values[i] = tfpersist::capi::FromTensor(*t);
  }
  SetOk(status);
}
void TF_OperationGetAttrValueProto(TF_Operation* oper, const char* attr_name,
                                   TF_Buffer* output_attr_value,
                                   TF_Status* status) {
  TFP_GET_ATTR(v);
  Set(status,
      tfpersist::capi::FillBuffer(v.SerializeAsString(), output_attr_value));
}
int TF_OperationGetNumAttrs(TF_Operation* oper) {
  return oper == nullptr ? 0 : ToNode(oper)->def().attr_size();
}
int TF_OperationGetAttrNameLength(TF_Operation* oper, int i) {
  if (oper == nullptr) return -1;
  auto names = tfpersist::capi::SortedAttrNames(ToNode(oper));
  if (i < 0 || i >= static_cast<int>(names.size())) return -1;
  return static_cast<int>(names[i].size());
}
void TF_OperationGetAttrName(TF_Operation* oper, int i, char* output,
                             TF_Status* status) {
  if (oper == nullptr || output == nullptr) {
    Set(status, tfpersist::errors::InvalidArgument("NULL operation or output"));
    return;
  }
  auto names = tfpersist::capi::SortedAttrNames(ToNode(oper));
  if (i < 0 || i >= static_cast<int>(names.size())) {
    Set(status, tfpersist::errors::OutOfRange(
                    "Attr index ", i, " out of range [0, ", names.size(), ")"));
    return;
  }
  std::memcpy(output, names[i].data(), names[i].size());
  SetOk(status);
}
void TF_OperationToNodeDef(TF_Operation* oper, TF_Buffer* output_node_def,
                           TF_Status* status) {
  if (oper == nullptr) {
    Set(status, tfpersist::errors::InvalidArgument("NULL operation"));
    return;
  }
  Set(status, tfpersist::capi::FillBuffer(
                  ToNode(oper)->def().SerializeAsString(), output_node_def));
}

}  // extern "C"
