// KernelRegistry: op type -> kernel factory (CPU only, one kernel per op
// type; a kernel checks the dtypes it supports in its constructor).
//
// Kernels are registered explicitly, never by static initializers: each
// kernel file ends with a `Register<Name>Kernels(KernelRegistry*)` function
// holding one line per op, each family lists its files in
// `Register<Family>Kernels` (kernels/kernels.h), and
// kernels/register_all.cc calls every family in one visible list.
//
// Thread-safety: Register is not thread-safe (registration happens while
// building a registry); everything else is thread-safe once built.
// KernelRegistry::Global() is immutable after it returns.
#ifndef TFPERSIST_RUNTIME_KERNEL_REGISTRY_H_
#define TFPERSIST_RUNTIME_KERNEL_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/op_kernel.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

class KernelRegistry {
 public:
  using Factory =
      std::function<std::unique_ptr<OpKernel>(OpKernelConstruction*)>;

  // The registry of every built-in kernel (RegisterAllKernels), built on
  // first use. Never deleted.
  static const KernelRegistry* Global();

  // Adds the factory for op_type. A second registration of the same op type
  // is a programming error and aborts (the registration test catches it).
  void Register(std::string op_type, Factory factory);
  template <typename Kernel>
  void Register(std::string op_type) {
    Register(std::move(op_type), [](OpKernelConstruction* c) {
      return std::unique_ptr<OpKernel>(new Kernel(c));
    });
  }

  bool HasKernel(std::string_view op_type) const;
  // Sorted op types that have a kernel.
  std::vector<std::string> ListOps() const;

  // Builds the kernel for `node` (attr defaults already filled in):
  // computes the node's input/output types from op_def, runs the factory
  // and returns its construction error, if any, with the node attached.
  // UNIMPLEMENTED "No kernel registered for op 'ApplyAdam' (node 'Adam')"
  // when op_type has no kernel. `env` may be nullptr (= Env::Default()).
  StatusOr<std::unique_ptr<OpKernel>> CreateKernel(
      const tensorflow::NodeDef& node, const tensorflow::OpDef& op_def,
      Env* env) const;

 private:
  std::map<std::string, Factory, std::less<>> factories_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNEL_REGISTRY_H_
