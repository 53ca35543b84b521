// Graph construction: TF_NewOperation, inputs, TF_SetAttr*, and
// TF_FinishOperation (type attrs inferred from inputs, defaults filled,
// shapes inferred, as TF's NodeBuilder does).
#include <climits>

#include "c_api/c_api_internal.h"
#include "core/tensor_proto.h"

namespace tfpersist::capi {
namespace {

tensorflow::AttrValue& NewAttr(TF_OperationDescription* desc,
                               const char* attr_name) {
  const std::string name = attr_name == nullptr ? "" : attr_name;
  std::erase_if(desc->attrs, [&](const auto& a) { return a.first == name; });
  desc->attrs.emplace_back(name, tensorflow::AttrValue());
  return desc->attrs.back().second;
}

void SetShape(tensorflow::TensorShapeProto* s, const int64_t* dims,
              int num_dims) {
  if (num_dims < 0) {
    s->set_unknown_rank(true);
    return;
  }
  for (int i = 0; i < num_dims; ++i) s->add_dim()->set_size(dims[i]);
}

Status TensorAttr(TF_Tensor* value, tensorflow::TensorProto* proto) {
  if (value == nullptr) return errors::InvalidArgument("NULL tensor attr");
  TFP_ASSIGN_OR_RETURN(Tensor t, ToTensor(*value));
  TensorToProtoContent(t, proto);
  return OkStatus();
}

Status Finish(TF_OperationDescription* desc, Node** out) {
  TFP_RETURN_IF_ERROR(desc->status);
  TF_Graph* graph = desc->graph;
  std::lock_guard<std::mutex> lock(graph->mu);
  if (graph->graph->FindNode(desc->name) != nullptr) {
    return errors::InvalidArgument("Duplicate node name in graph: '",
                                   desc->name, "'");
  }
  if (!desc->colocate_with.empty()) {
    tensorflow::AttrValue cls;
    for (const std::string& op : desc->colocate_with) {
      cls.mutable_list()->add_s("loc:@" + op);
    }
    desc->attrs.emplace_back("_class", cls);
  }
  GraphBuilder b(graph->graph.get());
  Node* node;
  {
    GraphBuilder::ScopeGuard device = b.Device(desc->device);
    node = b.AddNode(desc->op_type, desc->name, desc->inputs, desc->attrs,
                     desc->control_inputs);
  }
  TFP_RETURN_IF_ERROR(b.status());
  if (node == nullptr) return errors::Internal("node not added");
  RefineShapes(graph, {node});
  *out = node;
  return OkStatus();
}

}  // namespace
}  // namespace tfpersist::capi

using tfpersist::capi::NewAttr;
using tfpersist::capi::Set;

