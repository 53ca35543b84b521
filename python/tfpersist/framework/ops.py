"""tf.Graph, tf.Operation, tf.Tensor and the default-graph machinery.

A Graph wraps the C++ core's graph (tfpersist._tfpersist.Graph): nodes are
added by the C++ GraphBuilder exactly as TF1 Python adds them (names, name
scopes, control dependencies, colocation, attrs, shape checks), so a graph
built here serializes to the bytes TensorFlow writes.
"""
import contextlib
import threading

from tfpersist import _tfpersist as _c
from tfpersist import errors
from tfpersist.framework.graph_keys import GraphKeys  # noqa: F401
from tfpersist.framework.tensor_op import Operation, Tensor


# ---------------------------------------------------------------- Graph

class Graph(object):
    """A TensorFlow graph (tf.Graph)."""

    def __init__(self):
        self._c = _c.Graph()
        self._ops = {}            # name -> Operation
        self._variables = {}      # variable op name -> Variable
        self._py_collections = {}  # collections of other Python objects
        self._finalized = False
        self._lock = threading.RLock()
        self._seed = None

    # -- nodes
    def _op_of(self, node):
        op = self._ops.get(node.name)
        if op is None:
            op = Operation(self, node)
            self._ops[node.name] = op
        return op

    def _variable_by_op_name(self, op_name):
        """The Variable whose VariableV2 op is `op_name` (from the variable
        collections when it was not built here)."""
        v = self._variables.get(op_name)
        if v is not None:
            return v
        for key in self._c.collection_keys():
            if _c.is_variable_collection(key):
                for var in self.get_collection(key):
                    if var.op.name == op_name:
                        return var
        raise KeyError("No variable named %r in the graph" % op_name)

    def _tensor_of(self, output):
        return self._op_of(output.node).outputs[output.index]

    def _add_op(self, op_type, name, inputs, attrs, control_inputs=()):
        """Adds a node through the C++ builder; returns its Operation."""
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        c_inputs = []
        for x in inputs:
            if isinstance(x, (list, tuple)):
                c_inputs.append([t._c_output() for t in x])
            else:
                c_inputs.append(x._c_output())
        try:
            node = self._c.add_node(op_type, name, c_inputs, attrs,
                                    [op._node for op in control_inputs])
        except errors.InvalidArgumentError as e:
            raise ValueError(e.message) from None
        return self._op_of(node)

    def get_operations(self):
        return [self._op_of(n) for n in self._c.nodes()]

    def get_operation_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Operation names are strings (or similar), not "
                            "%s." % type(name).__name__)
        return self.as_graph_element(name, allow_tensor=False,
                                     allow_operation=True)

    def get_tensor_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Tensor names are strings (or similar), not %s." %
                            type(name).__name__)
        return self.as_graph_element(name, allow_tensor=True,
                                     allow_operation=False)

    def as_graph_element(self, obj, allow_tensor=True, allow_operation=True):
        """TF's Graph.as_graph_element, with TF's error messages."""
        if hasattr(obj, "_as_graph_element"):
            obj = obj._as_graph_element()
        types_str = " or ".join(
            (["Tensor"] if allow_tensor else []) +
            (["Operation"] if allow_operation else []))
        if isinstance(obj, str):
            name = obj
            if ":" in name and allow_tensor:
                op_name, out_n = name.split(":", 1)
                try:
                    out_n = int(out_n)
                except ValueError:
                    raise ValueError("The name %s looks a like a Tensor name, "
                                     "but is not a valid one. Tensor names "
                                     "must be of the form "
                                     "\"<op_name>:<output_index>\"." %
                                     repr(name))
                node = self._c.find_node(op_name)
                if node is None:
                    raise KeyError("The name %s refers to a Tensor which does "
                                   "not exist. The operation, %s, does not "
                                   "exist in the graph." %
                                   (repr(name), repr(op_name)))
                op = self._op_of(node)
                if out_n < 0 or out_n >= node.num_outputs:
                    raise KeyError("The name %s refers to a Tensor which does "
                                   "not exist. The operation, %s, exists but "
                                   "only has %s outputs." %
                                   (repr(name), repr(op_name),
                                    node.num_outputs))
                return op.outputs[out_n]
            if ":" in name and not allow_tensor:
                raise ValueError("Name %s appears to refer to a Tensor, not a "
                                 "%s." % (repr(name), types_str))
            if ":" not in name and allow_operation:
                node = self._c.find_node(name)
                if node is None:
                    raise KeyError("The name %s refers to an Operation not in "
                                   "the graph." % repr(name))
                return self._op_of(node)
            if self._c.find_node(name) is not None:
                msg = "The name %s refers to an Operation, not a %s." % (
                    repr(name), types_str)
            else:
                msg = ("The name %s looks like an (invalid) Operation name, "
                       "not a %s." % (repr(name), types_str))
            raise ValueError(msg + " Tensor names must be of the form "
                             "\"<op_name>:<output_index>\".")
        if isinstance(obj, Tensor) and allow_tensor:
            if obj.graph is not self:
                raise ValueError("Tensor %s is not an element of this graph." %
                                 obj)
            return obj
        if isinstance(obj, Operation) and allow_operation:
            if obj.graph is not self:
                raise ValueError("Operation %s is not an element of this "
                                 "graph." % obj)
            return obj
        raise TypeError("Can not convert a %s into a %s." %
                        (type(obj).__name__, types_str))

    def as_graph_def(self, from_version=None, add_shapes=False):
        from tfpersist._proto.tensorflow.core.framework import graph_pb2
        return graph_pb2.GraphDef.FromString(self._c.graph_def())

    @property
    def graph_def_versions(self):
        return self.as_graph_def().versions

    @property
    def version(self):
        return self._c.num_nodes()

    @property
    def finalized(self):
        return self._finalized

    def finalize(self):
        self._finalized = True

    @property
    def seed(self):
        return self._seed

    @seed.setter
    def seed(self, value):
        self._seed = value

    @property
    def building_function(self):
        return False

    def unique_name(self, name, mark_as_used=True):
        return self._c.unique_name(name, mark_as_used)

    def get_name_scope(self):
        return self._c.current_name_scope().rstrip("/")

    def is_feedable(self, tensor):
        return True

    def is_fetchable(self, tensor_or_op):
        return True

    # -- scopes
    @contextlib.contextmanager
    def as_default(self):
        _default_graph_stack.append(self)
        try:
            yield self
        finally:
            _default_graph_stack.pop()

    @contextlib.contextmanager
    def name_scope(self, name):
        if name is None:
            name = ""
        scope = self._c.name_scope(name)
        try:
            yield self._c.current_name_scope()
        finally:
            scope.close()

    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        if control_inputs is None:
            scope = self._c.clear_control_dependencies()
        else:
            nodes = []
            for c in control_inputs:
                if hasattr(c, "_as_graph_element"):
                    c = c._as_graph_element()
                if isinstance(c, Tensor):
                    c = c.op
                if not isinstance(c, Operation):
                    raise TypeError("Control input must be Operation or "
                                    "Tensor: %s" % c)
                nodes.append(c._node)
            scope = self._c.control_dependencies(nodes)
        try:
            yield
        finally:
            scope.close()

    @contextlib.contextmanager
    def device(self, device_name_or_function):
        if callable(device_name_or_function):
            raise NotImplementedError("tf.device with a function")
        scope = self._c.device(device_name_or_function or "")
        try:
            yield
        finally:
            scope.close()

    @contextlib.contextmanager
    def colocate_with(self, op, ignore_existing=False):
        if op is None:
            yield
            return
        if hasattr(op, "_as_graph_element"):
            op = op._as_graph_element()
        if isinstance(op, Tensor):
            op = op.op
        scope = self._c.colocate_with(op._node)
        try:
            yield
        finally:
            scope.close()

    # -- collections
    def add_to_collection(self, name, value):
        from tfpersist.ops import variables
        if isinstance(value, variables.Variable):
            self._c.add_variable_def(name, value._ref)
            self._variables[value.op.name] = value
        elif isinstance(value, (Tensor, Operation)) and \
                not _c.is_variable_collection(name):
            self._c.add_node_name(name, value.name)
        else:
            self._py_collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value):
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection(self, name, scope=None):
        from tfpersist._proto.tensorflow.core.protobuf import meta_graph_pb2
        items = []
        raw = self._c.collection(name)
        if raw:
            cdef = meta_graph_pb2.CollectionDef.FromString(raw)
            if _c.is_variable_collection(name):
                from tfpersist.ops import variables
                for data in cdef.bytes_list.value:
                    items.append(variables.Variable._from_def_bytes(self,
                                                                    data))
            elif cdef.HasField("node_list"):
                for n in cdef.node_list.value:
                    items.append(self.as_graph_element(n))
            elif cdef.HasField("int64_list"):
                items.extend(cdef.int64_list.value)
            elif cdef.HasField("float_list"):
                items.extend(cdef.float_list.value)
            elif cdef.HasField("bytes_list"):
                items.extend(cdef.bytes_list.value)
        items.extend(self._py_collections.get(name, []))
        if scope is None:
            return items
        import re
        pattern = re.compile(scope)
        return [i for i in items
                if hasattr(i, "name") and pattern.match(i.name)]

    def get_collection_ref(self, name):
        return self._py_collections.setdefault(name, [])

    def get_all_collection_keys(self):
        keys = set(self._c.collection_keys()) | set(self._py_collections)
        return sorted(keys)

    def clear_collection(self, name):
        self._py_collections.pop(name, None)


# ---------------------------------------------------------------- defaults

_default_graph_stack = []
_global_default_graph = [None]


def get_default_graph():
    if _default_graph_stack:
        return _default_graph_stack[-1]
    if _global_default_graph[0] is None:
        _global_default_graph[0] = Graph()
    return _global_default_graph[0]


def reset_default_graph():
    if _default_graph_stack:
        raise AssertionError("Do not use tf.reset_default_graph() to clear "
                             "nested graphs. If you need a cleared graph, "
                             "exit the nesting and create a new graph.")
    _global_default_graph[0] = Graph()


def name_scope(name, default_name=None, values=None):
    if name is None:
        name = default_name
    if values:
        for v in values:
            if isinstance(v, Tensor):
                return v.graph.name_scope(name)
    return get_default_graph().name_scope(name)


def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)


def device(device_name_or_function):
    return get_default_graph().device(device_name_or_function)


def colocate_with(op, ignore_existing=False):
    return get_default_graph().colocate_with(op, ignore_existing)


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key):
    return get_default_graph().get_collection_ref(key)
