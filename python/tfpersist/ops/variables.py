"""tf.Variable (TF1 reference variables: VariableV2 + Assign + read) and the
variable collections' helpers."""
from tfpersist import _tfpersist as _c
from tfpersist.framework import dtypes
from tfpersist.framework import op_def_lib
from tfpersist.framework import ops
from tfpersist.framework import tensor_util


class Variable(object):
    """A TF1 tf.Variable (RefVariable), built by the C++ core exactly as TF
    builds it: `v/initial_value`, `v` (VariableV2), `v/Assign`, `v/read`."""

    def __init__(self, initial_value=None, trainable=None, collections=None,
                 validate_shape=True, caching_device=None, name=None,
                 variable_def=None, dtype=None, expected_shape=None,
                 import_scope=None, constraint=None, use_resource=None,
                 synchronization=None, aggregation=None, shape=None):
        if variable_def is not None:
            self._init_from_def(ops.get_default_graph(), variable_def)
            return
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        if use_resource:
            raise NotImplementedError("tf.Variable(use_resource=True)")
        trainable = True if trainable is None else trainable
        graph = ops.get_default_graph()
        if callable(initial_value):
            initial_value = initial_value()
        if hasattr(initial_value, "_as_tensor") or isinstance(
                initial_value, ops.Tensor):
            init = op_def_lib.convert_to_tensor(initial_value, dtype=dtype)
            c_init = init._c_output()
        else:
            c_init = tensor_util.to_numpy(initial_value, dtype)
        default_collections = collections is None
        ref = graph._c.variable(c_init, name or "Variable", trainable,
                                default_collections)
        self._setup(graph, ref)
        if not default_collections:
            for key in set(collections):
                graph.add_to_collection(key, self)
        graph._variables[self.op.name] = self

    def _init_from_def(self, graph, variable_def):
        """From a VariableDef proto of an imported graph."""
        def tensor(name):
            return graph.get_tensor_by_name(name)
        v = tensor(variable_def.variable_name)
        snapshot = tensor(variable_def.snapshot_name)
        init = graph.get_operation_by_name(variable_def.initializer_name)
        initial = (tensor(variable_def.initial_value_name)
                   if variable_def.initial_value_name else None)
        ref = _c.RefVariable(v._c_output(), init._node,
                             snapshot._c_output(),
                             initial._c_output() if initial is not None else None,
                             variable_def.trainable)
        self._setup(graph, ref)

    @classmethod
    def _from_def_bytes(cls, graph, data):
        from tfpersist._proto.tensorflow.core.framework import variable_pb2
        var_def = variable_pb2.VariableDef.FromString(data)
        name = var_def.variable_name.split(":")[0]
        existing = graph._variables.get(name)
        if existing is not None:
            return existing
        v = cls.__new__(cls)
        v._init_from_def(graph, var_def)
        graph._variables[name] = v
        return v

    def _setup(self, graph, ref):
        self._graph = graph
        self._ref = ref
        self._variable = graph._tensor_of(ref.variable)
        self._snapshot = graph._tensor_of(ref.snapshot)
        self._initializer_op = graph._op_of(ref.initializer)
        self._initial_value = (graph._tensor_of(ref.initial_value)
                               if ref.initial_value.node is not None else None)
        self._trainable = ref.trainable

    # -- TF's properties
    @property
    def name(self):
        return self._variable.name

    @property
    def op(self):
        return self._variable.op

    @property
    def graph(self):
        return self._graph

    @property
    def dtype(self):
        return self._variable.dtype

    @property
    def shape(self):
        return self._variable.shape

    def get_shape(self):
        return self.shape

    @property
    def device(self):
        return self._variable.device

    @property
    def initializer(self):
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    @property
    def trainable(self):
        return self._trainable

    def value(self):
        return self._snapshot

    def read_value(self):
        return op_def_lib.apply_op("Identity", name="read",
                                   input=self._variable)

    def initialized_value(self):
        return self._snapshot

    def _as_tensor(self, as_ref=False):
        return self._variable if as_ref else self._snapshot

    def _as_graph_element(self):
        return self._variable

    def eval(self, session=None):
        return self._variable.eval(session=session)

    def load(self, value, session=None):
        from tfpersist.client import session as session_lib
        session_lib._run_using(session, self._initializer_op,
                               {self._initial_value: value}, self._graph)

    def assign(self, value, use_locking=False, name=None, read_value=True):
        return op_def_lib.apply_op("Assign", name=name, ref=self._variable,
                                   value=value, use_locking=use_locking)

    def assign_add(self, delta, use_locking=False, name=None,
                   read_value=True):
        return op_def_lib.apply_op("AssignAdd", name=name, ref=self._variable,
                                   value=delta, use_locking=use_locking)

    def assign_sub(self, delta, use_locking=False, name=None,
                   read_value=True):
        return op_def_lib.apply_op("AssignSub", name=name, ref=self._variable,
                                   value=delta, use_locking=use_locking)

    def to_proto(self, export_scope=None):
        from tfpersist._proto.tensorflow.core.framework import variable_pb2
        return variable_pb2.VariableDef.FromString(self._ref.variable_def())

    @staticmethod
    def from_proto(variable_def, import_scope=None):
        return Variable(variable_def=variable_def)

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s>" % (
            self.name, self.shape, self.dtype.name)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other


def _forward_operators():
    """Operators on a Variable act on its value (v/read), as in TF."""
    names = ["add", "sub", "mul", "matmul", "truediv", "div", "floordiv",
             "mod", "pow", "and", "or", "xor"]
    for n in names:
        for prefix in ("__", "__r"):
            attr = "%s%s__" % (prefix, n)
            if hasattr(ops.Tensor, attr):
                setattr(Variable, attr, (lambda a: lambda self, other: getattr(
                    self._snapshot, a)(other))(attr))
    for n in ("neg", "abs", "invert", "lt", "le", "gt", "ge"):
        attr = "__%s__" % n
        if hasattr(ops.Tensor, attr):
            setattr(Variable, attr, (lambda a: lambda self, *o: getattr(
                self._snapshot, a)(*o))(attr))


def global_variables(scope=None):
    return ops.get_collection(ops.GraphKeys.GLOBAL_VARIABLES, scope)


def all_variables():
    return global_variables()


def trainable_variables(scope=None):
    return ops.get_collection(ops.GraphKeys.TRAINABLE_VARIABLES, scope)


def local_variables(scope=None):
    return ops.get_collection(ops.GraphKeys.LOCAL_VARIABLES, scope)


def moving_average_variables(scope=None):
    return ops.get_collection(ops.GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


def variables_initializer(var_list, name="init"):
    """tf.variables_initializer: a NoOp grouping the initializers."""
    from tfpersist.ops import array_ops
    if var_list:
        return array_ops.group(*[v.initializer for v in var_list], name=name)
    return array_ops.no_op(name=name)


def global_variables_initializer():
    return variables_initializer(global_variables())


def local_variables_initializer():
    return variables_initializer(local_variables(), name="init")


def is_variable_initialized(variable):
    return op_def_lib.apply_op("IsVariableInitialized",
                               ref=variable._variable)


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    return op_def_lib.apply_op("Assign", name=name, ref=ref, value=value,
                               validate_shape=validate_shape,
                               use_locking=use_locking)


def assign_add(ref, value, use_locking=None, name=None):
    return op_def_lib.apply_op("AssignAdd", name=name, ref=ref, value=value,
                               use_locking=use_locking)


def assign_sub(ref, value, use_locking=None, name=None):
    return op_def_lib.apply_op("AssignSub", name=name, ref=ref, value=value,
                               use_locking=use_locking)


_forward_operators()
