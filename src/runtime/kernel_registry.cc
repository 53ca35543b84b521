#include "runtime/kernel_registry.h"

#include "graph/node_def_util.h"
#include "runtime/kernels/kernels.h"

namespace tfpersist {

const KernelRegistry* KernelRegistry::Global() {
  static const KernelRegistry* const registry = [] {
    auto* r = new KernelRegistry;
    RegisterAllKernels(r);
    return r;
  }();
  return registry;
}

void KernelRegistry::Register(std::string op_type, Factory factory) {
  TFP_CHECK(factory != nullptr) << op_type;
  auto [it, inserted] =
      factories_.emplace(std::move(op_type), std::move(factory));
  TFP_CHECK(inserted) << "kernel for op '" << it->first << "' registered twice";
}

bool KernelRegistry::HasKernel(std::string_view op_type) const {
  return factories_.find(op_type) != factories_.end();
}

std::vector<std::string> KernelRegistry::ListOps() const {
  std::vector<std::string> out;
  out.reserve(factories_.size());
  for (const auto& [name, factory] : factories_) out.push_back(name);
  return out;
}

StatusOr<std::unique_ptr<OpKernel>> KernelRegistry::CreateKernel(
    const tensorflow::NodeDef& node, const tensorflow::OpDef& op_def,
    Env* env) const {
  auto it = factories_.find(node.op());
  if (it == factories_.end()) {
    return errors::Unimplemented("No kernel registered for op '", node.op(),
                                 "' (node '", node.name(), "')");
  }
  std::vector<DataType> inputs, outputs;
  TFP_RETURN_IF_ERROR(InOutTypesForNode(node, op_def, &inputs, &outputs));
  OpKernelConstruction construction(node, op_def, std::move(inputs),
                                    std::move(outputs), env);
  std::unique_ptr<OpKernel> kernel = it->second(&construction);
  if (!construction.status().ok()) {
    return AttachNodeName(construction.status(), node.name());
  }
  if (kernel == nullptr) {
    return errors::Internal("Kernel factory for op '", node.op(),
                            "' returned nothing (node '", node.name(), "')");
  }
  return kernel;
}

}  // namespace tfpersist
