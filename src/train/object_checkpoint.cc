// ObjectPathVarMap: object paths -> checkpoint keys for a Saver var_map.
#include "tfpersist/train/object_checkpoint.h"

#include "tfpersist/io/object_graph.h"

namespace tfpersist {
namespace {

std::string LastComponent(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

StatusOr<std::map<std::string, std::string>> ObjectPathVarMap(
    const CheckpointReader& reader,
    const std::map<std::string, std::string>& object_path_to_variable) {
  TFP_ASSIGN_OR_RETURN(auto graph, ReadObjectGraph(reader));
  TFP_ASSIGN_OR_RETURN(auto tensors, ListObjectGraphTensors(graph));
  std::map<std::string, std::string> key_of;  // path -> VARIABLE_VALUE key
  for (const ObjectGraphTensor& t : tensors) {
    if (t.attribute == "VARIABLE_VALUE")
      key_of[t.object_path] = t.checkpoint_key;
  }
  std::map<std::string, std::string> var_map;
  for (const auto& [path, variable] : object_path_to_variable) {
    auto it = key_of.find(path);
    if (it == key_of.end()) {
      std::vector<std::string> similar;
      for (const auto& [p, unused] : key_of) {
        if (similar.size() < 3 && LastComponent(p) == LastComponent(path)) {
          similar.push_back(p);
        }
      }
      return errors::NotFound(
          "Object path '", path, "' is not in the object graph of ",
          reader.path(),
          similar.empty()
              ? ""
              : StrCat("; did you mean ", StrJoin(similar, ", "), "?"));
    }
    var_map[it->second] = variable;
  }
  return var_map;
}

}  // namespace tfpersist