extern "C" {

TF_OperationDescription* TF_NewOperation(TF_Graph* graph, const char* op_type,
                                         const char* oper_name) {
  if (graph == nullptr) return nullptr;
  auto* desc = new TF_OperationDescription;
  desc->graph = graph;
  desc->op_type = op_type == nullptr ? "" : op_type;
  desc->name = oper_name == nullptr ? "" : oper_name;
  return desc;
}

void TF_SetDevice(TF_OperationDescription* desc, const char* device) {
  if (desc != nullptr) desc->device = device == nullptr ? "" : device;
}

void TF_AddInput(TF_OperationDescription* desc, TF_Output input) {
  if (desc == nullptr) return;
  if (input.oper == nullptr) {
    desc->status.Update(tfpersist::errors::InvalidArgument(
        "Input of operation '", desc->name, "' has a NULL operation"));
    return;
  }
  desc->inputs.emplace_back(
      tfpersist::Output{tfpersist::capi::ToNode(input.oper), input.index});
}

void TF_AddInputList(TF_OperationDescription* desc, const TF_Output* inputs,
                     int num_inputs) {
  if (desc == nullptr) return;
  std::vector<tfpersist::Output> list;
  for (int i = 0; i < num_inputs && inputs != nullptr; ++i) {
    if (inputs[i].oper == nullptr) {
      desc->status.Update(tfpersist::errors::InvalidArgument(
          "Input list of operation '", desc->name, "' has a NULL operation"));
      return;
    }
    list.push_back({tfpersist::capi::ToNode(inputs[i].oper), inputs[i].index});
  }
  desc->inputs.emplace_back(std::move(list));
}

void TF_AddControlInput(TF_OperationDescription* desc, TF_Operation* input) {
  if (desc == nullptr || input == nullptr) return;
  desc->control_inputs.push_back(tfpersist::capi::ToNode(input));
}

void TF_ColocateWith(TF_OperationDescription* desc, TF_Operation* op) {
  if (desc == nullptr || op == nullptr) return;
  desc->colocate_with.push_back(tfpersist::capi::ToNode(op)->name());
}

void TF_SetAttrString(TF_OperationDescription* desc, const char* attr_name,
                      const void* value, size_t length) {
  if (desc == nullptr) return;
  NewAttr(desc, attr_name)
      .set_s(value == nullptr
                 ? ""
                 : std::string(static_cast<const char*>(value), length));
}
void TF_SetAttrStringList(TF_OperationDescription* desc, const char* attr_name,
                          const void* const* values, const size_t* lengths,
                          int num_values) {
  if (desc == nullptr) return;
  auto* list = NewAttr(desc, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) {
    list->add_s(static_cast<const char*>(values[i]), lengths[i]);
  }
}
void TF_SetAttrInt(TF_OperationDescription* desc, const char* attr_name,
                   int64_t value) {
  if (desc != nullptr) NewAttr(desc, attr_name).set_i(value);
}
void TF_SetAttrIntList(TF_OperationDescription* desc, const char* attr_name,
                       const int64_t* values, int num_values) {
  if (desc == nullptr) return;
  auto* list = NewAttr(desc, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) list->add_i(values[i]);
}
void TF_SetAttrFloat(TF_OperationDescription* desc, const char* attr_name,
                     float value) {
  if (desc != nullptr) NewAttr(desc, attr_name).set_f(value);
}
void TF_SetAttrFloatList(TF_OperationDescription* desc, const char* attr_name,
                         const float* values, int num_values) {
  if (desc == nullptr) return;
  auto* list = NewAttr(desc, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) list->add_f(values[i]);
}
void TF_SetAttrBool(TF_OperationDescription* desc, const char* attr_name,
                    unsigned char value) {
  if (desc != nullptr) NewAttr(desc, attr_name).set_b(value != 0);
}
void TF_SetAttrBoolList(TF_OperationDescription* desc, const char* attr_name,
                        const unsigned char* values, int num_values) {
  if (desc == nullptr) return;
  auto* list = NewAttr(desc, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) list->add_b(values[i] != 0);
}
void TF_SetAttrType(TF_OperationDescription* desc, const char* attr_name,
                    TF_DataType value) {
  if (desc == nullptr) return;
  NewAttr(desc, attr_name).set_type(static_cast<tensorflow::DataType>(value));
}
void TF_SetAttrTypeList(TF_OperationDescription* desc, const char* attr_name,
                        const TF_DataType* values, int num_values) {
  if (desc == nullptr) return;
  auto* list = NewAttr(desc, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) {
    list->add_type(static_cast<tensorflow::DataType>(values[i]));
  }
}
void TF_SetAttrPlaceholder(TF_OperationDescription* desc, const char* attr_name,
                           const char* placeholder) {
  if (desc == nullptr) return;
  NewAttr(desc, attr_name)
      .set_placeholder(placeholder == nullptr ? "" : placeholder);
}
void TF_SetAttrFuncName(TF_OperationDescription* desc, const char* attr_name,
                        const char* value, size_t length) {
  if (desc == nullptr) return;
  NewAttr(desc, attr_name)
      .mutable_func()
      ->set_name(value == nullptr ? "" : std::string(value, length));
}
void TF_SetAttrShape(TF_OperationDescription* desc, const char* attr_name,
                     const int64_t* dims, int num_dims) {
  if (desc == nullptr) return;
  tfpersist::capi::SetShape(NewAttr(desc, attr_name).mutable_shape(), dims,
                            num_dims);
}
void TF_SetAttrShapeList(TF_OperationDescription* desc, const char* attr_name,
                         const int64_t* const* dims, const int* num_dims,
                         int num_shapes) {
  if (desc == nullptr) return;
  auto* list = NewAttr(desc, attr_name).mutable_list();
  for (int i = 0; i < num_shapes; ++i) {
    tfpersist::capi::SetShape(list->add_shape(), dims[i], num_dims[i]);
  }
}
void TF_SetAttrTensorShapeProto(TF_OperationDescription* desc,
                                const char* attr_name, const void* proto,
                                size_t proto_len, TF_Status* status) {
  if (desc == nullptr) return;
  tensorflow::TensorShapeProto shape;
  if (proto_len > INT_MAX ||
      !shape.ParseFromArray(proto, static_cast<int>(proto_len))) {
    Set(status,
        tfpersist::errors::InvalidArgument("Unparseable TensorShapeProto"));
    return;
  }
  *NewAttr(desc, attr_name).mutable_shape() = shape;
  tfpersist::capi::SetOk(status);
}
void TF_SetAttrTensorShapeProtoList(TF_OperationDescription* desc,
                                    const char* attr_name,
                                    const void* const* protos,
                                    const size_t* proto_lens, int num_shapes,
                                    TF_Status* status) {
  if (desc == nullptr) return;
  tensorflow::AttrValue value;
  for (int i = 0; i < num_shapes; ++i) {
    if (proto_lens[i] > INT_MAX ||
        !value.mutable_list()->add_shape()->ParseFromArray(
            protos[i], static_cast<int>(proto_lens[i]))) {
      Set(status, tfpersist::errors::InvalidArgument(
                      "Unparseable TensorShapeProto at index ", i));
      return;
    }
  }
  NewAttr(desc, attr_name) = value;
  tfpersist::capi::SetOk(status);
}
void TF_SetAttrTensor(TF_OperationDescription* desc, const char* attr_name,
                      TF_Tensor* value, TF_Status* status) {
  if (desc == nullptr) return;
  tensorflow::AttrValue attr;
  tfpersist::Status s =
      tfpersist::capi::TensorAttr(value, attr.mutable_tensor());
  Set(status, s);
  if (s.ok()) NewAttr(desc, attr_name) = attr;
}
void TF_SetAttrTensorList(TF_OperationDescription* desc, const char* attr_name,
                          TF_Tensor* const* values, int num_values,
                          TF_Status* status) {
  if (desc == nullptr) return;
  tensorflow::AttrValue attr;
  for (int i = 0; i < num_values; ++i) {
    tfpersist::Status s = tfpersist::capi::TensorAttr(
        values[i], attr.mutable_list()->add_tensor());
    if (!s.ok()) {
      Set(status, s);
      return;
    }
  }
  NewAttr(desc, attr_name) = attr;
  tfpersist::capi::SetOk(status);
}
void TF_SetAttrValueProto(TF_OperationDescription* desc, const char* attr_name,
                          const void* proto, size_t proto_len,
                          TF_Status* status) {
  if (desc == nullptr) return;
  tensorflow::AttrValue value;
  if (proto_len > INT_MAX ||
      !value.ParseFromArray(proto, static_cast<int>(proto_len))) {
    Set(status,
        tfpersist::errors::InvalidArgument("Unparseable AttrValue proto"));
    return;
  }
  NewAttr(desc, attr_name) = value;
  tfpersist::capi::SetOk(status);
}

TF_Operation* TF_FinishOperation(TF_OperationDescription* desc,
                                 TF_Status* status) {
  if (desc == nullptr) {
    Set(status, tfpersist::errors::InvalidArgument("NULL description"));
    return nullptr;
  }
  tfpersist::Node* node = nullptr;
  tfpersist::Status s = tfpersist::capi::Finish(desc, &node);
  delete desc;
  Set(status, s);
  return s.ok() ? tfpersist::capi::ToOper(node) : nullptr;
}

}  // extern "C"
