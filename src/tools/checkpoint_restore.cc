#include "tools/checkpoint_restore.h"

#include <set>

#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {
namespace {

using tensorflow::NodeDef;

std::string FreshScope(const tensorflow::GraphDef& g) {
  std::set<std::string> taken;
  for (const NodeDef& n : g.node())
    taken.insert(n.name().substr(0, n.name().find('/')));
  std::string scope = "freeze_restore";
  for (int i = 1; taken.contains(scope); ++i)
    scope = StrCat("freeze_restore_", i);
  return scope;
}

// Placeholder "<scope>/value_<i>" and the op assigning it to `var`.
void AddAssign(const NodeDef& var, DataType dtype, const TensorShape& shape,
               const std::string& scope, int i, tensorflow::GraphDef* ext) {
  NodeDef* value = ext->add_node();
  value->set_name(StrCat(scope, "/value_", i));
  value->set_op("Placeholder");
  (*value->mutable_attr())["dtype"].set_type(
      static_cast<tensorflow::DataType>(dtype));
  auto* dims = (*value->mutable_attr())["shape"].mutable_shape();
  for (int64_t d : shape.dim_sizes()) dims->add_dim()->set_size(d);
  NodeDef* assign = ext->add_node();
  assign->set_name(StrCat(scope, "/assign_", i));
  assign->add_input(var.name());
  assign->add_input(value->name());
  if (var.op() == "VarHandleOp") {
    assign->set_op("AssignVariableOp");
    (*assign->mutable_attr())["dtype"].set_type(
        value->attr().at("dtype").type());
  } else {
    assign->set_op("Assign");
    (*assign->mutable_attr())["T"].set_type(value->attr().at("dtype").type());
  }
}

}  // namespace

Status RestoreVariablesFromCheckpoint(Session* session,
                                      const tensorflow::GraphDef& graph_def,
                                      const std::string& checkpoint, Env* env) {
  TFP_ASSIGN_OR_RETURN(auto reader, CheckpointReader::Open(env, checkpoint));
  std::map<std::string, const NodeDef*> variables;
  for (const NodeDef& n : graph_def.node()) {
    if (n.op() == "VariableV2" || n.op() == "Variable" ||
        n.op() == "VarHandleOp") {
      variables[n.name()] = &n;
    }
  }
  const std::string scope = FreshScope(graph_def);
  tensorflow::GraphDef ext;
  std::vector<std::pair<std::string, Tensor>> feeds;
  std::vector<std::string> targets;
  for (const std::string& key : reader->TensorNames()) {
    auto var = variables.find(key);
    if (var == variables.end()) continue;  // global_step etc. not in graph
    TFP_ASSIGN_OR_RETURN(Tensor value, reader->GetTensor(key));
    const int i = static_cast<int>(feeds.size());
    AddAssign(*var->second, value.dtype(), value.shape(), scope, i, &ext);
    feeds.emplace_back(StrCat(scope, "/value_", i, ":0"), std::move(value));
    targets.push_back(StrCat(scope, "/assign_", i));
  }
  if (targets.empty()) {
    return errors::NotFound(
        "No variables to restore: none of the ", reader->TensorNames().size(),
        " keys of checkpoint '", checkpoint, "' names a variable of the graph");
  }
  TFP_RETURN_IF_ERROR_CTX(session->Extend(ext), "adding restore ops");
  TFP_RETURN_IF_ERROR_CTX(session->Run(feeds, {}, targets, nullptr),
                          "restoring ", targets.size(),
                          " variables from checkpoint '", checkpoint, "'");
  return OkStatus();
}

}  // namespace tfpersist
