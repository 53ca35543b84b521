// TF_Operation introspection: names, inputs/outputs and their types, list
// lengths, consumers and control edges. Attr getters: attr_getters.cc.
#include <algorithm>

#include "c_api/c_api_internal.h"

namespace tfpersist::capi {
namespace {

// Number of tensors of the named arg (N * T, list(type) or single).
StatusOr<int> ArgLength(TF_Operation* oper, const char* arg_name, bool output) {
  const Node* n = ToNode(oper);
  if (n == nullptr || arg_name == nullptr) {
    return errors::InvalidArgument("NULL operation or arg name");
  }
  const auto& args =
      output ? n->op_def().output_arg() : n->op_def().input_arg();
  for (const auto& arg : args) {
    if (arg.name() != arg_name) continue;
    const auto& attrs = n->def().attr();
    if (!arg.number_attr().empty()) {
      auto it = attrs.find(arg.number_attr());
      return it == attrs.end() ? 0 : static_cast<int>(it->second.i());
    }
    if (!arg.type_list_attr().empty()) {
      auto it = attrs.find(arg.type_list_attr());
      return it == attrs.end() ? 0 : it->second.list().type_size();
    }
    return 1;
  }
  return errors::InvalidArgument(output ? "Output" : "Input", " arg '",
                                 arg_name, "' not found in operation '",
                                 n->name(), "' of type '", n->op(), "'");
}

}  // namespace
}  // namespace tfpersist::capi

using tfpersist::capi::Set;
using tfpersist::capi::ToNode;
using tfpersist::capi::ToOper;

extern "C" {

const char* TF_OperationName(TF_Operation* oper) {
  return oper == nullptr ? "" : ToNode(oper)->name().c_str();
}
const char* TF_OperationOpType(TF_Operation* oper) {
  return oper == nullptr ? "" : ToNode(oper)->op().c_str();
}
const char* TF_OperationDevice(TF_Operation* oper) {
  return oper == nullptr ? "" : ToNode(oper)->device().c_str();
}
int TF_OperationNumOutputs(TF_Operation* oper) {
  return oper == nullptr ? 0 : ToNode(oper)->num_outputs();
}
TF_DataType TF_OperationOutputType(TF_Output out) {
  const tfpersist::Node* n = ToNode(out.oper);
  if (n == nullptr || out.index < 0 || out.index >= n->num_outputs()) {
    return static_cast<TF_DataType>(0);
  }
  return static_cast<TF_DataType>(n->output_types()[out.index]);
}
int TF_OperationOutputListLength(TF_Operation* oper, const char* arg_name,
                                 TF_Status* status) {
  auto n = tfpersist::capi::ArgLength(oper, arg_name, true);
  Set(status, n.status());
  return n.ok() ? *n : -1;
}
int TF_OperationNumInputs(TF_Operation* oper) {
  return oper == nullptr ? 0 : ToNode(oper)->num_inputs();
}
TF_DataType TF_OperationInputType(TF_Input in) {
  const tfpersist::Node* n = ToNode(in.oper);
  if (n == nullptr || in.index < 0 || in.index >= n->num_inputs()) {
    return static_cast<TF_DataType>(0);
  }
  return static_cast<TF_DataType>(n->input_types()[in.index]);
}
int TF_OperationInputListLength(TF_Operation* oper, const char* arg_name,
                                TF_Status* status) {
  auto n = tfpersist::capi::ArgLength(oper, arg_name, false);
  Set(status, n.status());
  return n.ok() ? *n : -1;
}
TF_Output TF_OperationInput(TF_Input in) {
  const tfpersist::Node* n = ToNode(in.oper);
  if (n == nullptr || in.index < 0 || in.index >= n->num_inputs()) {
    return TF_Output{nullptr, -1};
  }
  const tfpersist::Output& src = n->input(in.index);
  return TF_Output{ToOper(src.node), src.index};
}
void TF_OperationAllInputs(TF_Operation* oper, TF_Output* inputs,
                           int max_inputs) {
  const tfpersist::Node* n = ToNode(oper);
  if (n == nullptr || inputs == nullptr) return;
  for (int i = 0; i < n->num_inputs() && i < max_inputs; ++i) {
    inputs[i] = TF_Output{ToOper(n->input(i).node), n->input(i).index};
  }
}
int TF_OperationOutputConsumers(TF_Output out, TF_Input* consumers,
                                int max_consumers) {
  const tfpersist::Node* n = ToNode(out.oper);
  if (n == nullptr) return 0;
  int count = 0;
  for (tfpersist::Node* c : n->consumers()) {
    for (int i = 0; i < c->num_inputs(); ++i) {
      if (c->input(i).node != n || c->input(i).index != out.index) continue;
      if (consumers != nullptr && count < max_consumers) {
        consumers[count] = TF_Input{ToOper(c), i};
      }
      ++count;
    }
  }
  return count;
}
int TF_OperationOutputNumConsumers(TF_Output out) {
  return TF_OperationOutputConsumers(out, nullptr, 0);
}
int TF_OperationNumControlInputs(TF_Operation* oper) {
  return oper == nullptr
             ? 0
             : static_cast<int>(ToNode(oper)->control_inputs().size());
}
int TF_OperationGetControlInputs(TF_Operation* oper,
                                 TF_Operation** control_inputs,
                                 int max_control_inputs) {
  if (oper == nullptr) return 0;
  const auto& in = ToNode(oper)->control_inputs();
  for (int i = 0; i < static_cast<int>(in.size()) && i < max_control_inputs &&
                  control_inputs != nullptr;
       ++i) {
    control_inputs[i] = ToOper(in[i]);
  }
  return static_cast<int>(in.size());
}
int TF_OperationGetControlOutputs(TF_Operation* oper,
                                  TF_Operation** control_outputs,
                                  int max_control_outputs) {
  const tfpersist::Node* n = ToNode(oper);
  if (n == nullptr) return 0;
  int count = 0;
  for (tfpersist::Node* c : n->consumers()) {
    const auto& ci = c->control_inputs();
    if (std::find(ci.begin(), ci.end(), n) == ci.end()) continue;
    if (control_outputs != nullptr && count < max_control_outputs) {
      control_outputs[count] = ToOper(c);
    }
    ++count;
  }
  return count;
}
int TF_OperationNumControlOutputs(TF_Operation* oper) {
  return TF_OperationGetControlOutputs(oper, nullptr, 0);
}

}  // extern "C"
