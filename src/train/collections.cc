#include "tfpersist/train/collections.h"

#include <set>

namespace tfpersist {

bool GraphKeys::IsVariableCollection(std::string_view key) {
  static const std::set<std::string_view> kKeys = {
      kGlobalVariables,  kTrainableVariables,     kLocalVariables,
      kModelVariables,   kMovingAverageVariables, kGlobalStep,
      "metric_variables"};
  return kKeys.count(key) > 0;
}

std::string OpNameOf(std::string_view tensor_name) {
  if (!tensor_name.empty() && tensor_name[0] == '^')
    tensor_name.remove_prefix(1);
  size_t colon = tensor_name.rfind(':');
  if (colon == std::string_view::npos) return std::string(tensor_name);
  return std::string(tensor_name.substr(0, colon));
}

tensorflow::VariableDef ToVariableDef(const RefVariable& v) {
  tensorflow::VariableDef def;
  if (v.variable.node != nullptr) def.set_variable_name(v.variable.name());
  if (v.initializer != nullptr) def.set_initializer_name(v.initializer->name());
  if (v.snapshot.node != nullptr) def.set_snapshot_name(v.snapshot.name());
  if (v.initial_value.node != nullptr) {
    def.set_initial_value_name(v.initial_value.name());
  }
  def.set_trainable(v.trainable);
  return def;
}

void Collections::AddVariable(const RefVariable& v) {
  tensorflow::VariableDef def = ToVariableDef(v);
  AddVariableDef(GraphKeys::kGlobalVariables, def);
  if (v.trainable) AddVariableDef(GraphKeys::kTrainableVariables, def);
}

void Collections::AddVariables(const std::vector<RefVariable>& vars) {
  for (const RefVariable& v : vars) AddVariable(v);
}

void Collections::AddVariableDef(std::string_view key,
                                 const tensorflow::VariableDef& def) {
  tensorflow::CollectionDef& c = defs_[std::string(key)];
  for (const std::string& bytes : c.bytes_list().value()) {
    tensorflow::VariableDef existing;
    if (existing.ParseFromString(bytes) &&
        existing.variable_name() == def.variable_name()) {
      return;
    }
  }
  c.mutable_bytes_list()->add_value(def.SerializeAsString());
}

void Collections::AddNodeName(std::string_view key, std::string_view name) {
  defs_[std::string(key)].mutable_node_list()->add_value(std::string(name));
}

StatusOr<std::vector<tensorflow::VariableDef>> Collections::GetVariableDefs(
    std::string_view key) const {
  std::vector<tensorflow::VariableDef> result;
  auto it = defs_.find(std::string(key));
  if (it == defs_.end()) return result;
  const tensorflow::CollectionDef& c = it->second;
  if (c.kind_case() != tensorflow::CollectionDef::kBytesList &&
      c.kind_case() != tensorflow::CollectionDef::KIND_NOT_SET) {
    return errors::InvalidArgument("Collection '", key,
                                   "' does not hold VariableDefs (bytes_list)");
  }
  for (const std::string& bytes : c.bytes_list().value()) {
    tensorflow::VariableDef def;
    if (!def.ParseFromString(bytes)) {
      return errors::InvalidArgument("Collection '", key,
                                     "' holds an unparsable VariableDef");
    }
    result.push_back(std::move(def));
  }
  return result;
}

StatusOr<std::vector<std::string>> Collections::GetVariableNames(
    std::string_view key) const {
  TFP_ASSIGN_OR_RETURN(auto defs, GetVariableDefs(key));
  std::vector<std::string> names;
  for (const auto& def : defs) names.push_back(OpNameOf(def.variable_name()));
  return names;
}

std::vector<std::string> Collections::GetNodeNames(std::string_view key) const {
  auto it = defs_.find(std::string(key));
  if (it == defs_.end()) return {};
  const auto& values = it->second.node_list().value();
  return std::vector<std::string>(values.begin(), values.end());
}

}  // namespace tfpersist
