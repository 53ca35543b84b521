#include "graph/op_registry.h"

#include "graph/op_def_util.h"
#include "graph/ops/ops.h"
#include "tfpersist/base/logging.h"

namespace tfpersist {

const OpRegistry* OpRegistry::Global() {
  static const OpRegistry* const registry = [] {
    auto* r = new OpRegistry;
    RegisterAllOps(r);
    return r;
  }();
  return registry;
}

Status OpRegistry::Register(OpRegistration registration) {
  TFP_RETURN_IF_ERROR(ValidateOpDef(registration.op_def));
  const std::string name = registration.op_def.name();
  if (ops_.contains(name)) {
    return errors::InvalidArgument("Op with name ", name,
                                   " is already registered");
  }
  ops_.emplace(name, std::move(registration));
  return OkStatus();
}

StatusOr<const OpRegistration*> OpRegistry::LookUp(
    std::string_view op_type) const {
  auto it = ops_.find(op_type);
  if (it == ops_.end()) {
    return errors::NotFound("Op type not registered '", op_type, "'");
  }
  return &it->second;
}

StatusOr<const tensorflow::OpDef*> OpRegistry::LookUpOpDef(
    std::string_view op_type) const {
  TFP_ASSIGN_OR_RETURN(const OpRegistration* reg, LookUp(op_type));
  return &reg->op_def;
}

std::vector<std::string> OpRegistry::ListOps() const {
  std::vector<std::string> names;
  names.reserve(ops_.size());
  for (const auto& [name, reg] : ops_) names.push_back(name);
  return names;
}

void MustRegister(const Status& status) {
  TFP_CHECK(status.ok()) << "registering a built-in op: " << status;
}

}  // namespace tfpersist
