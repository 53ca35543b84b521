#include "tfpersist/train/training_util.h"

#include "graph/node_def_util.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

// The RefVariable a VariableDef of this graph describes.
StatusOr<RefVariable> FromVariableDef(const Graph& graph,
                                      const tensorflow::VariableDef& def) {
  RefVariable v;
  TFP_ASSIGN_OR_RETURN(v.variable, graph.tensor(def.variable_name()));
  TFP_ASSIGN_OR_RETURN(v.initializer, graph.operation(def.initializer_name()));
  TFP_ASSIGN_OR_RETURN(v.snapshot, graph.tensor(def.snapshot_name()));
  if (!def.initial_value_name().empty()) {
    TFP_ASSIGN_OR_RETURN(v.initial_value,
                         graph.tensor(def.initial_value_name()));
  }
  v.trainable = def.trainable();
  return v;
}

}  // namespace

StatusOr<RefVariable> GetOrCreateGlobalStep(GraphBuilder& b,
                                            Collections* collections) {
  TFP_RETURN_IF_ERROR(b.status());
  TFP_ASSIGN_OR_RETURN(auto existing,
                       collections->GetVariableDefs(GraphKeys::kGlobalStep));
  if (!existing.empty()) {
    auto v = FromVariableDef(*b.graph(), existing[0]);
    if (!v.ok()) {
      return errors::InvalidArgument("collection 'global_step': ",
                                     v.status().message());
    }
    return v;
  }
  auto no_control = b.ClearControlDependencies();
  auto root = b.NameScope("");
  auto scope = b.NameScope("global_step");
  const std::string name = b.name_scope();  // "global_step/" (uniquified)
  const std::string var_name = name.substr(0, name.size() - 1);
  Output zeros;
  {
    auto init_scope = b.NameScope("Initializer");
    zeros = AddOp(
        b, "Const", "zeros", {},
        {{"value", MakeAttr(Tensor::Scalar<int64_t>(0))},
         {"dtype", MakeAttr(DT_INT64)},
         {"_class",
          MakeAttr(std::vector<std::string>{StrCat("loc:@", var_name)})}});
  }
  RefVariable v;
  v.initial_value = zeros;
  v.trainable = false;
  Node* var = b.AddNode("VariableV2", name, {},
                        {{"shape", MakeAttr(PartialTensorShape(TensorShape()))},
                         {"dtype", MakeAttr(DT_INT64)},
                         {"container", MakeAttr("")},
                         {"shared_name", MakeAttr("")}});
  TFP_RETURN_IF_ERROR(b.status());
  v.variable = Output{var, 0};
  v.initializer = Assign(b, v.variable, zeros, true, true, "Assign").node;
  {
    auto colocate = b.ColocateWith(var);
    v.snapshot = Identity(b, v.variable, "read");
  }
  TFP_RETURN_IF_ERROR(b.status());
  b.AddVariable(v);
  tensorflow::VariableDef def = ToVariableDef(v);
  def.set_aggregation(tensorflow::VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA);
  collections->AddVariableDef(GraphKeys::kGlobalVariables, def);
  collections->AddVariableDef(GraphKeys::kGlobalStep, def);
  return v;
}

}  // namespace tfpersist
