// import_meta_graph (spec meta-graph.md §3): the graph (with the stripped
// op list for ops we do not register), its collections and a Saver for its
// SaverDef, all optionally under an import scope.
#include "tfpersist/train/meta_graph.h"

namespace tfpersist {
namespace {

std::string Prefixed(const std::string& scope, const std::string& name) {
  if (scope.empty() || name.empty()) return name;
  if (name[0] == '^') return StrCat("^", scope, "/", name.substr(1));
  return StrCat(scope, "/", name);
}

// import_graph_def(name=scope): every name, input and colocation target
// gets the prefix.
void PrefixGraphDef(const std::string& scope, tensorflow::GraphDef* gd) {
  for (tensorflow::NodeDef& node : *gd->mutable_node()) {
    node.set_name(Prefixed(scope, node.name()));
    for (std::string& in : *node.mutable_input()) in = Prefixed(scope, in);
    auto it = node.mutable_attr()->find("_class");
    if (it == node.mutable_attr()->end()) continue;
    for (std::string& s : *it->second.mutable_list()->mutable_s()) {
      if (s.starts_with("loc:@"))
        s = StrCat("loc:@", Prefixed(scope, s.substr(5)));
    }
  }
}

void PrefixVariableDef(const std::string& scope, tensorflow::VariableDef* v) {
  v->set_variable_name(Prefixed(scope, v->variable_name()));
  v->set_initializer_name(Prefixed(scope, v->initializer_name()));
  v->set_snapshot_name(Prefixed(scope, v->snapshot_name()));
  v->set_initial_value_name(Prefixed(scope, v->initial_value_name()));
}

// Rebuilds the collections, scoping the names they hold (VariableDefs and
// node lists; other kinds are kept as is).
std::unique_ptr<Collections> ImportCollections(
    const tensorflow::MetaGraphDef& mg, const std::string& scope) {
  std::map<std::string, tensorflow::CollectionDef> defs(
      mg.collection_def().begin(), mg.collection_def().end());
  for (auto& [key, def] : defs) {
    if (scope.empty()) break;
    if (def.has_node_list()) {
      for (std::string& v : *def.mutable_node_list()->mutable_value()) {
        v = Prefixed(scope, v);
      }
    } else if (def.has_bytes_list() && GraphKeys::IsVariableCollection(key)) {
      for (std::string& bytes : *def.mutable_bytes_list()->mutable_value()) {
        tensorflow::VariableDef v;
        if (!v.ParseFromString(bytes)) continue;
        PrefixVariableDef(scope, &v);
        bytes = v.SerializeAsString();
      }
    }
  }
  return std::make_unique<Collections>(std::move(defs));
}

StatusOr<std::unique_ptr<Saver>> ImportSaver(const tensorflow::MetaGraphDef& mg,
                                             ImportedMetaGraph* imported,
                                             const ImportMetaGraphOptions& o) {
  SaverOptions saver_options;
  saver_options.env = o.env;
  if (mg.has_saver_def()) {
    tensorflow::SaverDef def = mg.saver_def();
    def.set_filename_tensor_name(
        Prefixed(o.import_scope, def.filename_tensor_name()));
    def.set_save_tensor_name(Prefixed(o.import_scope, def.save_tensor_name()));
    def.set_restore_op_name(Prefixed(o.import_scope, def.restore_op_name()));
    return Saver::FromSaverDef(def, imported->graph.get(),
                               imported->collections.get(), saver_options);
  }
  auto vars =
      imported->collections->GetVariableNames(GraphKeys::kGlobalVariables);
  if (!vars.ok() || vars->empty()) return std::unique_ptr<Saver>();
  GraphBuilder b(imported->graph.get());
  return Saver::Create(b, saver_options, imported->collections.get());
}

}  // namespace

SessionOptions ImportedMetaGraph::session_options(Env* env) const {
  SessionOptions options;
  options.env = env;
  options.extra_ops = meta_graph_def.meta_info_def().stripped_op_list();
  return options;
}

StatusOr<std::unique_ptr<Session>> ImportedMetaGraph::NewSession(
    Env* env) const {
  return Session::Create(graph->ToGraphDef(), session_options(env));
}

StatusOr<std::unique_ptr<ImportedMetaGraph>> ImportMetaGraph(
    const tensorflow::MetaGraphDef& meta_graph,
    const ImportMetaGraphOptions& options) {
  auto imported = std::make_unique<ImportedMetaGraph>();
  imported->meta_graph_def = meta_graph;
  tensorflow::GraphDef gd = meta_graph.graph_def();
  if (options.clear_devices) {
    for (auto& node : *gd.mutable_node()) node.clear_device();
  }
  PrefixGraphDef(options.import_scope, &gd);
  const tensorflow::OpList* extra_ops =
      meta_graph.meta_info_def().has_stripped_op_list()
          ? &meta_graph.meta_info_def().stripped_op_list()
          : nullptr;
  TFP_ASSIGN_OR_RETURN(imported->graph, Graph::FromGraphDef(gd, extra_ops));
  imported->collections = ImportCollections(meta_graph, options.import_scope);
  TFP_ASSIGN_OR_RETURN(imported->saver,
                       ImportSaver(meta_graph, imported.get(), options));
  return imported;
}

StatusOr<std::unique_ptr<ImportedMetaGraph>> ImportMetaGraph(
    const std::string& path, const ImportMetaGraphOptions& options) {
  Env* env = options.env ? options.env : Env::Default();
  TFP_ASSIGN_OR_RETURN(tensorflow::MetaGraphDef mg, ReadMetaGraph(env, path));
  auto imported = ImportMetaGraph(mg, options);
  if (!imported.ok()) {
    return imported.status().WithContext(StrCat("importing meta graph ", path));
  }
  return imported;
}

}  // namespace tfpersist
