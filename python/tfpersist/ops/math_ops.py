"""Python operators on Tensors (TF1's math_ops overloads) and the
hand-written math wrappers whose TF signature differs from the OpDef."""
from tfpersist.framework import dtypes
from tfpersist.framework import op_def_lib
from tfpersist.framework import ops

_apply = op_def_lib.apply_op
_convert = op_def_lib.convert_to_tensor


def _binary(op_type, scope_name):
    """TF's binary_op_wrapper: scope `scope_name`, y converted to x's dtype
    (named "<scope>/y"), the op named exactly as the scope."""
    def forward(x, y):
        g = _graph_of(x, y)
        with g.name_scope(scope_name) as scope:
            x = _convert(x)
            y = _convert(y, dtype=x.dtype.base_dtype, name="y")
            return _apply(op_type, name=scope, x=x, y=y)

    def reverse(y, x):
        g = _graph_of(x, y)
        with g.name_scope(scope_name) as scope:
            y = _convert(y)
            x = _convert(x, dtype=y.dtype.base_dtype, name="x")
            return _apply(op_type, name=scope, x=x, y=y)
    return forward, reverse


def _graph_of(*values):
    for v in values:
        if isinstance(v, ops.Tensor):
            return v.graph
        if hasattr(v, "graph") and hasattr(v, "_as_tensor"):
            return v.graph
    return ops.get_default_graph()


def _truediv(x, y, name=None):
    g = _graph_of(x, y)
    with g.name_scope(name or "truediv") as scope:
        x = _convert(x)
        y = _convert(y, dtype=x.dtype.base_dtype, name="y")
        dt = x.dtype.base_dtype
        if dt.is_integer:
            target = dtypes.float64 if dt in (dtypes.int32, dtypes.int64) \
                else dtypes.float32
            x = cast(x, target)
            y = cast(y, target)
        return _apply("RealDiv", name=scope, x=x, y=y)


def _rtruediv(y, x):
    return _truediv(x, y)


def cast(x, dtype, name=None):
    """tf.cast."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    x = _convert(x)
    if x.dtype.base_dtype == dtype:
        return x
    return _apply("Cast", name=name or "Cast", x=x, DstT=dtype)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False,
           adjoint_b=False, a_is_sparse=False, b_is_sparse=False, name=None):
    """tf.matmul (2-D MatMul)."""
    g = _graph_of(a, b)
    with g.name_scope(name or "MatMul") as scope:
        a = _convert(a, name="a")
        b = _convert(b, dtype=a.dtype.base_dtype, name="b")
        return _apply("MatMul", name=scope, a=a, b=b,
                      transpose_a=transpose_a or adjoint_a,
                      transpose_b=transpose_b or adjoint_b)


def _reduction(op_type, default_name):
    def reduce_fn(input_tensor, axis=None, keepdims=None, name=None,
                  reduction_indices=None, keep_dims=None):
        if axis is None:
            axis = reduction_indices
        keep = bool(keepdims if keepdims is not None else keep_dims)
        x = _convert(input_tensor)
        if axis is None:
            ndims = x.shape.ndims
            if ndims is None:
                rank = _apply("Rank", input=x)
                axis = _apply("Range", start=0, limit=rank, delta=1)
            else:
                axis = list(range(ndims))
        return _apply(op_type, name=name or default_name, input=x,
                      reduction_indices=_convert(axis, dtype=dtypes.int32),
                      keep_dims=keep)
    reduce_fn.__name__ = default_name
    return reduce_fn


reduce_sum = _reduction("Sum", "Sum")
reduce_mean = _reduction("Mean", "Mean")
reduce_max = _reduction("Max", "Max")
reduce_min = _reduction("Min", "Min")
reduce_prod = _reduction("Prod", "Prod")


def add_n(inputs, name=None):
    if len(inputs) == 1:
        return _apply("Identity", name=name, input=inputs[0])
    return _apply("AddN", name=name or "AddN", inputs=list(inputs))


def argmax(input, axis=None, name=None, dimension=None,  # noqa: A002
           output_type=dtypes.int64):
    if axis is None:
        axis = dimension if dimension is not None else 0
    return _apply("ArgMax", name=name or "ArgMax", input=input,
                  dimension=_convert(axis, dtype=dtypes.int32),
                  output_type=output_type)


def _install_operators():
    table = [("add", "AddV2", "add"), ("sub", "Sub", "sub"),
             ("mul", "Mul", "mul"), ("matmul", "MatMul", "matmul"),
             ("floordiv", "FloorDiv", "floordiv"),
             ("mod", "FloorMod", "mod"), ("pow", "Pow", "pow"),
             ("and", "LogicalAnd", "and"), ("or", "LogicalOr", "or"),
             ("xor", "LogicalXor", "xor")]
    for py_name, op_type, scope in table:
        if op_type not in op_def_lib._INFOS:
            continue
        if py_name == "matmul":
            fwd = lambda x, y: matmul(x, y, name="matmul")  # noqa: E731
            rev = lambda y, x: matmul(x, y, name="matmul")  # noqa: E731
        else:
            fwd, rev = _binary(op_type, scope)
        setattr(ops.Tensor, "__%s__" % py_name, fwd)
        setattr(ops.Tensor, "__r%s__" % py_name, rev)
    ops.Tensor.__truediv__ = _truediv
    ops.Tensor.__rtruediv__ = _rtruediv
    ops.Tensor.__div__ = _truediv
    unary = [("neg", "Neg"), ("abs", "Abs"), ("invert", "LogicalNot")]
    for py_name, op_type in unary:
        if op_type in op_def_lib._INFOS:
            setattr(ops.Tensor, "__%s__" % py_name,
                    (lambda t: lambda x: _apply(t, x=x))(op_type))
    compare = [("lt", "Less"), ("le", "LessEqual"), ("gt", "Greater"),
               ("ge", "GreaterEqual")]
    for py_name, op_type in compare:
        if op_type in op_def_lib._INFOS:
            setattr(ops.Tensor, "__%s__" % py_name,
                    (lambda t: lambda x, y: _apply(t, x=x, y=y))(op_type))


_install_operators()
