// OpRegistry: the OpDefs (and shape functions) of every op tfpersist knows.
//
// Ops are registered explicitly, one visible line per op in its family's
// list (src/graph/ops/<family>_ops.cc: RegisterArrayOps(OpRegistry*), ...),
// never by static initializers. OpRegistry::Global() calls every family's
// Register* function once, on first use.
//
// OpDefs equal TensorFlow's current registration (ops-core.md): the same
// inputs, outputs, attrs, defaults and allowed types, without docs, so a
// stripped_op_list we write matches TF's.
//
// Thread-safety: Register is not thread-safe and happens during
// construction; LookUp is thread-safe afterwards (the registry is immutable
// once Global() returns).
#ifndef TFPERSIST_GRAPH_OP_REGISTRY_H_
#define TFPERSIST_GRAPH_OP_REGISTRY_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

class InferenceContext;  // graph/shape_inference.h
using ShapeFn = std::function<Status(InferenceContext*)>;

struct OpRegistration {
  tensorflow::OpDef op_def;
  ShapeFn shape_fn;  // may be empty: outputs get unknown shapes
};

class OpRegistry {
 public:
  // The registry holding every built-in op. Never deleted.
  static const OpRegistry* Global();

  // Adds an op; INVALID_ARGUMENT if the OpDef is malformed or the name is
  // taken (checked at registration, so a bad OpDef fails loudly in tests).
  Status Register(OpRegistration registration);

  // NOT_FOUND "Op type not registered 'Foo'" (TF's message) if unknown.
  StatusOr<const OpRegistration*> LookUp(std::string_view op_type) const;
  StatusOr<const tensorflow::OpDef*> LookUpOpDef(
      std::string_view op_type) const;
  // Sorted op names.
  std::vector<std::string> ListOps() const;

 private:
  std::map<std::string, OpRegistration, std::less<>> ops_;
};

// Builds an OpDef from TF's REGISTER_OP spec strings:
//   OpDefBuilder("Add").Input("x: T").Input("y: T").Output("z: T")
//       .Attr("T: {half, bfloat16, float, double, int32, int64, string}")
//       .SetShapeFn(BroadcastBinaryShape)
//       .Finalize(registry);
// Syntax as in TF: "name: type", "name: T", "name: N * T", "name: Ref(T)",
// "name: list(type)"; attrs "name: type = default", "{a, b}" for allowed
// types or strings, ">= 1" minimums. Errors (bad syntax) are reported by
// Finalize with the op name.
class OpDefBuilder {
 public:
  explicit OpDefBuilder(std::string op_name);
  OpDefBuilder& Input(std::string_view spec);
  OpDefBuilder& Output(std::string_view spec);
  OpDefBuilder& Attr(std::string_view spec);
  OpDefBuilder& SetIsStateful();
  OpDefBuilder& SetIsCommutative();
  OpDefBuilder& SetIsAggregate();
  OpDefBuilder& SetAllowsUninitializedInput();
  // OpDef.is_distributed_communication (StatefulPartitionedCall).
  OpDefBuilder& SetIsDistributedCommunication();
  // OpDef.deprecation: the op is deprecated from GraphDef `version` on.
  OpDefBuilder& Deprecated(int version, std::string explanation);
  OpDefBuilder& SetShapeFn(ShapeFn fn);
  // Parses the specs and registers the op.
  Status Finalize(OpRegistry* registry);

 private:
  OpRegistration reg_;
  std::vector<std::string> inputs_, outputs_, attrs_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OP_REGISTRY_H_
