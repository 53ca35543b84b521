// The eager C API (TFE_*), part 2: ops and synchronous execution. An op
// runs as a one-node graph (Placeholders for its inputs) in a fresh
// tfpersist Session; type attrs are inferred from the inputs by
// GraphBuilder, missing attrs take their OpDef defaults. Thread-safe: every
// execution has its own graph and session.
#include "c_api/eager_internal.h"
#include "core/tensor_proto.h"

namespace tfpersist::capi {
namespace {

tensorflow::AttrValue& NewAttr(TFE_Op* op, const char* attr_name) {
  const std::string name = attr_name == nullptr ? "" : attr_name;
  std::erase_if(op->attrs, [&](const auto& a) { return a.first == name; });
  op->attrs.emplace_back(name, tensorflow::AttrValue());
  return op->attrs.back().second;
}

// The kind of attr `attr_name` of `op_def` (TF's AttrTypeByName).
TF_AttrType AttrTypeOf(const tensorflow::OpDef& op_def, const char* attr_name,
                       unsigned char* is_list, TF_Status* status) {
  static const std::pair<const char*, TF_AttrType> kKinds[] = {
      {"string", TF_ATTR_STRING}, {"int", TF_ATTR_INT},
      {"float", TF_ATTR_FLOAT},   {"bool", TF_ATTR_BOOL},
      {"type", TF_ATTR_TYPE},     {"shape", TF_ATTR_SHAPE},
      {"tensor", TF_ATTR_TENSOR}, {"func", TF_ATTR_FUNC}};
  const std::string name = attr_name == nullptr ? "" : attr_name;
  for (const auto& attr : op_def.attr()) {
    if (attr.name() != name) continue;
    std::string kind = attr.type();
    const bool list = kind.starts_with("list(") && kind.ends_with(")");
    if (list) kind = kind.substr(5, kind.size() - 6);
    if (is_list != nullptr) *is_list = list ? 1 : 0;
    for (const auto& [k, t] : kKinds) {
      if (kind == k) {
        SetOk(status);
        return t;
      }
    }
  }
  Set(status,
      errors::InvalidArgument("Attribute '", name, "' does not exist for op '",
                              op_def.name(), "'"));
  return TF_ATTR_INT;
}

Status AddPlaceholder(GraphBuilder& b, const Tensor& t, int k, Output* out,
                      std::vector<std::pair<std::string, Tensor>>* feeds) {
  tensorflow::AttrValue dtype, shape;
  dtype.set_type(static_cast<tensorflow::DataType>(t.dtype()));
  TensorShapeToProto(PartialTensorShape(t.shape()), shape.mutable_shape());
  Node* ph = b.AddNode("Placeholder", "input_" + std::to_string(k), {},
                       {{"dtype", dtype}, {"shape", shape}});
  TFP_RETURN_IF_ERROR(b.status());
  *out = Output{ph, 0};
  feeds->emplace_back(ph->name() + ":0", t);
  return OkStatus();
}

Status Execute(TFE_Op* op, std::vector<Tensor>* results) {
  TFP_RETURN_IF_ERROR(op->status);
  Graph graph;
  GraphBuilder b(&graph);
  std::vector<OpInput> inputs;
  std::vector<std::pair<std::string, Tensor>> feeds;
  int k = 0;
  for (const TFE_Op::Arg& arg : op->args) {
    std::vector<Output> outs;
    for (const TF_Tensor& t : arg.tensors) {
      TFP_ASSIGN_OR_RETURN(Tensor value, ToTensor(t));
      Output o;
      TFP_RETURN_IF_ERROR(AddPlaceholder(b, value, k++, &o, &feeds));
      outs.push_back(o);
    }
    if (arg.is_list) {
      inputs.emplace_back(std::move(outs));
    } else {
      inputs.emplace_back(outs.at(0));
    }
  }
  Node* node = b.AddNode(op->op_type, op->op_type, inputs, op->attrs);
  TFP_RETURN_IF_ERROR(b.status());
  std::vector<std::string> fetches;
  for (int i = 0; i < node->num_outputs(); ++i) {
    fetches.push_back(node->name() + ":" + std::to_string(i));
  }
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph.ToGraphDef()));
  std::vector<std::string> targets;
  if (fetches.empty()) targets.push_back(node->name());
  return session->Run(feeds, fetches, targets, results);
}

}  // namespace
}  // namespace tfpersist::capi

using tfpersist::capi::Set;
using tfpersist::capi::SetOk;
namespace errors = tfpersist::errors;

