// MetaGraphDef export and import: TF1's tf.train.export_meta_graph and
// tf.train.import_meta_graph (spec meta-graph.md §3).
//
//   // Export (Saver::Save does this for <prefix>.meta):
//   MetaGraphExportOptions opts;
//   opts.collections = &collections;
//   opts.saver_def = &saver->saver_def();
//   TFP_ASSIGN_OR_RETURN(tensorflow::MetaGraphDef mg, ExportMetaGraph(graph,
//   opts));
//
//   // Import, then restore without rebuilding the graph:
//   TFP_ASSIGN_OR_RETURN(auto imported, ImportMetaGraph("m.ckpt.meta"));
//   TFP_ASSIGN_OR_RETURN(auto session, imported->NewSession());
//   TFP_RETURN_IF_ERROR(imported->saver->Restore(session.get(), "m.ckpt"));
//
// Thread-safety: functions are thread-safe; an ImportedMetaGraph is not.
#ifndef TFPERSIST_TRAIN_META_GRAPH_H_
#define TFPERSIST_TRAIN_META_GRAPH_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tensorflow/core/protobuf/saver.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/train/collections.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {

struct MetaGraphExportOptions {
  // Written as collection_def (nullable: none).
  const Collections* collections = nullptr;
  // Written as saver_def (nullable: none).
  const tensorflow::SaverDef* saver_def = nullptr;
  // meta_info_def.tags (SavedModel).
  std::vector<std::string> tags;
  std::map<std::string, tensorflow::SignatureDef> signature_defs;
  // Blank every node's device.
  bool clear_devices = false;
  // Drop attrs equal to their OpDef default (sets stripped_default_attrs).
  bool strip_default_attrs = false;
};

// export_meta_graph: meta_info_def (tensorflow_version / git version of the
// emulated TF, stripped_op_list = OpDefs of every op type used, sorted by
// name), graph_def with `_output_shapes` on every node with outputs,
// saver_def, collection_def, signature_def. Errors: INVALID_ARGUMENT if an
// op's OpDef is unknown to the graph.
StatusOr<tensorflow::MetaGraphDef> ExportMetaGraph(
    const Graph& graph, const MetaGraphExportOptions& options = {});

// Writes `meta_graph` in binary (deterministic: map entries sorted) to path,
// atomically (temp file + rename).
Status WriteMetaGraph(Env* env, const std::string& path,
                      const tensorflow::MetaGraphDef& meta_graph);
// Reads a binary MetaGraphDef, falling back to text format. NOT_FOUND if
// path is missing; DATA_LOSS naming the file if neither parses.
StatusOr<tensorflow::MetaGraphDef> ReadMetaGraph(Env* env,
                                                 const std::string& path);

struct ImportMetaGraphOptions {
  // Prefix for every imported name ("" = none, TF's default).
  std::string import_scope;
  bool clear_devices = false;
  Env* env = nullptr;  // nullptr = Env::Default()
};

// What import_meta_graph builds: the graph (ops missing from our registry
// described by stripped_op_list), its collections and a Saver for its
// SaverDef (null when there is neither a SaverDef nor a variable).
struct ImportedMetaGraph {
  tensorflow::MetaGraphDef meta_graph_def;  // as read (before import_scope)
  std::unique_ptr<Graph> graph;
  std::unique_ptr<Collections> collections;
  std::unique_ptr<Saver> saver;

  // Session options with the stripped_op_list as extra_ops.
  SessionOptions session_options(Env* env = nullptr) const;
  // Session::Create over graph->ToGraphDef() with session_options().
  StatusOr<std::unique_ptr<Session>> NewSession(Env* env = nullptr) const;
};

// import_meta_graph(path). Errors: as ReadMetaGraph; graph errors naming
// the node (INVALID_ARGUMENT / NOT_FOUND for op types nowhere described).
StatusOr<std::unique_ptr<ImportedMetaGraph>> ImportMetaGraph(
    const std::string& path, const ImportMetaGraphOptions& options = {});
StatusOr<std::unique_ptr<ImportedMetaGraph>> ImportMetaGraph(
    const tensorflow::MetaGraphDef& meta_graph,
    const ImportMetaGraphOptions& options = {});

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_META_GRAPH_H_
