"""tf.import_graph_def over the C++ ImportGraphDef."""
from tfpersist import _tfpersist as _c
from tfpersist.framework import ops


def import_graph_def(graph_def, input_map=None, return_elements=None,
                     name=None, op_dict=None, producer_op_list=None):
    """Imports graph_def into the default graph under `name` ("import" by
    default); returns the requested Tensors/Operations (or None)."""
    graph = ops.get_default_graph()
    if not hasattr(graph_def, "SerializeToString"):
        raise TypeError("graph_def must be a GraphDef proto.")
    tensors, controls = {}, {}
    for key, value in (input_map or {}).items():
        if not isinstance(key, str):
            raise TypeError("input_map keys must be strings, got %r" % (key,))
        if key.startswith("^"):
            if isinstance(value, ops.Tensor):
                value = value.op
            controls[key[1:]] = value._node
        else:
            if hasattr(value, "_as_tensor"):
                value = value._as_tensor()
            if not isinstance(value, ops.Tensor):
                raise TypeError("input_map values must be Tensors, got %r" %
                                (value,))
            tensors[key] = value._c_output()
    returns = list(return_elements) if return_elements is not None else []
    for r in returns:
        if not isinstance(r, str):
            raise TypeError("return_elements must be a list of strings.")
    _, elements = _c.import_graph_def(
        graph._c, graph_def.SerializeToString(), tensors, controls, returns,
        name,
        None if producer_op_list is None else
        producer_op_list.SerializeToString())
    if return_elements is None:
        return None
    out = []
    for node, output in elements:
        if output is not None:
            out.append(graph._tensor_of(output))
        else:
            out.append(graph._op_of(node))
    return out
