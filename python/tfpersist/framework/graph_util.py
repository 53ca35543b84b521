"""tf.graph_util: freezing and pruning, over the C++ graph_util."""
from tfpersist import _tfpersist as _c
from tfpersist._proto.tensorflow.core.framework import graph_pb2


def _gd_bytes(graph_def):
    if not hasattr(graph_def, "SerializeToString"):
        raise TypeError("graph_def must be a graph_pb2.GraphDef proto.")
    return graph_def.SerializeToString()


def convert_variables_to_constants(sess, input_graph_def, output_node_names,
                                   variable_names_whitelist=None,
                                   variable_names_blacklist=None):
    """Replaces the variables the outputs need by Consts of their values in
    sess (tf.graph_util.convert_variables_to_constants)."""
    from tfpersist.training import saver
    data = _c.convert_variables_to_constants(
        saver._session_c(sess), _gd_bytes(input_graph_def),
        list(output_node_names),
        None if variable_names_whitelist is None else
        list(variable_names_whitelist),
        None if variable_names_blacklist is None else
        list(variable_names_blacklist))
    return graph_pb2.GraphDef.FromString(data)


def extract_sub_graph(graph_def, dest_nodes):
    if isinstance(dest_nodes, str):
        raise TypeError("dest_nodes must be a list.")
    return graph_pb2.GraphDef.FromString(
        _c.extract_sub_graph(_gd_bytes(graph_def), list(dest_nodes)))


def remove_training_nodes(input_graph, protected_nodes=None):
    return graph_pb2.GraphDef.FromString(_c.remove_training_nodes(
        _gd_bytes(input_graph), list(protected_nodes or [])))


def must_run_on_cpu(node, pin_variables_on_cpu=False):
    raise NotImplementedError("tf.graph_util.must_run_on_cpu")


def tensor_shape_from_node_def_name(graph, input_name):
    return graph.get_tensor_by_name(
        input_name if ":" in input_name else input_name + ":0").shape
