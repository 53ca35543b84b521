// FreezeSavedModel (TF2 freezing): signature subgraph -> inlined/lowered
// flat graph -> variables as Const -> signature-named inputs and outputs.
#include "tfpersist/tools/freeze_saved_model.h"

#include <set>

#include "graph/tensor_id.h"
#include "tfpersist/graph/function.h"
#include "tfpersist/tools/graph_util.h"
#include "tfpersist/train/collections.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;

// Rewrites every reference to node `from` ("from", "from:k", "^from").
void RenameReferences(GraphDef* g, const std::string& from,
                      const std::string& to) {
  for (NodeDef& n : *g->mutable_node()) {
    if (n.name() == from) n.set_name(to);
    for (std::string& in : *n.mutable_input()) {
      auto id = ParseTensorName(in);
      if (!id.ok() || id->node != from) continue;
      id->node = to;
      in = id->ToString(/*keep_zero=*/false);
    }
  }
}

bool HasNode(const GraphDef& g, const std::string& name) {
  for (const NodeDef& n : g.node()) {
    if (n.name() == name) return true;
  }
  return false;
}

// Frees `name` for a signature node: an existing node of that name moves
// to "<name>_<k>".
void FreeName(GraphDef* g, const std::string& name) {
  if (!HasNode(*g, name)) return;
  int k = 1;
  while (HasNode(*g, StrCat(name, "_", k))) ++k;
  RenameReferences(g, name, StrCat(name, "_", k));
}

// Consumers of an IdentityN read its inputs directly; it disappears.
void BypassIdentityN(GraphDef* g) {
  std::map<std::string, NodeDef> removed;
  GraphDef kept;
  for (const NodeDef& n : g->node()) {
    if (n.op() == "IdentityN") {
      removed[n.name()] = n;
    } else {
      *kept.add_node() = n;
    }
  }
  for (bool again = true; again;) {  // IdentityN feeding IdentityN
    again = false;
    for (NodeDef& n : *kept.mutable_node()) {
      std::vector<std::string> inputs(n.input().begin(), n.input().end());
      n.clear_input();
      for (const std::string& in : inputs) {
        auto id = ParseTensorName(in);
        auto it = id.ok() ? removed.find(id->node) : removed.end();
        if (it == removed.end()) {
          n.add_input(in);
          continue;
        }
        again = true;
        if (!id->is_control()) {
          n.add_input(it->second.input(id->index));
          continue;
        }
        for (const std::string& src : it->second.input()) {
          auto s = ParseTensorName(src);
          if (s.ok()) n.add_input("^" + s->node);
        }
      }
    }
  }
  kept.mutable_node()->Swap(g->mutable_node());
}

Status RenameInputs(const tensorflow::SignatureDef& sig, GraphDef* g) {
  for (const auto& [key, info] : sig.inputs()) {
    auto id = ParseTensorName(info.name());
    if (!id.ok() || id->index != 0) continue;
    for (NodeDef& n : *g->mutable_node()) {
      if (n.name() != id->node) continue;
      if (n.op() == "PlaceholderWithDefault") {
        n.set_op("Placeholder");
        n.clear_input();
      }
    }
    if (key != id->node && HasNode(*g, id->node)) {
      FreeName(g, key);
      RenameReferences(g, id->node, key);
    }
  }
  return OkStatus();
}

void AddOutputs(const tensorflow::SignatureDef& sig, GraphDef* g) {
  for (const auto& [key, info] : sig.outputs()) {
    if (key == OpNameOf(info.name())) continue;
    FreeName(g, key);
    NodeDef* out = g->add_node();
    out->set_name(key);
    out->set_op("Identity");
    (*out->mutable_attr())["T"].set_type(info.dtype());
    out->add_input(info.name());
  }
}

Status CheckFlat(const GraphDef& g) {
  for (const NodeDef& n : g.node()) {
    const std::string& op = n.op();
    if (op == "PartitionedCall" || op == "StatefulPartitionedCall" ||
        IsFunctionalControlFlow(op) || op == "VarHandleOp" ||
        op == "ReadVariableOp" || op == "AssignVariableOp") {
      return errors::FailedPrecondition(
          "Frozen graph still holds node '", n.name(), "' (op ", op,
          "); freezing it needs lower_control_flow or is not supported");
    }
  }
  return OkStatus();
}

StatusOr<GraphDef> Flatten(const tensorflow::MetaGraphDef& mg,
                           const std::vector<std::string>& outputs,
                           bool lower) {
  TFP_ASSIGN_OR_RETURN(GraphDef g, ExtractSubGraph(mg.graph_def(), outputs));
  FunctionLibraryDefinition lib(g.library(),
                                &mg.meta_info_def().stripped_op_list());
  TFP_RETURN_IF_ERROR(lib.Validate());
  if (lower) {
    TFP_RETURN_IF_ERROR(LowerAndInline(lib, &g));
  } else {
    TFP_RETURN_IF_ERROR(InlineFunctionCalls(lib, &g));
  }
  g.clear_library();
  return g;
}

}  // namespace

StatusOr<GraphDef> FreezeSavedModel(const FreezeSavedModelOptions& o) {
  Env* env = o.env != nullptr ? o.env : Env::Default();
  const std::set<std::string> tags(o.tags.begin(), o.tags.end());
  TFP_ASSIGN_OR_RETURN(auto bundle,
                       LoadSavedModel(o.saved_model_dir, tags, env));
  TFP_ASSIGN_OR_RETURN(const tensorflow::SignatureDef* sig,
                       bundle->GetSignature(o.signature_def));
  std::vector<std::string> outputs, keys;
  for (const auto* map : {&sig->inputs(), &sig->outputs()}) {
    for (const auto& [key, info] : *map) {
      if (info.name().empty()) {
        return errors::InvalidArgument(
            "Signature '", o.signature_def, "' tensor '", key,
            "' is sparse or composite; only dense tensors can be frozen");
      }
    }
  }
  for (const auto& [key, info] : sig->outputs()) {
    outputs.push_back(OpNameOf(info.name()));
    keys.push_back(key);
  }
  TFP_ASSIGN_OR_RETURN(GraphDef g, Flatten(bundle->meta_graph_def, outputs,
                                           o.lower_control_flow));
  TFP_ASSIGN_OR_RETURN(
      g, ConvertVariablesToConstants(bundle->session.get(), g, outputs));
  AddOutputs(*sig, &g);
  BypassIdentityN(&g);
  TFP_RETURN_IF_ERROR(RenameInputs(*sig, &g));
  TFP_ASSIGN_OR_RETURN(g, ExtractSubGraph(g, keys));
  g.clear_library();
  if (o.clear_devices) {
    for (NodeDef& n : *g.mutable_node()) n.clear_device();
  }
  TFP_RETURN_IF_ERROR(CheckFlat(g));
  return g;
}

}  // namespace tfpersist