extern "C" {

TFE_Op* TFE_NewOp(TFE_Context* ctx, const char* op_or_function_name,
                  TF_Status* status) {
  const std::string name =
      op_or_function_name == nullptr ? "" : op_or_function_name;
  tfpersist::Graph probe;
  auto op_def = probe.LookUpOpDef(name);
  if (!op_def.ok()) {
    Set(status, op_def.status());
    return nullptr;
  }
  auto* op = new TFE_Op;
  op->ctx = ctx;
  op->op_type = name;
  op->op_def = *op_def;
  SetOk(status);
  return op;
}
void TFE_DeleteOp(TFE_Op* op) { delete op; }
const char* TFE_OpGetName(const TFE_Op* op, TF_Status* status) {
  if (op == nullptr) {
    Set(status, errors::InvalidArgument("NULL op"));
    return nullptr;
  }
  SetOk(status);
  return op->op_type.c_str();
}
TFE_Context* TFE_OpGetContext(const TFE_Op* op, TF_Status* status) {
  SetOk(status);
  return op == nullptr ? nullptr : op->ctx;
}
void TFE_OpSetDevice(TFE_Op* op, const char* device_name, TF_Status* status) {
  if (op == nullptr) return;
  op->device = device_name == nullptr ? "" : device_name;
  SetOk(status);
}
const char* TFE_OpGetDevice(const TFE_Op* op, TF_Status* status) {
  SetOk(status);
  return op == nullptr ? "" : op->device.c_str();
}
void TFE_OpAddInput(TFE_Op* op, TFE_TensorHandle* input, TF_Status* status) {
  if (op == nullptr || input == nullptr) {
    Set(status, errors::InvalidArgument("NULL op or input handle"));
    return;
  }
  op->args.push_back({{input->tensor}, false});
  SetOk(status);
}
void TFE_OpAddInputList(TFE_Op* op, TFE_TensorHandle** inputs, int num_inputs,
                        TF_Status* status) {
  if (op == nullptr || (inputs == nullptr && num_inputs > 0)) {
    Set(status, errors::InvalidArgument("NULL op or inputs"));
    return;
  }
  TFE_Op::Arg arg;
  arg.is_list = true;
  for (int i = 0; i < num_inputs; ++i) {
    if (inputs[i] == nullptr) {
      Set(status, errors::InvalidArgument("NULL input handle ", i));
      return;
    }
    arg.tensors.push_back(inputs[i]->tensor);
  }
  op->args.push_back(std::move(arg));
  SetOk(status);
}
int TFE_OpGetFlatInputCount(const TFE_Op* op, TF_Status* status) {
  SetOk(status);
  int n = 0;
  if (op != nullptr) {
    for (const auto& a : op->args) n += static_cast<int>(a.tensors.size());
  }
  return n;
}
TFE_TensorHandle* TFE_OpGetFlatInput(const TFE_Op* op, int index,
                                     TF_Status* status) {
  if (op != nullptr && index >= 0) {
    for (const auto& a : op->args) {
      if (index < static_cast<int>(a.tensors.size())) {
        return TFE_NewTensorHandle(&a.tensors[index], status);
      }
      index -= static_cast<int>(a.tensors.size());
    }
  }
  Set(status, errors::InvalidArgument("Input index out of range"));
  return nullptr;
}

TF_AttrType TFE_OpNameGetAttrType(TFE_Context* ctx,
                                  const char* op_or_function_name,
                                  const char* attr_name, unsigned char* is_list,
                                  TF_Status* status) {
  (void)ctx;
  tfpersist::Graph probe;
  auto op_def = probe.LookUpOpDef(
      op_or_function_name == nullptr ? "" : op_or_function_name);
  if (!op_def.ok()) {
    Set(status, op_def.status());
    return TF_ATTR_INT;
  }
  return tfpersist::capi::AttrTypeOf(**op_def, attr_name, is_list, status);
}
TF_AttrType TFE_OpGetAttrType(TFE_Op* op, const char* attr_name,
                              unsigned char* is_list, TF_Status* status) {
  if (op == nullptr) {
    Set(status, errors::InvalidArgument("NULL op"));
    return TF_ATTR_INT;
  }
  return tfpersist::capi::AttrTypeOf(*op->op_def, attr_name, is_list, status);
}

void TFE_OpSetAttrString(TFE_Op* op, const char* attr_name, const void* value,
                         size_t length) {
  if (op == nullptr) return;
  tfpersist::capi::NewAttr(op, attr_name)
      .set_s(value == nullptr
                 ? ""
                 : std::string(static_cast<const char*>(value), length));
}
void TFE_OpSetAttrInt(TFE_Op* op, const char* attr_name, int64_t value) {
  if (op != nullptr) tfpersist::capi::NewAttr(op, attr_name).set_i(value);
}
void TFE_OpSetAttrFloat(TFE_Op* op, const char* attr_name, float value) {
  if (op != nullptr) tfpersist::capi::NewAttr(op, attr_name).set_f(value);
}
void TFE_OpSetAttrBool(TFE_Op* op, const char* attr_name, unsigned char value) {
  if (op != nullptr) tfpersist::capi::NewAttr(op, attr_name).set_b(value != 0);
}
void TFE_OpSetAttrType(TFE_Op* op, const char* attr_name, TF_DataType value) {
  if (op == nullptr) return;
  tfpersist::capi::NewAttr(op, attr_name)
      .set_type(static_cast<tensorflow::DataType>(value));
}
void TFE_OpSetAttrShape(TFE_Op* op, const char* attr_name, const int64_t* dims,
                        const int num_dims, TF_Status* out_status) {
  if (op == nullptr) return;
  auto* shape = tfpersist::capi::NewAttr(op, attr_name).mutable_shape();
  if (num_dims < 0) {
    shape->set_unknown_rank(true);
  } else {
    for (int i = 0; i < num_dims; ++i) shape->add_dim()->set_size(dims[i]);
  }
  SetOk(out_status);
}
void TFE_OpSetAttrFunction(TFE_Op* op, const char* attr_name,
                           const TFE_Op* value) {
  if (op == nullptr || value == nullptr) return;
  tfpersist::capi::NewAttr(op, attr_name)
      .mutable_func()
      ->set_name(value->op_type);
}
void TFE_OpSetAttrFunctionName(TFE_Op* op, const char* attr_name,
                               const char* data, size_t length) {
  if (op == nullptr) return;
  tfpersist::capi::NewAttr(op, attr_name)
      .mutable_func()
      ->set_name(data == nullptr ? "" : std::string(data, length));
}
void TFE_OpSetAttrTensor(TFE_Op* op, const char* attr_name, TF_Tensor* tensor,
                         TF_Status* status) {
  if (op == nullptr || tensor == nullptr) {
    Set(status, errors::InvalidArgument("NULL op or tensor"));
    return;
  }
  auto t = tfpersist::capi::ToTensor(*tensor);
  if (!t.ok()) {
    Set(status, t.status());
    return;
  }
  tfpersist::TensorToProtoContent(
      *t, tfpersist::capi::NewAttr(op, attr_name).mutable_tensor());
  SetOk(status);
}
void TFE_OpSetAttrStringList(TFE_Op* op, const char* attr_name,
                             const void* const* values, const size_t* lengths,
                             int num_values) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) {
    l->add_s(static_cast<const char*>(values[i]), lengths[i]);
  }
}
void TFE_OpSetAttrIntList(TFE_Op* op, const char* attr_name,
                          const int64_t* values, int num_values) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) l->add_i(values[i]);
}
void TFE_OpSetAttrFloatList(TFE_Op* op, const char* attr_name,
                            const float* values, int num_values) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) l->add_f(values[i]);
}
void TFE_OpSetAttrBoolList(TFE_Op* op, const char* attr_name,
                           const unsigned char* values, int num_values) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) l->add_b(values[i] != 0);
}
void TFE_OpSetAttrTypeList(TFE_Op* op, const char* attr_name,
                           const TF_DataType* values, int num_values) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) {
    l->add_type(static_cast<tensorflow::DataType>(values[i]));
  }
}
void TFE_OpSetAttrShapeList(TFE_Op* op, const char* attr_name,
                            const int64_t** dims, const int* num_dims,
                            int num_values, TF_Status* out_status) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i) {
    auto* s = l->add_shape();
    if (num_dims[i] < 0) {
      s->set_unknown_rank(true);
      continue;
    }
    for (int j = 0; j < num_dims[i]; ++j) s->add_dim()->set_size(dims[i][j]);
  }
  SetOk(out_status);
}
void TFE_OpSetAttrFunctionList(TFE_Op* op, const char* attr_name,
                               const TFE_Op** value, int num_values) {
  if (op == nullptr) return;
  auto* l = tfpersist::capi::NewAttr(op, attr_name).mutable_list();
  for (int i = 0; i < num_values; ++i)
    l->add_func()->set_name(value[i]->op_type);
}

void TFE_Execute(TFE_Op* op, TFE_TensorHandle** retvals, int* num_retvals,
                 TF_Status* status) {
  if (op == nullptr || num_retvals == nullptr) {
    Set(status, errors::InvalidArgument("NULL op or num_retvals"));
    return;
  }
  std::vector<tfpersist::Tensor> results;
  tfpersist::Status s = tfpersist::capi::Execute(op, &results);
  if (s.ok() && static_cast<int>(results.size()) > *num_retvals) {
    s = errors::InvalidArgument("Expecting ", results.size(),
                                " outputs, but *num_retvals is ", *num_retvals);
  }
  if (s.ok() && results.size() > 0 && retvals == nullptr) {
    s = errors::InvalidArgument("NULL retvals");
  }
  Set(status, s);
  if (!s.ok()) return;
  *num_retvals = static_cast<int>(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    TF_Tensor* t = tfpersist::capi::FromTensor(results[i]);
    retvals[i] = new TFE_TensorHandle{*t};
    TF_DeleteTensor(t);
  }
}

}  // extern "C"
