"""Op wrappers generated from the C++ op registry's OpDefs.

Every registered op gets a function (TF's generated `gen_*_ops` style):
positional inputs in OpDef order, then the attrs that cannot be inferred
from the inputs (with the OpDef defaults), then `name`. A kernel added to
the C++ registry therefore appears in Python with no hand-written wrapper.
Names: tf.raw_ops.<OpName> (keyword arguments only, as in TF) and the
snake_case name (MatMul -> mat_mul), TF's python_op_gen rule.
"""
import keyword

from tfpersist import _tfpersist as _c
from tfpersist.framework import attr_value
from tfpersist.framework import dtypes
from tfpersist.framework import ops
from tfpersist.framework import tensor_util


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None,
                      as_ref=False):
    """tf.convert_to_tensor (graph mode): Tensors pass through, variables
    give their snapshot (or the ref with as_ref), other values become a
    Const."""
    if hasattr(value, "_as_tensor"):
        value = value._as_tensor(as_ref)
    if isinstance(value, ops.Tensor):
        if dtype is not None and not dtypes.as_dtype(dtype) \
                .is_compatible_with(value.dtype.base_dtype):
            raise ValueError("Tensor conversion requested dtype %s for Tensor "
                             "with dtype %s: %r" %
                             (dtypes.as_dtype(dtype).name, value.dtype.name,
                              value))
        return value
    if isinstance(value, ops.Operation):
        raise TypeError("Can't convert Operation '%s' to Tensor (target "
                        "dtype=%s, name=%s, as_ref=%s)" %
                        (value.name, dtype, name, as_ref))
    if dtype is None and preferred_dtype is not None:
        try:
            arr = tensor_util.to_numpy(value, preferred_dtype)
        except (TypeError, ValueError):
            arr = tensor_util.to_numpy(value)
    else:
        arr = tensor_util.to_numpy(value, dtype)
    return constant(arr, name=name or "Const")


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    """tf.constant: a Const node (value encoded as make_tensor_proto)."""
    import numpy as np
    arr = tensor_util.to_numpy(value, dtype)
    if shape is not None:
        shape = list(shape)
        if arr.size == 1 and list(arr.shape) != shape:
            arr = np.broadcast_to(arr.reshape(()), shape)
        elif list(arr.shape) != shape:
            n = int(np.prod(shape)) if shape else 1
            if arr.size != n:
                raise TypeError("Expected Tensor's shape: %s, got %s." %
                                (tuple(shape), arr.shape))
            arr = arr.reshape(shape)
    dt = dtypes.as_dtype(dtype).base_dtype if dtype is not None else \
        dtypes.as_dtype(arr.dtype)
    if dt != dtypes.string and not arr.flags.c_contiguous:
        arr = arr.copy(order="C")
    g = ops.get_default_graph()
    out = g._c.constant(arr, dt.as_datatype_enum, name or "Const")
    return g._tensor_of(out)


def snake_case(name):
    """TF's python_op_gen name: MatMul -> mat_mul, Conv2D -> conv2d."""
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i > 0:
            prev = name[i - 1]
            nxt = name[i + 1] if i + 1 < len(name) else ""
            if prev.islower() or (prev.isupper() and nxt.islower()) or \
                    (prev.isdigit() and nxt.islower()):
                out.append("_")
        out.append(c.lower())
    result = "".join(out)
    return result + "_" if keyword.iskeyword(result) else result


class _OpInfo(object):
    """What a wrapper needs from one OpDef, computed once."""

    def __init__(self, op_def):
        self.op_def = op_def
        self.attr_types = {a.name: a.type for a in op_def.attr}
        self.attr_defs = {a.name: a for a in op_def.attr}
        inferred = set()
        for arg in op_def.input_arg:
            for field in ("type_attr", "number_attr", "type_list_attr"):
                if getattr(arg, field):
                    inferred.add(getattr(arg, field))
        self.inferred = inferred
        self.input_names = [a.name for a in op_def.input_arg]
        self.attr_params = [a.name for a in op_def.attr
                            if a.name not in inferred]


def _default_dtype(info, type_attr):
    a = info.attr_defs.get(type_attr)
    if a is not None and a.HasField("default_value"):
        return dtypes.as_dtype(a.default_value.type)
    return None


