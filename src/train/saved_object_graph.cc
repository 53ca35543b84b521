// SavedObjectGraph listing: object paths, kinds, concrete functions and
// Python-style signatures.
#include "tfpersist/train/saved_object_graph.h"

#include <algorithm>
#include <deque>
#include <map>

namespace tfpersist {
namespace {

using tensorflow::SavedObject;
using tensorflow::StructuredValue;

std::string KindName(const SavedObject& o) {
  switch (o.kind_case()) {
    case SavedObject::kUserObject:
      return "user_object";
    case SavedObject::kAsset:
      return "asset";
    case SavedObject::kFunction:
      return "function";
    case SavedObject::kVariable:
      return "variable";
    case SavedObject::kBareConcreteFunction:
      return "bare_concrete_function";
    case SavedObject::kConstant:
      return "constant";
    case SavedObject::kResource:
      return "resource";
    case SavedObject::kCapturedTensor:
      return "captured_tensor";
    default:
      return "";
  }
}

StatusOr<std::vector<std::string>> Paths(
    const tensorflow::SavedObjectGraph& g) {
  const int n = g.nodes_size();
  std::vector<std::string> paths(n);
  std::vector<bool> seen(n, false);
  std::deque<int> queue;
  if (n > 0) {
    seen[0] = true;
    queue.push_back(0);
  }
  while (!queue.empty()) {
    const int id = queue.front();
    queue.pop_front();
    for (const auto& c : g.nodes(id).children()) {
      if (c.node_id() < 0 || c.node_id() >= n) {
        return errors::InvalidArgument("SavedObjectGraph node ", id,
                                       " has child '", c.local_name(),
                                       "' out of range [0, ", n, ")");
      }
      if (seen[c.node_id()]) continue;
      seen[c.node_id()] = true;
      paths[c.node_id()] =
          paths[id].empty() ? c.local_name() : paths[id] + "/" + c.local_name();
      queue.push_back(c.node_id());
    }
  }
  return paths;
}

std::string ShapeString(const tensorflow::TensorShapeProto& s) {
  if (s.unknown_rank()) return "<unknown>";
  std::vector<std::string> dims;
  for (const auto& d : s.dim()) {
    dims.push_back(d.size() < 0 ? "None" : std::to_string(d.size()));
  }
  if (dims.size() == 1) return "(" + dims[0] + ",)";
  return "(" + StrJoin(dims, ", ") + ")";
}

// Python's dtype names (tf.float32, not TF's C++ "float").
std::string DtypeString(int dtype) {
  switch (static_cast<DataType>(dtype)) {
    case DT_FLOAT:
      return "tf.float32";
    case DT_DOUBLE:
      return "tf.float64";
    case DT_HALF:
      return "tf.float16";
    default:
      return "tf." + DataTypeString(static_cast<DataType>(dtype));
  }
}

std::string Join(const google::protobuf::RepeatedPtrField<StructuredValue>& vs,
                 const char* open, const char* close, bool tuple) {
  std::vector<std::string> items;
  for (const auto& v : vs) items.push_back(StructuredValueString(v));
  std::string s = open + StrJoin(items, ", ");
  if (tuple && items.size() == 1) s += ",";
  return s + close;
}

}  // namespace

std::string StructuredValueString(const StructuredValue& v) {
  switch (v.kind_case()) {
    case StructuredValue::kNoneValue:
      return "None";
    case StructuredValue::kFloat64Value:
      return StrCat(v.float64_value());
    case StructuredValue::kInt64Value:
      return StrCat(v.int64_value());
    case StructuredValue::kStringValue:
      return "'" + v.string_value() + "'";
    case StructuredValue::kBoolValue:
      return v.bool_value() ? "True" : "False";
    case StructuredValue::kTensorShapeValue:
      return "TensorShape(" + ShapeString(v.tensor_shape_value()) + ")";
    case StructuredValue::kTensorDtypeValue:
      return DtypeString(v.tensor_dtype_value());
    case StructuredValue::kTensorSpecValue: {
      const auto& t = v.tensor_spec_value();
      return "TensorSpec(shape=" + ShapeString(t.shape()) +
             ", dtype=" + DtypeString(t.dtype()) +
             ", name=" + (t.name().empty() ? "None" : "'" + t.name() + "'") +
             ")";
    }
    case StructuredValue::kListValue:
      return Join(v.list_value().values(), "[", "]", false);
    case StructuredValue::kTupleValue:
      return Join(v.tuple_value().values(), "(", ")", true);
    case StructuredValue::kDictValue: {
      std::map<std::string, std::string> sorted;
      for (const auto& [k, f] : v.dict_value().fields()) {
        sorted[k] = StructuredValueString(f);
      }
      std::vector<std::string> items;
      for (const auto& [k, s] : sorted) items.push_back("'" + k + "': " + s);
      return "{" + StrJoin(items, ", ") + "}";
    }
    case StructuredValue::kNamedTupleValue: {
      std::vector<std::string> items;
      for (const auto& p : v.named_tuple_value().values()) {
        items.push_back(p.key() + "=" + StructuredValueString(p.value()));
      }
      return v.named_tuple_value().name() + "(" + StrJoin(items, ", ") + ")";
    }
    default:
      return "<" +
             std::string(
                 v.GetDescriptor()->FindFieldByNumber(v.kind_case())->name()) +
             ">";
  }
}

StatusOr<std::vector<SavedObjectSummary>> ListSavedObjects(
    const tensorflow::SavedObjectGraph& graph) {
  TFP_ASSIGN_OR_RETURN(std::vector<std::string> paths, Paths(graph));
  std::vector<SavedObjectSummary> out;
  for (int id = 0; id < graph.nodes_size(); ++id) {
    const SavedObject& o = graph.nodes(id);
    SavedObjectSummary s;
    s.node_id = id;
    s.path = paths[id];
    s.kind = KindName(o);
    if (o.has_user_object()) s.identifier = o.user_object().identifier();
    if (o.has_variable()) {
      s.variable_name = o.variable().name();
      s.dtype = static_cast<DataType>(o.variable().dtype());
      std::vector<int64_t> dims;
      for (const auto& d : o.variable().shape().dim()) dims.push_back(d.size());
      auto shape = PartialTensorShape::Build(dims);
      if (!o.variable().shape().unknown_rank() && shape.ok()) s.shape = *shape;
    }
    if (o.has_function()) {
      s.concrete_functions.assign(o.function().concrete_functions().begin(),
                                  o.function().concrete_functions().end());
    }
    if (o.has_bare_concrete_function()) {
      s.concrete_functions.push_back(
          o.bare_concrete_function().concrete_function_name());
    }
    out.push_back(std::move(s));
  }
  return out;
}

StatusOr<std::vector<ConcreteFunctionSummary>> ListConcreteFunctions(
    const tensorflow::SavedObjectGraph& graph) {
  TFP_ASSIGN_OR_RETURN(std::vector<std::string> paths, Paths(graph));
  std::vector<ConcreteFunctionSummary> out;
  for (const auto& [name, f] : graph.concrete_functions()) {
    ConcreteFunctionSummary s;
    s.name = name;
    for (int id : f.bound_inputs()) {
      if (id < 0 || id >= graph.nodes_size()) {
        return errors::InvalidArgument("Concrete function '", name,
                                       "' binds object ", id,
                                       ", which is out of range");
      }
      s.captured_paths.push_back(paths[id]);
    }
    s.input_signature =
        StructuredValueString(f.canonicalized_input_signature());
    s.output_signature = StructuredValueString(f.output_signature());
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace tfpersist
