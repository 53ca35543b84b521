// Bindings of import_graph_def and TF1 SavedModels.
#include <pybind11/stl.h>

#include "bindings.h"
#include "convert.h"
#include "py_graph.h"
#include "tfpersist/tools/import_graph_def.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist::python {
namespace {

// Returns (prefix, [(Node or None, Output or None) per return element]).
py::tuple ImportGraph(std::shared_ptr<PyGraph> g, const py::bytes& graph_def,
                      const std::map<std::string, Output>& input_map,
                      const std::map<std::string, Node*>& control_input_map,
                      const std::vector<std::string>& return_elements,
                      const std::optional<std::string>& name,
                      const std::optional<py::bytes>& producer_op_list) {
  tensorflow::GraphDef def;
  ParseProto(graph_def, &def, "GraphDef");
  tensorflow::OpList producer;
  ImportGraphDefOptions o;
  if (producer_op_list.has_value()) {
    ParseProto(*producer_op_list, &producer, "OpList");
    o.producer_op_list = &producer;
  }
  o.name = name;
  o.input_map = input_map;
  o.control_input_map = control_input_map;
  o.return_elements = return_elements;
  auto r = ValueOrThrow(ImportGraphDef(&g->graph(), def, o));
  py::list elements;
  for (const auto& e : r.return_elements) {
    if (e.is_tensor()) {
      elements.append(py::make_tuple(py::none(), py::cast(e.tensor)));
    } else {
      elements.append(py::make_tuple(
          py::cast(e.operation, py::return_value_policy::reference),
          py::none()));
    }
  }
  return py::make_tuple(r.prefix, elements);
}

// loader.load: the bundle's MetaGraphDef bytes and a Session over `g`
// (which must be empty) holding the restored variables.
py::tuple LoadSaved(std::shared_ptr<PyGraph> g, const std::string& dir,
                    const std::set<std::string>& tags) {
  if (g->graph().num_nodes() != 0) {
    throw StatusError(errors::Unimplemented(
        "saved_model.loader.load into a graph that already has nodes; use a "
        "Session on a new tf.Graph()"));
  }
  std::optional<StatusOr<std::unique_ptr<SavedModelBundle>>> loaded;
  {
    py::gil_scoped_release release;
    loaded.emplace(LoadSavedModel(dir, tags));
  }
  std::unique_ptr<SavedModelBundle> bundle = ValueOrThrow(std::move(*loaded));
  const auto& meta = bundle->meta_graph_def;
  auto graph = ValueOrThrow(Graph::FromGraphDef(
      meta.graph_def(), &meta.meta_info_def().stripped_op_list()));
  auto collections = std::make_unique<Collections>(
      std::map<std::string, tensorflow::CollectionDef>(
          meta.collection_def().begin(), meta.collection_def().end()));
  g->Adopt(std::move(graph), std::move(collections),
           meta.meta_info_def().stripped_op_list());
  py::bytes meta_bytes = SerializeProto(meta);
  auto session = std::make_shared<PySession>(g, std::move(bundle->session));
  return py::make_tuple(meta_bytes, session);
}

struct PyBuilder {
  std::unique_ptr<SavedModelBuilder> builder;
};

std::map<std::string, tensorflow::SignatureDef> Signatures(
    const std::map<std::string, py::bytes>& in) {
  std::map<std::string, tensorflow::SignatureDef> out;
  for (const auto& [k, v] : in) ParseProto(v, &out[k], "SignatureDef");
  return out;
}

void AddMetaGraph(PyBuilder& b, std::shared_ptr<PySession> session,
                  std::shared_ptr<PyGraph> g,
                  const std::vector<std::string>& tags,
                  const std::map<std::string, py::bytes>& signatures,
                  Node* main_op, bool clear_devices, bool strip_default,
                  bool with_variables) {
  SavedModelMetaGraphOptions o;
  o.collections = &g->collections();
  o.main_op = main_op;
  o.clear_devices = clear_devices;
  o.strip_default_attrs = strip_default;
  Status s;
  if (with_variables) {
    s = b.builder->AddMetaGraphAndVariables(session->session(), g->builder(),
                                            tags, Signatures(signatures), o);
  } else {
    s = b.builder->AddMetaGraph(g->builder(), tags, Signatures(signatures), o);
  }
  g->CheckBuilder();
  ThrowIfError(s);
}

}  // namespace

void BindTools(py::module_& m) {
  m.def("import_graph_def", &ImportGraph);
  m.def("load_saved_model", &LoadSaved);
  py::class_<PyBuilder>(m, "SavedModelBuilder")
      .def(py::init([](const std::string& dir) {
        return PyBuilder{std::make_unique<SavedModelBuilder>(dir)};
      }))
      .def("add_meta_graph", &AddMetaGraph)
      .def("save", [](PyBuilder& b, bool as_text) {
        ThrowIfError(b.builder->Save(as_text));
      });
}

}  // namespace tfpersist::python
