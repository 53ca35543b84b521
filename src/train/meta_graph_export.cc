// export_meta_graph (spec meta-graph.md §3): meta_info_def with the
// stripped op list, the graph with `_output_shapes`, saver_def, collections
// and signatures; plus reading and writing .meta files.
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <map>
#include <set>

#include "core/tensor_proto.h"
#include "graph/graph_def_io.h"
#include "graph/shape_refiner.h"
#include "tfpersist/graph/tf_version.h"
#include "tfpersist/train/meta_graph.h"

namespace tfpersist {
namespace {

using ShapeMap = std::map<std::string, std::vector<PartialTensorShape>>;

// Static output shapes of every node (unknown where inference fails or the
// op has no shape function).
ShapeMap InferShapes(const Graph& graph) {
  ShapeRefiner refiner;
  refiner.set_graph_def_version(graph.versions().producer());
  auto order = graph.TopologicalOrder();
  const std::vector<Node*>& nodes = order.ok() ? *order : graph.nodes();
  ShapeMap shapes;
  for (const Node* node : nodes) {
    (void)refiner.AddNode(node);  // A failing node keeps unknown shapes.
    shapes[node->name()] = refiner.OutputShapes(node);
  }
  return shapes;
}

// as_graph_def(add_shapes=True). An inferred unknown rank does not replace
// shapes recorded by an earlier writer (ops we cannot infer).
void AddOutputShapes(const Graph& graph, tensorflow::GraphDef* gd) {
  ShapeMap shapes = InferShapes(graph);
  for (tensorflow::NodeDef& node : *gd->mutable_node()) {
    auto it = shapes.find(node.name());
    if (it == shapes.end() || it->second.empty()) continue;
    auto existing = node.attr().find("_output_shapes");
    const bool has_existing = existing != node.attr().end() &&
                              existing->second.list().shape_size() ==
                                  static_cast<int>(it->second.size());
    tensorflow::AttrValue value;
    for (size_t i = 0; i < it->second.size(); ++i) {
      const PartialTensorShape& s = it->second[i];
      if (s.unknown_rank() && has_existing) {
        *value.mutable_list()->add_shape() = existing->second.list().shape(i);
      } else {
        TensorShapeToProto(s, value.mutable_list()->add_shape());
      }
    }
    (*node.mutable_attr())["_output_shapes"] = value;
  }
}

void StripDocs(tensorflow::OpDef* op) {
  op->clear_summary();
  op->clear_description();
  for (auto& arg : *op->mutable_input_arg()) arg.clear_description();
  for (auto& arg : *op->mutable_output_arg()) arg.clear_description();
  for (auto& attr : *op->mutable_attr()) attr.clear_description();
}

// stripped_op_list_for_graph: OpDefs of every op used by the graph and its
// functions (not the functions themselves), sorted by name.
Status StrippedOpList(const Graph& graph, const tensorflow::GraphDef& gd,
                      tensorflow::OpList* out) {
  std::set<std::string> functions, used;
  for (const auto& f : gd.library().function()) {
    functions.insert(f.signature().name());
    for (const auto& n : f.node_def()) used.insert(n.op());
  }
  for (const auto& n : gd.node()) used.insert(n.op());
  for (const std::string& op : used) {
    if (functions.count(op)) continue;
    TFP_ASSIGN_OR_RETURN(const tensorflow::OpDef* def, graph.LookUpOpDef(op));
    tensorflow::OpDef* copy = out->add_op();
    *copy = *def;
    StripDocs(copy);
  }
  return OkStatus();
}

// strip_default_attrs: removes attrs equal to their OpDef default.
void StripDefaultAttrs(const Graph& graph, tensorflow::GraphDef* gd) {
  for (tensorflow::NodeDef& node : *gd->mutable_node()) {
    auto op = graph.LookUpOpDef(node.op());
    if (!op.ok()) continue;
    for (const auto& attr : (*op)->attr()) {
      auto it = node.attr().find(attr.name());
      if (attr.has_default_value() && it != node.attr().end() &&
          it->second.SerializeAsString() ==
              attr.default_value().SerializeAsString()) {
        node.mutable_attr()->erase(attr.name());
      }
    }
  }
}

// Keeps the text-format fallback quiet: a binary file that is not a
// MetaGraphDef is reported once, as DATA_LOSS.
class SilentErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, int, const std::string&) override {}
};

}  // namespace

StatusOr<tensorflow::MetaGraphDef> ExportMetaGraph(
    const Graph& graph, const MetaGraphExportOptions& options) {
  tensorflow::MetaGraphDef mg;
  tensorflow::GraphDef* gd = mg.mutable_graph_def();
  *gd = graph.ToGraphDef();
  AddOutputShapes(graph, gd);
  if (options.clear_devices) {
    for (auto& node : *gd->mutable_node()) node.clear_device();
  }
  if (options.strip_default_attrs) StripDefaultAttrs(graph, gd);
  tensorflow::MetaGraphDef::MetaInfoDef* info = mg.mutable_meta_info_def();
  TFP_RETURN_IF_ERROR_CTX(
      StrippedOpList(graph, *gd, info->mutable_stripped_op_list()),
      "exporting meta graph");
  for (const std::string& tag : options.tags) info->add_tags(tag);
  info->set_tensorflow_version(EmulatedTfVersion::kVersion);
  info->set_tensorflow_git_version(EmulatedTfVersion::kGitVersion);
  info->set_stripped_default_attrs(options.strip_default_attrs);
  if (options.saver_def != nullptr)
    *mg.mutable_saver_def() = *options.saver_def;
  if (options.collections != nullptr) {
    for (const auto& [key, def] : options.collections->defs()) {
      (*mg.mutable_collection_def())[key] = def;
    }
  }
  for (const auto& [key, sig] : options.signature_defs) {
    (*mg.mutable_signature_def())[key] = sig;
  }
  return mg;
}

Status WriteMetaGraph(Env* env, const std::string& path,
                      const tensorflow::MetaGraphDef& meta_graph) {
  TFP_RETURN_IF_ERROR_CTX(
      WriteStringToFileAtomic(env, path, SerializeDeterministic(meta_graph)),
      "writing meta graph ", path);
  return OkStatus();
}

StatusOr<tensorflow::MetaGraphDef> ReadMetaGraph(Env* env,
                                                 const std::string& path) {
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  tensorflow::MetaGraphDef mg;
  if (mg.ParseFromString(bytes)) return mg;
  mg.Clear();
  google::protobuf::TextFormat::Parser parser;
  SilentErrorCollector silent;
  parser.RecordErrorsTo(&silent);
  parser.AllowPartialMessage(false);
  if (parser.ParseFromString(bytes, &mg)) return mg;
  return errors::DataLoss("Cannot parse ", path,
                          " as a MetaGraphDef (binary or text format)");
}

}  // namespace tfpersist
