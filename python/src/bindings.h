// The pieces of the _tfpersist extension module, one per binding file.
#ifndef TFPERSIST_PYTHON_SRC_BINDINGS_H_
#define TFPERSIST_PYTHON_SRC_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace tfpersist::python {

void BindGraph(pybind11::module_& m);    // bind_graph.cc
void BindSession(pybind11::module_& m);  // bind_session.cc
void BindTrain(pybind11::module_& m);    // bind_train.cc
void BindTools(pybind11::module_& m);    // bind_tools.cc

}  // namespace tfpersist::python

#endif  // TFPERSIST_PYTHON_SRC_BINDINGS_H_