def _convert_input(info, arg, value, bound):
    """Tensor(s) for input `arg`, binding its type attrs in `bound`."""
    as_ref = arg.is_ref
    if arg.number_attr or arg.type_list_attr:
        if not isinstance(value, (list, tuple)):
            raise TypeError("Expected list for '%s' argument to '%s' Op, not "
                            "%s." % (arg.name, info.op_def.name, value))
        dtype = bound.get(arg.type_attr) if arg.type_attr else None
        if dtype is None and arg.type_attr:
            for v in value:
                if isinstance(v, ops.Tensor) or hasattr(v, "_as_tensor"):
                    dtype = convert_to_tensor(v).dtype.base_dtype
                    break
        tensors = [convert_to_tensor(v, dtype=dtype, as_ref=as_ref)
                   for v in value]
        if arg.type_attr and tensors:
            bound.setdefault(arg.type_attr, tensors[0].dtype.base_dtype)
        return tensors
    if arg.type:
        dtype = dtypes.as_dtype(arg.type)
    else:
        dtype = bound.get(arg.type_attr)
    pref = None if dtype is not None else _default_dtype(info, arg.type_attr)
    t = convert_to_tensor(value, dtype=dtype, name=arg.name, as_ref=as_ref,
                          preferred_dtype=pref)
    if arg.type_attr:
        bound.setdefault(arg.type_attr, t.dtype.base_dtype)
    return t


def apply_op(op_type, name=None, **kwargs):
    """Adds an `op_type` node with inputs/attrs from kwargs; returns its
    output(s) (a Tensor, a list for list outputs, a tuple for several
    outputs) or the Operation when it has none."""
    info = _INFOS[op_type]
    g = ops.get_default_graph()
    bound = {}
    for k in info.attr_params:
        if kwargs.get(k) is not None and info.attr_types[k] == "type":
            bound[k] = dtypes.as_dtype(kwargs[k])
    # Tensors first, so Python values take the dtype of their partners.
    order = sorted(info.op_def.input_arg, key=lambda a: not isinstance(
        kwargs.get(a.name), ops.Tensor) and not hasattr(
            kwargs.get(a.name), "_as_tensor"))
    converted = {}
    # As TF's _apply_op_helper: Consts made for Python inputs are named
    # "<scope>/<arg>"; the op gets exactly the scope's name.
    with g.name_scope(name or op_type) as scope:
        for arg in order:
            if arg.name not in kwargs:
                raise TypeError("%s() missing required argument '%s'" %
                                (op_type, arg.name))
            converted[arg.name] = _convert_input(info, arg, kwargs[arg.name],
                                                 bound)
        inputs = [converted[n] for n in info.input_names]
        attrs = {}
        for k in info.attr_params:
            v = kwargs.get(k)
            if v is None:
                continue
            attrs[k] = attr_value.to_attr_value(
                info.attr_types[k], v, op_type, k).SerializeToString()
        op = g._add_op(op_type, scope, inputs, attrs)
    return _outputs(info, op)


def _outputs(info, op):
    outs = op.outputs
    if not outs:
        return op
    args = info.op_def.output_arg
    if len(args) == 1 and not (args[0].number_attr or
                               args[0].type_list_attr):
        return outs[0]
    result, i = [], 0
    node_def = None
    for arg in args:
        if arg.number_attr or arg.type_list_attr:
            if node_def is None:
                node_def = op.node_def
            if arg.number_attr:
                n = node_def.attr[arg.number_attr].i
            else:
                n = len(node_def.attr[arg.type_list_attr].list.type)
            result.append(outs[i:i + n])
            i += n
        else:
            result.append(outs[i])
            i += 1
    return result[0] if len(args) == 1 else tuple(result)


def _make_wrapper(info, raw):
    op_type = info.op_def.name
    params = info.input_names + info.attr_params

    def wrapper(*args, **kwargs):
        if raw and args:
            raise TypeError("raw_ops.%s only takes keyword arguments" %
                            op_type)
        name = kwargs.pop("name", None)
        if len(args) > len(params):
            raise TypeError("%s() takes at most %d arguments (%d given)" %
                            (op_type, len(params), len(args)))
        for p, a in zip(params, args):
            if p in kwargs:
                raise TypeError("%s() got multiple values for argument '%s'" %
                                (op_type, p))
            kwargs[p] = a
        unknown = set(kwargs) - set(params)
        if unknown:
            raise TypeError("%s() got an unexpected keyword argument '%s'" %
                            (op_type, sorted(unknown)[0]))
        return apply_op(op_type, name=name, **kwargs)

    wrapper.__name__ = op_type if raw else snake_case(op_type)
    wrapper.__doc__ = "%s(%s, name=None): the %s op (from the registry)." % (
        wrapper.__name__, ", ".join(params), op_type)
    return wrapper


def _load():
    from tfpersist._proto.tensorflow.core.framework import op_def_pb2
    op_list = op_def_pb2.OpList.FromString(_c.registered_ops())
    return {op.name: _OpInfo(op) for op in op_list.op}


_INFOS = _load()


def registered_op_names():
    return sorted(_INFOS)


def generated_wrappers(raw=False):
    """{name: function} for every registered op: snake_case names, or the
    OpDef names for tf.raw_ops."""
    out = {}
    for op_type, info in _INFOS.items():
        key = op_type if raw else snake_case(op_type)
        out[key] = _make_wrapper(info, raw)
    return out
