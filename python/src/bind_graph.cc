// Bindings of graph building: Node, Output, RefVariable, PyGraph (nodes,
// names, scopes, shapes, variables, collections) and the op catalog.
#include <pybind11/stl.h>

#include "bindings.h"
#include "convert.h"
#include "py_graph.h"
#include "tensorflow/core/framework/attr_value.pb.h"
#include "tfpersist/graph/op_catalog.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist::python {
namespace {

using Guard = GraphBuilder::ScopeGuard;

// A scope guard Python closes explicitly (at the end of its `with` block).
struct Scope {
  std::unique_ptr<Guard> guard;
  void Close() { guard.reset(); }
};
constexpr auto kRef = py::return_value_policy::reference;

// An OpInput from (node, index) or a list of those.
OpInput ToOpInput(const py::handle& item) {
  if (py::isinstance<py::list>(item)) {
    std::vector<Output> list;
    for (const py::handle& x : item) list.push_back(x.cast<Output>());
    return OpInput(std::move(list));
  }
  return OpInput(item.cast<Output>());
}

Node* AddNode(PyGraph& g, const std::string& op_type, const std::string& name,
              const py::list& inputs, const py::dict& attrs,
              const std::vector<Node*>& control_inputs) {
  std::vector<OpInput> op_inputs;
  for (const py::handle& item : inputs) op_inputs.push_back(ToOpInput(item));
  AttrList attr_list;
  for (const auto& [key, value] : attrs) {
    tensorflow::AttrValue attr;
    ParseProto(value.cast<py::bytes>(), &attr, "AttrValue");
    attr_list.emplace_back(key.cast<std::string>(), std::move(attr));
  }
  Node* node =
      g.builder().AddNode(op_type, name, op_inputs, attr_list, control_inputs);
  g.CheckBuilder();
  return node;
}

py::object ShapeToPython(const PartialTensorShape& shape) {
  if (shape.unknown_rank()) return py::none();
  return py::cast(shape.dim_sizes());
}

RefVariable MakeVariable(PyGraph& g, const py::object& initial,
                         const std::string& name, bool trainable,
                         bool add_to_collections) {
  RefVariable v;
  if (py::isinstance<Output>(initial)) {
    v = Variable(g.builder(), initial.cast<Output>(), name, trainable);
  } else {
    v = Variable(g.builder(), NumpyToTensor(initial), name, trainable);
  }
  g.CheckBuilder();
  if (add_to_collections) g.collections().AddVariable(v);
  return v;
}

std::vector<py::bytes> VariableDefs(PyGraph& g, const std::string& key) {
  std::vector<py::bytes> out;
  for (const auto& def : ValueOrThrow(g.collections().GetVariableDefs(key))) {
    out.push_back(SerializeProto(def));
  }
  return out;
}

py::bytes Collection(PyGraph& g, const std::string& key) {
  auto it = g.collections().defs().find(key);
  if (it == g.collections().defs().end()) return py::bytes("");
  return SerializeProto(it->second);
}

void BindNode(py::module_& m) {
  py::class_<Node, std::unique_ptr<Node, py::nodelete>>(m, "Node")
      .def_property_readonly("name", &Node::name)
      .def_property_readonly("type", &Node::op)
      .def_property_readonly("device", &Node::device)
      .def_property_readonly("id", &Node::id)
      .def_property_readonly("num_outputs", &Node::num_outputs)
      .def_property_readonly("output_types",
                             [](const Node& n) {
                               std::vector<int> t(n.output_types().begin(),
                                                  n.output_types().end());
                               return t;
                             })
      .def_property_readonly("inputs", [](const Node& n) { return n.inputs(); })
      .def_property_readonly("control_inputs", &Node::control_inputs, kRef)
      .def_property_readonly("consumers", &Node::consumers, kRef)
      .def("node_def", [](const Node& n) { return SerializeProto(n.def()); })
      .def("op_def", [](const Node& n) { return SerializeProto(n.op_def()); });
  py::class_<Output>(m, "Output")
      .def(py::init([](Node* node, int index) {
        return Output{node, index};
      }))
      .def_property_readonly(
          "node", [](const Output& o) { return o.node; }, kRef)
      .def_readonly("index", &Output::index)
      .def_property_readonly("dtype",
                             [](const Output& o) { return int(o.dtype()); });
  py::class_<Scope>(m, "Scope").def("close", &Scope::Close);
}

void BindRefVariable(py::module_& m) {
  py::class_<RefVariable>(m, "RefVariable")
      .def(py::init([](Output variable, Node* initializer, Output snapshot,
                       std::optional<Output> initial_value, bool trainable) {
        RefVariable v;
        v.variable = variable;
        v.initializer = initializer;
        v.snapshot = snapshot;
        v.initial_value = initial_value.value_or(Output());
        v.trainable = trainable;
        return v;
      }))
      .def_readonly("variable", &RefVariable::variable)
      .def_readonly("initializer", &RefVariable::initializer, kRef)
      .def_readonly("snapshot", &RefVariable::snapshot)
      .def_readonly("initial_value", &RefVariable::initial_value)
      .def_readonly("trainable", &RefVariable::trainable)
      .def("variable_def", [](const RefVariable& v) {
        return SerializeProto(ToVariableDef(v));
      });
}

Scope Wrap(Guard guard, PyGraph& g) {
  Scope out{std::make_unique<Guard>(std::move(guard))};
  g.CheckBuilder();
  return out;
}

void BindScopes(py::class_<PyGraph, std::shared_ptr<PyGraph>>& c) {
  c.def("name_scope",
        [](PyGraph& g, const std::string& name) {
          return Wrap(g.builder().NameScope(name), g);
        })
      .def("current_name_scope",
           [](PyGraph& g) { return g.builder().name_scope(); })
      .def("control_dependencies",
           [](PyGraph& g, const std::vector<Node*>& ops) {
             return Wrap(g.builder().ControlDependencies(ops), g);
           })
      .def("clear_control_dependencies",
           [](PyGraph& g) {
             return Wrap(g.builder().ClearControlDependencies(), g);
           })
      .def("device",
           [](PyGraph& g, const std::string& device) {
             return Wrap(g.builder().Device(device), g);
           })
      .def("colocate_with", [](PyGraph& g, Node* op) {
        return Wrap(g.builder().ColocateWith(op), g);
      });
}

using GraphClass = py::class_<PyGraph, std::shared_ptr<PyGraph>>;

// Nodes, names, GraphDef and shapes.
void BindGraphNodes(GraphClass& c) {
  c.def(py::init<>())
      .def("add_node", &AddNode, kRef, py::arg("op_type"), py::arg("name"),
           py::arg("inputs"), py::arg("attrs"), py::arg("control_inputs"))
      .def(
          "find_node",
          [](PyGraph& g, const std::string& name) {
            return g.graph().FindNode(name);
          },
          kRef)
      .def(
          "operation",
          [](PyGraph& g, const std::string& name) {
            return ValueOrThrow(g.graph().operation(name));
          },
          kRef)
      .def("tensor",
           [](PyGraph& g, const std::string& name) {
             return ValueOrThrow(g.graph().tensor(name));
           })
      .def(
          "nodes", [](PyGraph& g) { return g.graph().nodes(); }, kRef)
      .def("num_nodes", [](PyGraph& g) { return g.graph().num_nodes(); })
      .def("unique_name",
           [](PyGraph& g, const std::string& name, bool mark) {
             return g.graph().UniqueName(name, mark);
           })
      .def("graph_def",
           [](PyGraph& g) { return SerializeProto(g.graph().ToGraphDef()); })
      .def("producer",
           [](PyGraph& g) { return g.graph().versions().producer(); })
      .def("output_shape", [](PyGraph& g, const Output& o) {
        return ShapeToPython(g.OutputShape(o));
      });
}

// Variables, constants and collections.
void BindGraphValues(GraphClass& c) {
  c.def("variable", &MakeVariable)
      .def("constant",
           [](PyGraph& g, const py::object& value, int dtype,
              const std::string& name) {
             Output out = Constant(
                 g.builder(),
                 NumpyToTensor(value, static_cast<DataType>(dtype)), name);
             g.CheckBuilder();
             return out;
           })
      .def("add_variable_def",
           [](PyGraph& g, const std::string& key, const RefVariable& v) {
             g.collections().AddVariableDef(key, ToVariableDef(v));
           })
      .def("add_node_name",
           [](PyGraph& g, const std::string& key, const std::string& name) {
             g.collections().AddNodeName(key, name);
           })
      .def("collection_keys",
           [](PyGraph& g) {
             std::vector<std::string> keys;
             for (const auto& [k, v] : g.collections().defs())
               keys.push_back(k);
             return keys;
           })
      .def("collection", &Collection)
      .def("variable_defs", &VariableDefs);
}

}  // namespace

void BindGraph(py::module_& m) {
  BindNode(m);
  BindRefVariable(m);
  GraphClass c(m, "Graph");
  BindGraphNodes(c);
  BindGraphValues(c);
  BindScopes(c);
  m.def("is_variable_collection", [](const std::string& key) {
    return GraphKeys::IsVariableCollection(key);
  });
  m.def("registered_ops", []() { return SerializeProto(RegisteredOpList()); });
}

}  // namespace tfpersist::python
