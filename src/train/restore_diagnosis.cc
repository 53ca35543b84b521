#include "train/restore_diagnosis.h"

#include <map>
#include <set>

#include "graph/node_def_util.h"
#include "graph/tensor_id.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/train/collections.h"

namespace tfpersist {
namespace {

using NodeMap = std::map<std::string, const tensorflow::NodeDef*>;

// The checkpoint key feeding `input` ("save/RestoreV2:3"), looking through
// Identity / Reshape; "" if it does not come from a restore op.
std::string KeyOf(const NodeMap& nodes, std::string input) {
  for (int hops = 0; hops < 8; ++hops) {
    auto id = ParseTensorName(input);
    if (!id.ok()) return "";
    auto it = nodes.find(id->node);
    if (it == nodes.end()) return "";
    const tensorflow::NodeDef& n = *it->second;
    if (n.op() == "Identity" || n.op() == "Reshape") {
      if (n.input_size() == 0) return "";
      input = n.input(0);
      continue;
    }
    const bool v2 = n.op() == "RestoreV2";
    if (!v2 && n.op() != "RestoreSlice" && n.op() != "Restore") return "";
    if (n.input_size() < 2) return "";
    auto names_node = nodes.find(OpNameOf(n.input(1)));
    if (names_node == nodes.end()) return "";
    auto names = GetTensorAttr(*names_node->second, "value");
    if (!names.ok() || names->dtype() != DT_STRING) return "";
    const int64_t i = v2 ? id->index : 0;
    if (i < 0 || i >= names->NumElements()) return "";
    return names->flat<tstring>()[i];
  }
  return "";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> RestoredVariables(
    const tensorflow::GraphDef& graph, const std::string& restore_op) {
  NodeMap nodes;
  for (const auto& n : graph.node()) nodes[n.name()] = &n;
  std::vector<std::pair<std::string, std::string>> result;
  std::vector<std::string> stack = {restore_op};
  std::set<std::string> seen;
  while (!stack.empty()) {
    std::string name = stack.back();
    stack.pop_back();
    auto it = nodes.find(name);
    if (it == nodes.end() || !seen.insert(name).second) continue;
    const tensorflow::NodeDef& n = *it->second;
    if ((n.op() == "Assign" || n.op() == "AssignVariableOp") &&
        n.input_size() >= 2) {
      std::string key = KeyOf(nodes, n.input(1));
      if (!key.empty()) result.emplace_back(key, OpNameOf(n.input(0)));
      continue;
    }
    if (n.op() != "NoOp" && name != restore_op) continue;
    for (const std::string& in : n.input()) stack.push_back(OpNameOf(in));
  }
  return result;
}

Status ExplainRestoreMismatch(Env* env, const tensorflow::GraphDef& graph,
                              const std::string& restore_op,
                              const std::string& save_path) {
  auto reader = CheckpointReader::Open(env, save_path);
  if (!reader.ok()) return OkStatus();
  NodeMap nodes;
  for (const auto& n : graph.node()) nodes[n.name()] = &n;
  for (const auto& [key, var] : RestoredVariables(graph, restore_op)) {
    if (!(*reader)->HasTensor(key)) {
      return errors::NotFound("Key ", key, " not found in checkpoint ",
                              save_path, " (restoring variable '", var, "')");
    }
    auto it = nodes.find(var);
    if (it == nodes.end()) continue;
    auto dtype = GetTypeAttr(*it->second, "dtype");
    const DataType stored = (*reader)->GetVariableToDataTypeMap().at(key);
    if (dtype.ok() && BaseType(*dtype) != stored) {
      return errors::InvalidArgument(
          "Restoring variable '", var, "' from checkpoint ", save_path,
          ": the variable's dtype ", DataTypeString(BaseType(*dtype)),
          " does not match dtype ", DataTypeString(stored), " of key '", key,
          "' in the checkpoint");
    }
    auto shape = GetShapeAttr(*it->second, "shape");
    const TensorShape& stored_shape =
        (*reader)->GetVariableToShapeMap().at(key);
    if (shape.ok() && shape->IsFullyDefined() &&
        !(shape->AsTensorShape() == stored_shape)) {
      return errors::InvalidArgument(
          "Restoring variable '", var, "' from checkpoint ", save_path,
          ": the variable's shape ", shape->DebugString(),
          " does not match shape ", stored_shape.DebugString(), " of key '",
          key, "' in the checkpoint");
    }
  }
  return OkStatus();
}

}  // namespace tfpersist
