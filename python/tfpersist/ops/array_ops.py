"""Hand-written array/control wrappers whose TF signature or default name
differs from the OpDef (placeholder, group, concat, stack, ...)."""
import numpy as np

from tfpersist.framework import dtypes
from tfpersist.framework import op_def_lib
from tfpersist.framework import ops
from tfpersist.framework import tensor_shape

_apply = op_def_lib.apply_op
_convert = op_def_lib.convert_to_tensor


def placeholder(dtype, shape=None, name=None):
    """tf.placeholder: shape None means unknown rank."""
    return _apply("Placeholder", name=name, dtype=dtypes.as_dtype(dtype),
                  shape=tensor_shape.TensorShape(shape))


def placeholder_with_default(input, shape, name=None):  # noqa: A002
    return _apply("PlaceholderWithDefault", name=name, input=input,
                  shape=tensor_shape.TensorShape(shape))


def identity(input, name=None):  # noqa: A002
    if hasattr(input, "_as_tensor"):
        input = input._as_tensor()
    return _apply("Identity", name=name, input=input)


def no_op(name=None):
    return _apply("NoOp", name=name)


def group(*inputs, **kwargs):
    """tf.group: a NoOp with control inputs on `inputs`."""
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError("Unknown keyword arguments: " + ", ".join(kwargs))
    deps = []
    for x in inputs:
        if isinstance(x, (list, tuple)):
            deps.extend(x)
        elif x is not None:
            deps.append(x)
    g = ops.get_default_graph()
    with g.control_dependencies(deps):
        return no_op(name=name or "group_deps")


def tuple_(tensors, name=None, control_inputs=None):
    raise NotImplementedError("tf.tuple")


def concat(values, axis, name="concat"):
    if len(values) == 1:
        with ops.name_scope(name) as scope:
            return identity(values[0], name=scope)
    return _apply("ConcatV2", name=name, values=list(values), axis=axis)


def stack(values, axis=0, name="stack"):
    return _apply("Pack", name=name, values=list(values), axis=axis)


def unstack(value, num=None, axis=0, name="unstack"):
    value = _convert(value)
    if num is None:
        num = value.shape[axis].value
    return _apply("Unpack", name=name, value=value, num=num, axis=axis)


def transpose(a, perm=None, name="transpose", conjugate=False):
    a = _convert(a)
    if perm is None:
        rank = a.shape.ndims
        perm = list(range(rank - 1, -1, -1))
    return _apply("Transpose", name=name, x=a, perm=perm)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    if axis is None:
        axis = squeeze_dims
    if isinstance(axis, int):
        axis = [axis]
    return _apply("Squeeze", name=name, input=input,
                  squeeze_dims=list(axis or []))


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    if axis is None:
        axis = dim
    return _apply("ExpandDims", name=name, input=input, dim=axis)


def zeros(shape, dtype=dtypes.float32, name=None):
    dtype = dtypes.as_dtype(dtype)
    return op_def_lib.constant(np.zeros(shape, dtype.as_numpy_dtype),
                               dtype=dtype, name=name or "zeros")


def ones(shape, dtype=dtypes.float32, name=None):
    dtype = dtypes.as_dtype(dtype)
    return op_def_lib.constant(np.ones(shape, dtype.as_numpy_dtype),
                               dtype=dtype, name=name or "ones")


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    t = _convert(tensor)
    if dtype is not None and dtypes.as_dtype(dtype) != t.dtype.base_dtype:
        raise NotImplementedError("tf.zeros_like with another dtype")
    return _apply("ZerosLike", name=name or "zeros_like", x=t)


def ones_like(tensor, dtype=None, name=None, optimize=True):
    t = _convert(tensor)
    with ops.name_scope(name or "ones_like") as scope:
        shape = _apply("Shape", input=t)
        one = op_def_lib.constant(1, dtype=dtype or t.dtype.base_dtype,
                                  name="ones")
        return _apply("Fill", name=scope, dims=shape, value=one)


def fill(dims, value, name=None):
    return _apply("Fill", name=name, dims=dims, value=value)


def shape(input, name=None, out_type=dtypes.int32):  # noqa: A002
    return _apply("Shape", name=name, input=input, out_type=out_type)


def size(input, name=None, out_type=dtypes.int32):  # noqa: A002
    return _apply("Size", name=name, input=input, out_type=out_type)


def rank(input, name=None):  # noqa: A002
    return _apply("Rank", name=name, input=input)
