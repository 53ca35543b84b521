// Bindings of Session (run, callables) and the session-level tools:
// freezing (convert_variables_to_constants) and the GraphDef rewrites.
#include <pybind11/stl.h>

#include "bindings.h"
#include "convert.h"
#include "py_graph.h"
#include "tfpersist/tools/graph_util.h"

namespace tfpersist::python {
namespace {

py::list ToNumpyList(const std::vector<Tensor>& tensors) {
  py::list out(tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    out[i] = TensorToNumpy(tensors[i]);
  }
  return out;
}

// feeds: a list of (name, numpy array, dtype enum or 0).
std::vector<std::pair<std::string, Tensor>> ToFeeds(const py::list& feeds) {
  std::vector<std::pair<std::string, Tensor>> out;
  out.reserve(feeds.size());
  for (const py::handle& item : feeds) {
    auto t = item.cast<py::tuple>();
    out.emplace_back(
        t[0].cast<std::string>(),
        NumpyToTensor(t[1], static_cast<DataType>(t[2].cast<int>())));
  }
  return out;
}

// TF's make_callable: names resolved once; each call converts only values.
class Callable {
 public:
  Callable(std::shared_ptr<PySession> session, std::vector<std::string> feeds,
           std::vector<int> feed_dtypes, std::vector<std::string> fetches,
           std::vector<std::string> targets)
      : session_(std::move(session)),
        feeds_(std::move(feeds)),
        feed_dtypes_(std::move(feed_dtypes)),
        fetches_(std::move(fetches)),
        targets_(std::move(targets)) {}

  py::list Call(const py::args& values) {
    if (values.size() != feeds_.size()) {
      throw StatusError(
          errors::InvalidArgument("callable expects ", feeds_.size(),
                                  " feed values, got ", values.size()));
    }
    std::vector<std::pair<std::string, Tensor>> feeds;
    feeds.reserve(feeds_.size());
    for (size_t i = 0; i < feeds_.size(); ++i) {
      feeds.emplace_back(
          feeds_[i],
          NumpyToTensor(values[i], static_cast<DataType>(feed_dtypes_[i])));
    }
    return ToNumpyList(session_->Run(std::move(feeds), fetches_, targets_));
  }

 private:
  std::shared_ptr<PySession> session_;
  std::vector<std::string> feeds_;
  std::vector<int> feed_dtypes_;
  std::vector<std::string> fetches_;
  std::vector<std::string> targets_;
};

py::bytes Freeze(PySession& s, const py::bytes& graph_def,
                 const std::vector<std::string>& outputs,
                 const std::optional<std::vector<std::string>>& whitelist,
                 const std::optional<std::vector<std::string>>& blacklist) {
  tensorflow::GraphDef def;
  ParseProto(graph_def, &def, "GraphDef");
  return SerializeProto(ValueOrThrow(ConvertVariablesToConstants(
      s.session(), def, outputs, whitelist, blacklist)));
}

void BindGraphUtil(py::module_& m) {
  m.def("convert_variables_to_constants", &Freeze);
  m.def("extract_sub_graph",
        [](const py::bytes& graph_def, const std::vector<std::string>& dest) {
          tensorflow::GraphDef def;
          ParseProto(graph_def, &def, "GraphDef");
          return SerializeProto(ValueOrThrow(ExtractSubGraph(def, dest)));
        });
  m.def("remove_training_nodes",
        [](const py::bytes& graph_def, const std::vector<std::string>& keep) {
          tensorflow::GraphDef def;
          ParseProto(graph_def, &def, "GraphDef");
          return SerializeProto(ValueOrThrow(RemoveTrainingNodes(def, keep)));
        });
}

}  // namespace

void BindSession(py::module_& m) {
  py::class_<PySession, std::shared_ptr<PySession>>(m, "Session")
      .def(py::init<std::shared_ptr<PyGraph>>())
      .def_property_readonly("graph", &PySession::py_graph)
      .def("sync", &PySession::Sync)
      .def("run",
           [](PySession& s, const py::list& feeds,
              const std::vector<std::string>& fetches,
              const std::vector<std::string>& targets) {
             return ToNumpyList(s.Run(ToFeeds(feeds), fetches, targets));
           })
      .def(
          "graph_def",
          [](PySession& s) { return SerializeProto(s.session()->graph_def()); })
      .def("close", &PySession::Close)
      .def_property_readonly("closed", &PySession::closed);
  py::class_<Callable>(m, "Callable")
      .def(py::init<std::shared_ptr<PySession>, std::vector<std::string>,
                    std::vector<int>, std::vector<std::string>,
                    std::vector<std::string>>())
      .def("__call__", &Callable::Call);
  BindGraphUtil(m);
  m.def("numpy_roundtrip", [](const py::object& value) {
    return TensorToNumpy(NumpyToTensor(value));
  });
}

}  // namespace tfpersist::python
