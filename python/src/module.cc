// _tfpersist: the C++ half of the `tfpersist` Python package, over the
// public C++ API (include/tfpersist). The TF-compatible Python API
// (tfpersist.compat.v1) is written in Python on top of it.
#include "bindings.h"
#include "convert.h"

PYBIND11_MODULE(_tfpersist, m) {
  m.doc() = "tfpersist C++ core (graphs, sessions, checkpoints)";
  tfpersist::python::RegisterErrorTranslator();
  tfpersist::python::BindGraph(m);
  tfpersist::python::BindSession(m);
  tfpersist::python::BindTrain(m);
  tfpersist::python::BindTools(m);
}
