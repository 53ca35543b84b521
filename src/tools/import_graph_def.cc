// ImportGraphDef, part 2: name the imported nodes (prefix, uniquify),
// rewrite their inputs (input_map, control_input_map, colocation) and add
// them to the graph in topological order (TF's GraphConstructor with
// importing=true and uniquify_names=true, as tf.import_graph_def sets it).
#include "tfpersist/tools/import_graph_def.h"

#include <set>

#include "tools/import_internal.h"

namespace tfpersist {
namespace {

using import_internal::Source;
using import_internal::SourceNode;
using tensorflow::NodeDef;

// TF's NameExistsInGraph: a node name, or a prefix "<name>/..." of one.
class TakenNames {
 public:
  void Add(const std::string& name) {
    names_.insert(name);
    for (size_t p = name.find('/'); p != std::string::npos;
         p = name.find('/', p + 1)) {
      names_.insert(name.substr(0, p));
    }
  }
  bool Contains(const std::string& name) const { return names_.contains(name); }

 private:
  std::set<std::string> names_;
};

StatusOr<std::string> ComputePrefix(Graph* graph,
                                    const std::optional<std::string>& name) {
  if (name.has_value() && name->empty()) return std::string();
  std::string previous;
  TFP_ASSIGN_OR_RETURN(
      std::string scope,
      graph->EnterNameScope(name.value_or("import"), &previous));
  graph->RestoreNameScope(std::move(previous));
  if (scope.ends_with("/")) scope.pop_back();
  return scope;
}

// Source name -> name in the graph (prefixed; made unique like TF's
// FindUniqueName when it clashes with a node or scope that existed before
// the import; generated names also avoid the GraphDef's own names).
std::map<std::string, std::string> PlanNames(const Graph& graph,
                                             const Source& src,
                                             const std::string& prefix,
                                             ImportGraphDefResults* results) {
  TakenNames taken, in_gdef;
  for (const Node* n : graph.nodes()) taken.Add(n->name());
  for (const SourceNode& n : src.nodes) in_gdef.Add(n.def.name());
  std::map<std::string, std::string> names;
  for (int i : src.topo_order) {
    const std::string& original = src.nodes[i].def.name();
    const std::string base =
        prefix.empty() ? original : StrCat(prefix, "/", original);
    std::string name = base;
    for (int count = 1;
         taken.Contains(name) || (name != base && in_gdef.Contains(name));
         ++count) {
      name = StrCat(base, "_", count);
    }
    if (name != base) results->uniquified_names[original] = name;
    names[original] = name;
  }
  return names;
}

std::string TensorName(const Output& out) {
  return out.index == 0 ? out.node->name()
                        : StrCat(out.node->name(), ":", out.index);
}

// Rewrites inputs; returns whether any input comes from an imported node.
bool RewriteInputs(const SourceNode& sn, const Source& src,
                   const std::map<std::string, std::string>& names,
                   NodeDef* def) {
  def->clear_input();
  bool imported_input = false;
  std::set<const Node*> mapped_controls;
  for (const TensorId& id : sn.inputs) {
    if (!id.is_control()) {
      auto m = src.input_map.find(id);
      if (m != src.input_map.end()) {
        def->add_input(TensorName(m->second));
        continue;
      }
    } else if (auto m = src.control_map.find(id.node);
               m != src.control_map.end()) {
      if (mapped_controls.insert(m->second).second) {
        def->add_input(StrCat("^", m->second->name()));
      }
      continue;
    }
    imported_input = true;
    def->add_input(TensorId{names.at(id.node), id.index}.ToString(false));
  }
  return imported_input;
}

// Renames "loc:@x" targets; a colocated node takes the device of the first
// target that has one (tf.import_graph_def's _ProcessNewOps).
void RewriteColocation(const Source& src,
                       const std::map<std::string, std::string>& names,
                       NodeDef* def) {
  auto cls = def->mutable_attr()->find("_class");
  if (cls == def->mutable_attr()->end()) return;
  bool colocated = false;
  std::string device;
  for (std::string& s : *cls->second.mutable_list()->mutable_s()) {
    if (!s.starts_with("loc:@")) continue;
    const std::string target = s.substr(5);
    s = StrCat("loc:@", names.at(target));
    if (target == def->name()) continue;
    colocated = true;
    if (device.empty()) device = src.nodes[src.index.at(target)].def.device();
  }
  if (colocated) def->set_device(device);
}

NodeDef RewriteNode(const SourceNode& sn, const Source& src,
                    const std::map<std::string, std::string>& names,
                    const ImportGraphDefOptions& options) {
  NodeDef def = sn.def;
  RewriteColocation(src, names, &def);
  def.set_name(names.at(sn.def.name()));
  const bool imported_input = RewriteInputs(sn, src, names, &def);
  if (!imported_input) {
    for (const Node* dep : options.control_dependencies) {
      const std::string ctl = StrCat("^", dep->name());
      if (std::find(def.input().begin(), def.input().end(), ctl) ==
          def.input().end()) {
        def.add_input(ctl);
      }
    }
  }
  return def;
}

Status MergeLibrary(const tensorflow::FunctionDefLibrary& add, Graph* graph) {
  if (add.function_size() == 0 && add.gradient_size() == 0) return OkStatus();
  tensorflow::FunctionDefLibrary merged = graph->library();
  for (const auto& f : add.function()) {
    bool present = false;
    for (const auto& g : merged.function()) {
      if (g.signature().name() != f.signature().name()) continue;
      if (g.SerializeAsString() != f.SerializeAsString()) {
        return errors::InvalidArgument(
            "Cannot add function '", f.signature().name(),
            "' because a different function with the same name already "
            "exists.");
      }
      present = true;
    }
    if (!present) *merged.add_function() = f;
  }
  for (const auto& g : add.gradient()) *merged.add_gradient() = g;
  graph->set_library(merged);
  return OkStatus();
}

// TF's UpdateVersionDef for imports.
void MergeVersions(const tensorflow::VersionDef& v, Graph* graph) {
  tensorflow::VersionDef out = graph->versions();
  out.set_producer(std::min(out.producer(), v.producer()));
  out.set_min_consumer(std::max(out.min_consumer(), v.min_consumer()));
  for (int bad : v.bad_consumers()) {
    if (std::find(out.bad_consumers().begin(), out.bad_consumers().end(),
                  bad) == out.bad_consumers().end()) {
      out.add_bad_consumers(bad);
    }
  }
  graph->set_versions(out);
}

void FillReturnElements(const Graph& graph, const Source& src,
                        const std::map<std::string, std::string>& names,
                        const ImportGraphDefOptions& options,
                        ImportGraphDefResults* results) {
  for (const std::string& name : options.return_elements) {
    TensorId id = *ParseTensorName(name);  // checked by CheckSource
    ImportGraphDefResults::Element e;
    Node* node = graph.FindNode(names.at(id.node));
    if (name.find(':') == std::string::npos) {
      e.operation = node;
    } else if (auto m = src.input_map.find(id); m != src.input_map.end()) {
      e.tensor = m->second;
    } else {
      e.tensor = Output{node, id.index};
    }
    results->return_elements.push_back(e);
  }
}

}  // namespace

StatusOr<ImportGraphDefResults> ImportGraphDef(
    Graph* graph, const tensorflow::GraphDef& graph_def,
    const ImportGraphDefOptions& options) {
  if (graph == nullptr)
    return errors::InvalidArgument("ImportGraphDef: null graph");
  TFP_ASSIGN_OR_RETURN(
      Source src, import_internal::CheckSource(*graph, graph_def, options));
  ImportGraphDefResults results;
  TFP_ASSIGN_OR_RETURN(results.prefix, ComputePrefix(graph, options.name));
  const auto names = PlanNames(*graph, src, results.prefix, &results);
  const tensorflow::FunctionDefLibrary library_before = graph->library();
  TFP_RETURN_IF_ERROR(MergeLibrary(graph_def.library(), graph));
  std::vector<NodeDef> defs;
  for (int i : src.topo_order) {
    defs.push_back(RewriteNode(src.nodes[i], src, names, options));
  }
  StatusOr<std::vector<Node*>> added = graph->AddNodes(std::move(defs));
  if (!added.ok()) {
    if (graph_def.library().function_size() > 0)
      graph->set_library(library_before);
    return added.status();
  }
  results.nodes = *std::move(added);
  MergeVersions(graph_def.versions(), graph);
  FillReturnElements(*graph, src, names, options, &results);
  return results;
}

}  // namespace tfpersist
