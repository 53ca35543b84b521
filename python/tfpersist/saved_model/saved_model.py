"""tf.saved_model (TF1): loader.load, builder.SavedModelBuilder, constants
and SignatureDef helpers, over the C++ SavedModel code."""
import os

from tfpersist import _tfpersist as _c
from tfpersist._proto.tensorflow.core.protobuf import meta_graph_pb2


class tag_constants(object):  # noqa: N801 (TF's module name)
    SERVING = "serve"
    TRAINING = "train"
    EVAL = "eval"
    GPU = "gpu"
    TPU = "tpu"


class signature_constants(object):  # noqa: N801
    DEFAULT_SERVING_SIGNATURE_DEF_KEY = "serving_default"
    CLASSIFY_INPUTS = "inputs"
    CLASSIFY_METHOD_NAME = "tensorflow/serving/classify"
    CLASSIFY_OUTPUT_CLASSES = "classes"
    CLASSIFY_OUTPUT_SCORES = "scores"
    PREDICT_INPUTS = "inputs"
    PREDICT_METHOD_NAME = "tensorflow/serving/predict"
    PREDICT_OUTPUTS = "outputs"
    REGRESS_INPUTS = "inputs"
    REGRESS_METHOD_NAME = "tensorflow/serving/regress"
    REGRESS_OUTPUTS = "outputs"


def build_tensor_info(tensor):
    """utils.build_tensor_info: name, dtype and static shape."""
    info = meta_graph_pb2.TensorInfo(
        name=tensor.name, dtype=tensor.dtype.base_dtype.as_datatype_enum)
    info.tensor_shape.CopyFrom(tensor.shape.as_proto())
    return info


def build_signature_def(inputs=None, outputs=None, method_name=None):
    sig = meta_graph_pb2.SignatureDef()
    for k, v in (inputs or {}).items():
        sig.inputs[k].CopyFrom(v)
    for k, v in (outputs or {}).items():
        sig.outputs[k].CopyFrom(v)
    if method_name is not None:
        sig.method_name = method_name
    return sig


def predict_signature_def(inputs, outputs):
    if inputs is None or not inputs:
        raise ValueError("Prediction inputs cannot be None or empty.")
    if outputs is None or not outputs:
        raise ValueError("Prediction outputs cannot be None or empty.")
    return build_signature_def(
        {k: build_tensor_info(v) for k, v in inputs.items()},
        {k: build_tensor_info(v) for k, v in outputs.items()},
        signature_constants.PREDICT_METHOD_NAME)


def load(sess, tags, export_dir, import_scope=None, **saver_kwargs):
    """loader.load: imports the MetaGraphDef with `tags` into sess.graph
    (which must be empty), restores its variables into sess and runs its
    init op. Returns the MetaGraphDef."""
    if import_scope:
        raise NotImplementedError("saved_model.loader.load(import_scope=)")
    graph = sess.graph
    data, c_session = _c.load_saved_model(graph._c, os.fspath(export_dir),
                                          set(tags))
    graph._ops.clear()
    graph._variables.clear()
    sess._c = c_session
    sess._plans.clear()
    sess._feed_cache.clear()
    return meta_graph_pb2.MetaGraphDef.FromString(data)


def maybe_saved_model_directory(export_dir):
    return (os.path.exists(os.path.join(export_dir, "saved_model.pb")) or
            os.path.exists(os.path.join(export_dir, "saved_model.pbtxt")))


class SavedModelBuilder(object):
    """builder.SavedModelBuilder: one variables checkpoint, one or more
    MetaGraphDefs, written by save()."""

    def __init__(self, export_dir):
        self._export_dir = os.fspath(export_dir)
        self._c = _c.SavedModelBuilder(self._export_dir)

    def _add(self, sess, graph, tags, signature_def_map, main_op,
             legacy_init_op, clear_devices, strip_default_attrs,
             with_variables):
        op = main_op if main_op is not None else legacy_init_op
        sigs = {k: v.SerializeToString()
                for k, v in (signature_def_map or {}).items()}
        self._c.add_meta_graph(sess._c if sess is not None else None,
                               graph._c, list(tags), sigs,
                               None if op is None else op._node,
                               clear_devices, strip_default_attrs,
                               with_variables)

    def add_meta_graph_and_variables(self, sess, tags, signature_def_map=None,
                                     assets_collection=None,
                                     legacy_init_op=None, clear_devices=False,
                                     main_op=None, strip_default_attrs=False,
                                     saver=None):
        if assets_collection:
            raise NotImplementedError("SavedModelBuilder assets_collection")
        self._add(sess, sess.graph, tags, signature_def_map, main_op,
                  legacy_init_op, clear_devices, strip_default_attrs, True)

    def add_meta_graph(self, tags, signature_def_map=None,
                       assets_collection=None, legacy_init_op=None,
                       clear_devices=False, main_op=None,
                       strip_default_attrs=False, saver=None):
        from tfpersist.framework import ops
        if assets_collection:
            raise NotImplementedError("SavedModelBuilder assets_collection")
        self._add(None, ops.get_default_graph(), tags, signature_def_map,
                  main_op, legacy_init_op, clear_devices,
                  strip_default_attrs, False)

    def save(self, as_text=False):
        self._c.save(as_text)
        name = "saved_model.pbtxt" if as_text else "saved_model.pb"
        return os.path.join(self._export_dir, name).encode("utf-8")


def simple_save(session, export_dir, inputs, outputs, legacy_init_op=None):
    b = SavedModelBuilder(export_dir)
    b.add_meta_graph_and_variables(
        session, [tag_constants.SERVING],
        {signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY:
         predict_signature_def(inputs, outputs)},
        legacy_init_op=legacy_init_op)
    b.save()
