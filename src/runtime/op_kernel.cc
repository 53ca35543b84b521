#include "runtime/op_kernel.h"

#include <limits>

#include "graph/node_def_util.h"
#include "runtime/allocation_budget.h"

namespace tfpersist {

Status AttachNodeName(const Status& s, std::string_view node_name) {
  if (s.ok()) return s;
  std::string tag = StrCat("[[{{node ", node_name, "}}]]");
  if (s.message().find(tag) != std::string_view::npos) return s;
  return Status(s.code(), StrCat(s.message(), "\n\t ", tag));
}

// ---- OpKernelConstruction ----

OpKernelConstruction::OpKernelConstruction(const tensorflow::NodeDef& def,
                                           const tensorflow::OpDef& op_def,
                                           std::vector<DataType> input_types,
                                           std::vector<DataType> output_types,
                                           Env* env)
    : def_(def),
      op_def_(op_def),
      input_types_(std::move(input_types)),
      output_types_(std::move(output_types)),
      env_(env != nullptr ? env : Env::Default()) {}

bool OpKernelConstruction::HasAttr(std::string_view name) const {
  return tfpersist::HasAttr(def_, name);
}

namespace {

// Moves a StatusOr's value into *out, or returns its error.
template <typename T, typename U>
Status AssignFrom(StatusOr<U> s, T* out) {
  if (!s.ok()) return std::move(s).status();
  *out = std::move(s).value();
  return OkStatus();
}

Status CheckInt32(const tensorflow::NodeDef& def, std::string_view name,
                  int64_t v) {
  if (v < std::numeric_limits<int32_t>::min() ||
      v > std::numeric_limits<int32_t>::max()) {
    return errors::InvalidArgument("Attr ", name, " of ",
                                   FormatNodeForError(def), " has value ", v,
                                   " out of range for an int32");
  }
  return OkStatus();
}

}  // namespace

Status OpKernelConstruction::GetAttr(std::string_view name,
                                     std::string* value) const {
  return AssignFrom(GetStringAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     int64_t* value) const {
  return AssignFrom(GetIntAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     int32_t* value) const {
  TFP_ASSIGN_OR_RETURN(int64_t v, GetIntAttr(def_, name));
  TFP_RETURN_IF_ERROR(CheckInt32(def_, name, v));
  *value = static_cast<int32_t>(v);
  return OkStatus();
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     float* value) const {
  return AssignFrom(GetFloatAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name, bool* value) const {
  return AssignFrom(GetBoolAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     DataType* value) const {
  return AssignFrom(GetTypeAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     PartialTensorShape* value) const {
  return AssignFrom(GetShapeAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     TensorShape* value) const {
  TFP_ASSIGN_OR_RETURN(PartialTensorShape p, GetShapeAttr(def_, name));
  if (!p.IsFullyDefined()) {
    return errors::InvalidArgument(
        "Attr ", name, " of ", FormatNodeForError(def_), " has shape ",
        p.DebugString(), " which is not fully defined");
  }
  *value = p.AsTensorShape();
  return OkStatus();
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     Tensor* value) const {
  return AssignFrom(GetTensorAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     std::vector<int64_t>* value) const {
  return AssignFrom(GetIntListAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     std::vector<int32_t>* value) const {
  TFP_ASSIGN_OR_RETURN(std::vector<int64_t> v, GetIntListAttr(def_, name));
  value->clear();
  for (int64_t x : v) {
    TFP_RETURN_IF_ERROR(CheckInt32(def_, name, x));
    value->push_back(static_cast<int32_t>(x));
  }
  return OkStatus();
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     std::vector<DataType>* value) const {
  return AssignFrom(GetTypeListAttr(def_, name), value);
}
Status OpKernelConstruction::GetAttr(std::string_view name,
                                     std::vector<std::string>* value) const {
  return AssignFrom(GetStringListAttr(def_, name), value);
}

// ---- OpKernel ----

OpKernel::OpKernel(OpKernelConstruction* c)
    : def_(c->def()),
      input_types_(c->input_types()),
      output_types_(c->output_types()),
      allows_uninit_(c->op_def().allows_uninitialized_input()) {}

namespace {

Status InputMismatch(const OpKernel& kernel, int i, std::string_view got) {
  return errors::InvalidArgument(
      "Input ", i, " of node '", kernel.name(), "' (op ", kernel.type_string(),
      ") expects ", DataTypeString(kernel.input_type(i)), " but got ", got,
      " from '", kernel.requested_input(i), "'");
}

std::string DescribeValue(const TensorValue& v) {
  if (v.is_ref()) return DataTypeString(MakeRefType(v.ref->dtype()));
  if (v.is_resource()) return "resource";
  return DataTypeString(v.tensor.dtype());
}

}  // namespace

Status PrepareInputValue(const OpKernel& kernel, int i, TensorValue* value) {
  DataType want = kernel.input_type(i);
  if (IsRefType(want)) {
    if (!value->is_ref() || value->ref->dtype() != BaseType(want)) {
      return InputMismatch(kernel, i, DescribeValue(*value));
    }
    return OkStatus();
  }
  if (value->is_ref()) {
    std::shared_ptr<Var> var = std::move(value->ref);
    value->ref = nullptr;
    if (var->dtype() != want) {
      return InputMismatch(kernel, i,
                           DataTypeString(MakeRefType(var->dtype())));
    }
    if (!var->Snapshot(&value->tensor) &&
        !kernel.allows_uninitialized_input()) {
      return errors::FailedPrecondition(
          "Attempting to use uninitialized value ", kernel.requested_input(i));
    }
    return OkStatus();
  }
  bool ok = want == DT_RESOURCE
                ? value->is_resource()
                : !value->is_resource() && value->tensor.dtype() == want;
  return ok ? OkStatus() : InputMismatch(kernel, i, DescribeValue(*value));
}

// ---- OpKernelContext ----

OpKernelContext::OpKernelContext(const Params* params)
    : params_(params),
      outputs_(params->op_kernel->num_outputs()),
      output_set_(params->op_kernel->num_outputs(), false) {}

const Tensor& OpKernelContext::input(int i) const {
  TFP_DCHECK(i >= 0 && i < num_inputs()) << i;
  TFP_DCHECK(has_input(i)) << "input " << i << " is dead";
  return (*params_->inputs)[i].tensor;
}

bool OpKernelContext::has_input(int i) const {
  return params_->input_dead == nullptr || !(*params_->input_dead)[i];
}

const std::shared_ptr<Var>& OpKernelContext::input_ref(int i) const {
  TFP_DCHECK(IsRefType(input_dtype(i))) << DataTypeString(input_dtype(i));
  return (*params_->inputs)[i].ref;
}

const ResourceHandle& OpKernelContext::input_handle(int i) const {
  TFP_DCHECK(input_dtype(i) == DT_RESOURCE);
  TFP_CHECK((*params_->inputs)[i].handle.has_value())
      << "input " << i << " of " << op_kernel().name() << " has no handle";
  return *(*params_->inputs)[i].handle;
}

const TensorValue& OpKernelContext::input_value(int i) const {
  return (*params_->inputs)[i];
}

StatusOr<Tensor*> OpKernelContext::allocate_output(int i,
                                                   const TensorShape& shape) {
  TFP_DCHECK(i >= 0 && i < num_outputs()) << i;
  if (AllocationBudget* budget = AllocationBudget::Current()) {
    TFP_RETURN_IF_ERROR(budget->Charge(expected_output_dtype(i), shape));
  }
  TFP_ASSIGN_OR_RETURN(Tensor t,
                       Tensor::Allocate(expected_output_dtype(i), shape));
  outputs_[i] = TensorValue::OfTensor(std::move(t));
  output_set_[i] = true;
  return &outputs_[i].tensor;
}

void OpKernelContext::set_output(int i, Tensor t) {
  outputs_[i] = TensorValue::OfTensor(std::move(t));
  output_set_[i] = true;
}

void OpKernelContext::set_output_ref(int i, std::shared_ptr<Var> var) {
  outputs_[i] = TensorValue::OfRef(std::move(var));
  output_set_[i] = true;
}

void OpKernelContext::set_output_handle(int i, ResourceHandle handle) {
  outputs_[i] = TensorValue::OfHandle(std::move(handle));
  output_set_[i] = true;
}

void OpKernelContext::set_output_value(int i, TensorValue value) {
  outputs_[i] = std::move(value);
  output_set_[i] = true;
}

void OpKernelContext::SetStatus(const Status& s) {
  status_.Update(AttachNodeName(s, op_kernel().name()));
}

namespace {

// Empty when `v` is a valid value for declared type `dt`.
std::string KindMismatch(const TensorValue& v, DataType dt) {
  if (IsRefType(dt)) {
    return v.is_ref() && v.ref->dtype() == BaseType(dt) ? "" : "a ref";
  }
  if (dt == DT_RESOURCE) return v.is_resource() ? "" : "a resource handle";
  if (v.is_ref() || v.is_resource()) return "a plain tensor";
  return v.tensor.dtype() == dt ? "" : "dtype";
}

}  // namespace

Status OpKernelContext::ValidateOutputs(bool allow_missing) const {
  const std::string& node = op_kernel().name();
  for (int i = 0; i < num_outputs(); ++i) {
    DataType want = expected_output_dtype(i);
    if (!output_set_[i]) {
      if (allow_missing) continue;
      return errors::Internal("Missing ", i, "-th output from node '", node,
                              "' (op ", op_kernel().type_string(), ")");
    }
    std::string bad = KindMismatch(outputs_[i], want);
    if (bad.empty()) continue;
    if (bad == "dtype") {
      return errors::Internal("Output ", i, " of node '", node, "' has type ",
                              DataTypeString(outputs_[i].tensor.dtype()),
                              " but its declared type is ",
                              DataTypeString(want));
    }
    return errors::Internal("Output ", i, " of node '", node, "' must be ", bad,
                            " (declared type ", DataTypeString(want), ")");
  }
  return OkStatus();
}

}  // namespace tfpersist
