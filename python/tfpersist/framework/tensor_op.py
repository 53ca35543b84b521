"""tf.Operation and tf.Tensor (graph mode): thin views of the C++ graph's
nodes; each Graph caches one Operation per node."""
from tfpersist import _tfpersist as _c
from tfpersist.framework import dtypes
from tfpersist.framework import tensor_shape


class Operation(object):
    """A node of a Graph (tf.Operation)."""

    def __init__(self, graph, node):
        self._graph = graph
        self._node = node
        self._name = node.name
        self._outputs = None

    @property
    def name(self):
        return self._name

    @property
    def type(self):
        return self._node.type

    @property
    def graph(self):
        return self._graph

    @property
    def device(self):
        return self._node.device

    @property
    def outputs(self):
        if self._outputs is None:
            types = self._node.output_types
            self._outputs = [Tensor(self, i, dtypes.as_dtype(t))
                             for i, t in enumerate(types)]
        return list(self._outputs)

    def values(self):
        return tuple(self.outputs)

    @property
    def inputs(self):
        return [self._graph._tensor_of(o) for o in self._node.inputs]

    @property
    def control_inputs(self):
        return [self._graph._op_of(n) for n in self._node.control_inputs]

    @property
    def node_def(self):
        from tfpersist._proto.tensorflow.core.framework import node_def_pb2
        return node_def_pb2.NodeDef.FromString(self._node.node_def())

    @property
    def op_def(self):
        from tfpersist._proto.tensorflow.core.framework import op_def_pb2
        return op_def_pb2.OpDef.FromString(self._node.op_def())

    def get_attr(self, name):
        from tfpersist.framework import attr_value
        node_def = self.node_def
        if name not in node_def.attr:
            raise ValueError("Operation %r has no attr named '%s'." %
                             (self._name, name))
        return attr_value.from_attr_value(node_def.attr[name])

    def run(self, feed_dict=None, session=None):
        from tfpersist.client import session as session_lib
        session_lib._run_using(session, self, feed_dict, self._graph)

    def _c_output(self, index):
        return _c.Output(self._node, index)

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self._name, self.type)

    def __str__(self):
        return str(self.node_def)


class Tensor(object):
    """One output of an Operation (tf.Tensor, graph mode)."""

    __array_priority__ = 100

    def __init__(self, op, value_index, dtype):
        self._op = op
        self._value_index = value_index
        self._dtype = dtype
        self._name = "%s:%d" % (op.name, value_index)
        self._shape = None
        self._c_out = None

    @property
    def op(self):
        return self._op

    @property
    def value_index(self):
        return self._value_index

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    @property
    def graph(self):
        return self._op.graph

    @property
    def device(self):
        return self._op.device

    @property
    def shape(self):
        if self._shape is None:
            dims = self.graph._c.output_shape(self._c_output())
            self._shape = tensor_shape.TensorShape(dims)
        return self._shape

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        self._shape = self.shape.merge_with(shape)

    def consumers(self):
        out = []
        for node in self._op._node.consumers:
            if any(i.node.name == self._op.name and i.index ==
                   self._value_index for i in node.inputs):
                out.append(self.graph._op_of(node))
        return out

    def eval(self, feed_dict=None, session=None):
        from tfpersist.client import session as session_lib
        return session_lib._run_using(session, self, feed_dict, self.graph)

    def _c_output(self):
        if self._c_out is None:
            self._c_out = _c.Output(self._op._node, self._value_index)
        return self._c_out

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (
            self._name, self.shape, self._dtype.name)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __bool__(self):
        raise TypeError("Using a `tf.Tensor` as a Python `bool` is not "
                        "allowed. Use `if t is not None:` instead of `if t:` "
                        "to test if a tensor is defined.")

    def __iter__(self):
        raise TypeError("Tensor objects are only iterable when eager "
                        "execution is enabled.")

    def __getitem__(self, slice_spec):
        raise NotImplementedError(
            "tfpersist.compat.v1.Tensor.__getitem__ (strided slicing) is not "
            "implemented by tfpersist; use tf.raw_ops.StridedSlice or "
            "tf.slice-style ops")
