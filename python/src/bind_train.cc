// Bindings of the train layer: Saver, meta graphs, checkpoint inspection,
// ExponentialMovingAverage, the global step.
#include <pybind11/stl.h>

#include "bindings.h"
#include "convert.h"
#include "py_graph.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/tools/import_graph_def.h"
#include "tfpersist/train/checkpoint_utils.h"
#include "tfpersist/train/meta_graph.h"
#include "tfpersist/train/moving_averages.h"
#include "tfpersist/train/saver.h"
#include "tfpersist/train/training_util.h"

namespace tfpersist::python {
namespace {

// A Saver and the graph it points into (kept alive with it).
struct PySaver {
  std::shared_ptr<PyGraph> graph;
  std::unique_ptr<Saver> saver;
};

PySaver CreateSaver(std::shared_ptr<PyGraph> g, const py::dict& kw) {
  SaverOptions o;
  if (kw.contains("var_list")) {
    o.var_list = kw["var_list"].cast<std::vector<std::string>>();
  }
  if (kw.contains("var_map")) {
    o.var_map = kw["var_map"].cast<std::map<std::string, std::string>>();
  }
  o.max_to_keep = kw["max_to_keep"].cast<int>();
  o.keep_checkpoint_every_n_hours =
      kw["keep_checkpoint_every_n_hours"].cast<float>();
  o.sharded = kw["sharded"].cast<bool>();
  if (!kw["name"].is_none()) o.name = kw["name"].cast<std::string>();
  if (!kw["filename"].is_none())
    o.filename = kw["filename"].cast<std::string>();
  o.write_version = kw["write_version"].cast<int>() == 1
                        ? tensorflow::SaverDef::V1
                        : tensorflow::SaverDef::V2;
  o.allow_empty = kw["allow_empty"].cast<bool>();
  o.save_relative_paths = kw["save_relative_paths"].cast<bool>();
  o.pad_step_number = kw["pad_step_number"].cast<bool>();
  auto saver = Saver::Create(g->builder(), o, &g->collections());
  g->CheckBuilder();
  return PySaver{g, ValueOrThrow(std::move(saver))};
}

PySaver SaverFromDef(std::shared_ptr<PyGraph> g, const py::bytes& def_bytes,
                     bool save_relative_paths, bool pad_step_number) {
  tensorflow::SaverDef def;
  ParseProto(def_bytes, &def, "SaverDef");
  SaverOptions o;
  o.save_relative_paths = save_relative_paths;
  o.pad_step_number = pad_step_number;
  return PySaver{g, ValueOrThrow(Saver::FromSaverDef(def, &g->graph(),
                                                     &g->collections(), o))};
}

std::string Save(PySaver& s, PySession& session, const std::string& path,
                 std::optional<int64_t> step, const std::string& step_tensor,
                 const std::string& latest_filename,
                 const std::string& meta_suffix, bool write_meta,
                 bool write_state) {
  SaveOptions o;
  o.global_step = step;
  o.global_step_tensor = step_tensor;
  o.latest_filename = latest_filename;
  o.meta_graph_suffix = meta_suffix;
  o.write_meta_graph = write_meta;
  o.write_state = write_state;
  Session* raw = session.session();
  std::optional<StatusOr<std::string>> out;
  {
    py::gil_scoped_release release;
    out.emplace(s.saver->Save(raw, path, o));
  }
  return ValueOrThrow(std::move(*out));
}

void Restore(PySaver& s, PySession& session, const std::string& path) {
  Session* raw = session.session();
  Status status;
  {
    py::gil_scoped_release release;
    status = s.saver->Restore(raw, path);
  }
  ThrowIfError(status);
}

void BindSaver(py::module_& m) {
  py::class_<PySaver>(m, "Saver")
      .def_static("create", &CreateSaver)
      .def_static("from_saver_def", &SaverFromDef)
      .def("save", &Save)
      .def("restore", &Restore)
      .def("saver_def",
           [](PySaver& s) { return SerializeProto(s.saver->saver_def()); })
      .def("is_empty", [](PySaver& s) { return s.saver->is_empty(); })
      .def("last_checkpoints",
           [](PySaver& s) { return s.saver->last_checkpoints(); })
      .def("recover_last_checkpoints",
           [](PySaver& s, const std::vector<std::string>& paths) {
             s.saver->RecoverLastCheckpoints(paths);
           });
}

// Adds meta's collections to g's (variables by VariableDef, node lists by
// name; other kinds only when g lacks the key).
void MergeCollections(PyGraph& g, const tensorflow::MetaGraphDef& meta) {
  for (const auto& [key, def] : meta.collection_def()) {
    if (GraphKeys::IsVariableCollection(key) && def.has_bytes_list()) {
      for (const std::string& bytes : def.bytes_list().value()) {
        tensorflow::VariableDef var;
        if (var.ParseFromString(bytes)) {
          g.collections().AddVariableDef(key, var);
        }
      }
    } else if (def.has_node_list()) {
      for (const std::string& name : def.node_list().value()) {
        g.collections().AddNodeName(key, name);
      }
    } else if (!g.collections().Has(key)) {
      (*g.collections().mutable_defs())[key] = def;
    }
  }
}

// import_meta_graph into a graph that has nodes: ImportGraphDef without a
// prefix (TF's default), then the collections and the SaverDef. Ops must
// be registered (the graph's extra OpDefs are fixed when it is created).
std::optional<PySaver> ImportMetaIntoGraph(std::shared_ptr<PyGraph> g,
                                           const tensorflow::MetaGraphDef& meta,
                                           const std::string& import_scope) {
  if (!import_scope.empty()) {
    throw StatusError(
        errors::Unimplemented("import_meta_graph(import_scope='", import_scope,
                              "') into a graph that already has nodes"));
  }
  for (const auto& node : meta.graph_def().node()) {
    if (g->graph().FindNode(node.name()) != nullptr) {
      throw StatusError(errors::InvalidArgument(
          "import_meta_graph: node '", node.name(),
          "' of the meta graph already exists in the graph; import into a "
          "new tf.Graph()"));
    }
  }
  ImportGraphDefOptions o;
  o.name = "";
  o.producer_op_list = &meta.meta_info_def().stripped_op_list();
  ValueOrThrow(ImportGraphDef(&g->graph(), meta.graph_def(), o));
  MergeCollections(*g, meta);
  if (!meta.has_saver_def()) return std::nullopt;
  return SaverFromDef(g, SerializeProto(meta.saver_def()), false, false);
}

// tf.train.import_meta_graph: the graph, collections and saver
// ImportMetaGraph builds (adopted when g is empty, else imported into g).
// Returns None when there is no saver.
std::optional<PySaver> ImportMeta(std::shared_ptr<PyGraph> g,
                                  const py::bytes& meta_bytes,
                                  const std::string& import_scope,
                                  bool clear_devices) {
  tensorflow::MetaGraphDef meta;
  ParseProto(meta_bytes, &meta, "MetaGraphDef");
  if (g->graph().num_nodes() != 0) {
    if (clear_devices) {
      for (auto& node : *meta.mutable_graph_def()->mutable_node()) {
        node.clear_device();
      }
    }
    return ImportMetaIntoGraph(g, meta, import_scope);
  }
  ImportMetaGraphOptions o;
  o.import_scope = import_scope;
  o.clear_devices = clear_devices;
  auto imported = ValueOrThrow(ImportMetaGraph(meta, o));
  g->Adopt(std::move(imported->graph), std::move(imported->collections),
           imported->meta_graph_def.meta_info_def().stripped_op_list());
  if (imported->saver == nullptr) return std::nullopt;
  // Re-made over the adopted graph and collections (same SaverDef).
  return SaverFromDef(g, SerializeProto(imported->saver->saver_def()), false,
                      false);
}

py::bytes ExportMeta(std::shared_ptr<PyGraph> g,
                     const std::optional<py::bytes>& saver_def,
                     bool clear_devices, bool strip_default_attrs) {
  MetaGraphExportOptions o;
  tensorflow::SaverDef def;
  if (saver_def.has_value()) {
    ParseProto(*saver_def, &def, "SaverDef");
    o.saver_def = &def;
  }
  o.collections = &g->collections();
  o.clear_devices = clear_devices;
  o.strip_default_attrs = strip_default_attrs;
  return SerializeProto(ValueOrThrow(ExportMetaGraph(g->graph(), o)));
}

void BindMetaGraph(py::module_& m) {
  m.def("import_meta_graph", &ImportMeta);
  m.def("export_meta_graph", &ExportMeta);
  m.def("read_meta_graph", [](const std::string& path) {
    return SerializeProto(ValueOrThrow(ReadMetaGraph(Env::Default(), path)));
  });
  m.def("write_meta_graph", [](const std::string& path, const py::bytes& b) {
    tensorflow::MetaGraphDef meta;
    ParseProto(b, &meta, "MetaGraphDef");
    ThrowIfError(WriteMetaGraph(Env::Default(), path, meta));
  });
}

void BindCheckpoints(py::module_& m) {
  m.def("list_variables", [](const std::string& path) {
    std::vector<std::pair<std::string, std::vector<int64_t>>> out;
    for (const auto& [name, shape] : ValueOrThrow(ListVariables(path))) {
      out.emplace_back(name, shape.dim_sizes());
    }
    return out;
  });
  m.def("load_variable", [](const std::string& path, const std::string& name) {
    return TensorToNumpy(ValueOrThrow(LoadVariable(path, name)));
  });
  m.def("latest_checkpoint",
        [](const std::string& dir,
           const std::string& latest) -> std::optional<std::string> {
          auto path = LatestCheckpoint(Env::Default(), dir, latest);
          if (path.status().code() == StatusCode::kNotFound) return {};
          return ValueOrThrow(std::move(path));
        });
  m.def("get_checkpoint_state",
        [](const std::string& dir, const std::string& latest) -> py::object {
          auto state = GetCheckpointState(Env::Default(), dir, latest);
          if (state.status().code() == StatusCode::kNotFound) {
            return py::none();
          }
          CheckpointState s = ValueOrThrow(std::move(state));
          return py::make_tuple(
              s.model_checkpoint_path, s.all_model_checkpoint_paths,
              s.all_model_checkpoint_timestamps, s.last_preserved_timestamp);
        });
  m.def("checkpoint_exists", [](const std::string& prefix) {
    return CheckpointExists(Env::Default(), prefix);
  });
}

void BindReader(py::module_& m) {
  py::class_<CheckpointReader>(m, "CheckpointReader")
      .def(py::init([](const std::string& path) {
        return ValueOrThrow(CheckpointReader::Open(Env::Default(), path));
      }))
      .def("tensor_names", &CheckpointReader::TensorNames)
      .def("has_tensor", &CheckpointReader::HasTensor)
      .def("shapes",
           [](const CheckpointReader& r) {
             std::map<std::string, std::vector<int64_t>> out;
             for (const auto& [k, v] : r.GetVariableToShapeMap()) {
               out[k] = v.dim_sizes();
             }
             return out;
           })
      .def("dtypes",
           [](const CheckpointReader& r) {
             std::map<std::string, int> out;
             for (const auto& [k, v] : r.GetVariableToDataTypeMap()) {
               out[k] = static_cast<int>(v);
             }
             return out;
           })
      .def("get_tensor",
           [](const CheckpointReader& r, const std::string& name) {
             return TensorToNumpy(ValueOrThrow(r.GetTensor(name)));
           })
      .def("debug_string", &CheckpointReader::DebugString);
}

struct PyEma {
  std::shared_ptr<PyGraph> graph;
  std::unique_ptr<ExponentialMovingAverage> ema;
};

void BindEma(py::module_& m) {
  py::class_<PyEma>(m, "ExponentialMovingAverage")
      .def(py::init([](std::shared_ptr<PyGraph> g, float decay,
                       std::optional<Output> num_updates, std::string name) {
        return PyEma{g, std::make_unique<ExponentialMovingAverage>(
                            decay, num_updates.value_or(Output()), name)};
      }))
      .def(
          "apply",
          [](PyEma& e, const std::vector<RefVariable>& vars) {
            auto node =
                e.ema->Apply(e.graph->builder(), vars, &e.graph->collections());
            e.graph->CheckBuilder();
            return ValueOrThrow(std::move(node));
          },
          py::return_value_policy::reference)
      .def("average",
           [](PyEma& e, const std::string& var) -> std::optional<RefVariable> {
             const RefVariable* v = e.ema->Average(var);
             if (v == nullptr) return std::nullopt;
             return *v;
           })
      .def("average_name",
           [](PyEma& e, const std::string& var) {
             return e.ema->AverageName(var);
           })
      .def("variables_to_restore", [](PyEma& e) {
        return ValueOrThrow(e.ema->VariablesToRestore(e.graph->collections()));
      });
  m.def("get_or_create_global_step", [](std::shared_ptr<PyGraph> g) {
    auto v = GetOrCreateGlobalStep(g->builder(), &g->collections());
    g->CheckBuilder();
    return ValueOrThrow(std::move(v));
  });
}

}  // namespace

void BindTrain(py::module_& m) {
  BindSaver(m);
  BindMetaGraph(m);
  BindCheckpoints(m);
  BindReader(m);
  BindEma(m);
}

}  // namespace tfpersist::python
