// TF1 tf.Variable (RefVariable) and the global variables initializer.
// Node structure per spec meta-graph.md §3, checked against TF-written
// .meta files (tests/graph/builder_variables_test.cc).
#include "graph/node_def_util.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

// Builds v, v/Assign and v/read inside the variable's name scope `scope`
// ("v/").
RefVariable FinishVariable(GraphBuilder& b, Output initial_value,
                           const std::string& scope, bool trainable) {
  RefVariable v;
  v.initial_value = initial_value;
  v.trainable = trainable;
  if (!b.ok()) return v;
  const PartialTensorShape shape = b.GetShape(initial_value);
  Node* var = b.AddNode("VariableV2", scope, {},
                        {{"shape", MakeAttr(shape)},
                         {"dtype", MakeAttr(BaseType(initial_value.dtype()))},
                         {"container", MakeAttr("")},
                         {"shared_name", MakeAttr("")}});
  if (var == nullptr) return v;
  v.variable = Output{var, 0};
  // Assign is colocated with v through its ref input.
  v.initializer =
      Assign(b, v.variable, initial_value, true, true, "Assign").node;
  {
    auto colocate = b.ColocateWith(var);
    v.snapshot = Identity(b, v.variable, "read");
  }
  if (b.ok()) b.AddVariable(v);
  return v;
}

}  // namespace

RefVariable Variable(GraphBuilder& b, const Tensor& initial_value,
                     std::string_view name, bool trainable) {
  auto no_control = b.ClearControlDependencies();  // Python's init_scope
  auto scope = b.NameScope(name);
  const std::string scope_name = b.name_scope();
  Output init = Constant(b, initial_value, "initial_value");
  return FinishVariable(b, init, scope_name, trainable);
}

RefVariable Variable(GraphBuilder& b, Output initial_value,
                     std::string_view name, bool trainable) {
  auto no_control = b.ClearControlDependencies();
  auto scope = b.NameScope(name);
  if (initial_value.node == nullptr) {
    b.UpdateStatus(
        errors::InvalidArgument("Variable '", name, "': null initial value"));
  }
  return FinishVariable(b, initial_value, b.name_scope(), trainable);
}

const std::vector<RefVariable>& GlobalVariables(const GraphBuilder& b) {
  return b.variables();
}

Node* GlobalVariablesInitializer(GraphBuilder& b, std::string_view name) {
  std::vector<Node*> initializers;
  for (const RefVariable& v : b.variables()) {
    initializers.push_back(v.initializer);
  }
  if (initializers.empty()) return NoOp(b, name);
  return Group(b, initializers, name);
}

}  // namespace tfpersist
