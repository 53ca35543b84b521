"""tf.train.get_or_create_global_step & co."""
from tfpersist import _tfpersist as _c
from tfpersist.framework import ops


def get_or_create_global_step(graph=None):
    graph = graph or ops.get_default_graph()
    ref = _c.get_or_create_global_step(graph._c)
    return graph._variable_by_op_name(ref.variable.node.name)


def create_global_step(graph=None):
    graph = graph or ops.get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError("\"global_step\" already exists.")
    return get_or_create_global_step(graph)


def get_global_step(graph=None):
    graph = graph or ops.get_default_graph()
    items = graph.get_collection(ops.GraphKeys.GLOBAL_STEP)
    if items:
        return items[0]
    try:
        return graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None


def global_step(sess, global_step_tensor):
    return int(sess.run(global_step_tensor))
