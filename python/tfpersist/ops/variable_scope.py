"""tf.get_variable basics, tf.variable_scope and the initializers it
takes (built as TF 1.15's get_variable builds them: `v/Initializer/...`
colocated with `v`, then `v`, `v/Assign`, `v/read`)."""
import contextlib

import numpy as np

from tfpersist import _tfpersist as _c
from tfpersist.framework import attr_value
from tfpersist.framework import dtypes
from tfpersist.framework import op_def_lib
from tfpersist.framework import ops
from tfpersist.framework import tensor_shape
from tfpersist.ops import variables

AUTO_REUSE = "AUTO_REUSE"
_scope_stack = []  # (prefix, reuse)


class zeros_initializer(object):  # noqa: N801 (TF's names)
    _name = "zeros"

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtypes.as_dtype(dtype or self.dtype)
        return op_def_lib.constant(self._value(shape, dtype), dtype=dtype,
                                   name=self._name)

    def _value(self, shape, dtype):
        return np.zeros(shape, dtype.as_numpy_dtype)


class ones_initializer(zeros_initializer):  # noqa: N801
    _name = "ones"

    def _value(self, shape, dtype):
        return np.ones(shape, dtype.as_numpy_dtype)


class constant_initializer(zeros_initializer):  # noqa: N801
    _name = "Const"

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        super().__init__(dtype)
        self.value = value

    def _value(self, shape, dtype):
        v = np.asarray(self.value, dtype.as_numpy_dtype)
        return np.broadcast_to(v, shape) if v.size == 1 else v.reshape(shape)


def _prefix():
    return _scope_stack[-1][0] if _scope_stack else ""


def _reuse():
    return _scope_stack[-1][1] if _scope_stack else None


@contextlib.contextmanager
def variable_scope(name_or_scope, default_name=None, values=None,
                   initializer=None, reuse=None, **kwargs):
    """A minimal tf.variable_scope: a name scope plus a get_variable prefix
    and reuse flag."""
    name = name_or_scope or default_name
    prefix = _prefix() + name + "/"
    if reuse is None:
        reuse = _reuse()
    g = ops.get_default_graph()
    _scope_stack.append((prefix, reuse))
    try:
        with g.name_scope(name) as scope:
            yield scope
    finally:
        _scope_stack.pop()


def get_variable(name, shape=None, dtype=None, initializer=None,
                 regularizer=None, trainable=None, collections=None,
                 caching_device=None, partitioner=None, validate_shape=True,
                 use_resource=None, custom_getter=None, constraint=None,
                 **kwargs):
    """tf.get_variable (no partitioners, no resource variables)."""
    if partitioner is not None or use_resource or custom_getter is not None:
        raise NotImplementedError(
            "tf.get_variable(partitioner/use_resource/custom_getter)")
    g = ops.get_default_graph()
    full = _prefix() + name
    existing = g._variables.get(full)
    reuse = _reuse()
    if existing is not None:
        if reuse:
            return existing
        raise ValueError("Variable %s already exists, disallowed. Did you "
                         "mean to set reuse=True or reuse=tf.AUTO_REUSE in "
                         "VarScope?" % full)
    if reuse is True:
        raise ValueError("Variable %s does not exist, or was not created "
                         "with tf.get_variable(). Did you mean to set "
                         "reuse=tf.AUTO_REUSE in VarScope?" % full)
    dtype = dtypes.as_dtype(dtype or dtypes.float32)
    trainable = True if trainable is None else trainable
    if initializer is None:
        from tfpersist.ops import random_ops
        initializer = random_ops.glorot_uniform_initializer()
    return _build(g, full, shape, dtype, initializer, trainable, collections)


def _build(g, full, shape, dtype, initializer, trainable, collections):
    loc = attr_value.to_attr_value("list(string)", ["loc:@" + full])
    c = g._c
    no_deps = c.clear_control_dependencies()
    root = c.name_scope("")
    try:
        with g.name_scope(full + "/") as scope:
            with g.name_scope("Initializer"):
                if callable(initializer):
                    init = initializer(shape, dtype=dtype)
                else:
                    init = op_def_lib.constant(initializer, dtype=dtype)
                init = op_def_lib.convert_to_tensor(init)
            _set_colocation(init, loc)
            shape = tensor_shape.as_shape(
                shape if shape is not None else init.shape)
            var = g._add_op("VariableV2", scope, [], {
                "shape": attr_value.to_attr_value("shape", shape)
                .SerializeToString(),
                "dtype": attr_value.to_attr_value("type", dtype)
                .SerializeToString(),
                "container": b"\x12\x00", "shared_name": b"\x12\x00"})
            v_out = var.outputs[0]
            assign = op_def_lib.apply_op("Assign", name="Assign", ref=v_out,
                                         value=init)
            with g.colocate_with(var):
                read = op_def_lib.apply_op("Identity", name="read",
                                           input=v_out)
    finally:
        root.close()
        no_deps.close()
    ref = _c.RefVariable(v_out._c_output(), assign.op._node,
                         read._c_output(), init._c_output(), trainable)
    v = variables.Variable.__new__(variables.Variable)
    v._setup(g, ref)
    g._variables[full] = v
    keys = collections if collections is not None else (
        [ops.GraphKeys.GLOBAL_VARIABLES] +
        ([ops.GraphKeys.TRAINABLE_VARIABLES] if trainable else []))
    for key in keys:
        g.add_to_collection(key, v)
    return v


def _set_colocation(tensor, loc):
    """TF gives the initializer ops `_class: loc:@<var>`; the C++ builder
    offers no pending-colocation scope for a node that does not exist yet,
    so they are left without it (documented in docs/python.md)."""
    del tensor, loc
