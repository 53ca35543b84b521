"""tf.train.Saver, import_meta_graph, export_meta_graph and the checkpoint
helpers, over the C++ Saver / ImportMetaGraph / CheckpointReader."""
import os

from tfpersist import _tfpersist as _c
from tfpersist import errors
from tfpersist._proto.tensorflow.core.protobuf import meta_graph_pb2
from tfpersist._proto.tensorflow.core.protobuf import saver_pb2
from tfpersist.framework import ops


def _op_name(v):
    """The variable op name for a var_list item (Variable, Tensor, name)."""
    if hasattr(v, "op") and hasattr(v, "_as_graph_element"):
        return v.op.name
    if isinstance(v, ops.Tensor):
        return v.op.name
    if isinstance(v, ops.Operation):
        return v.name
    if isinstance(v, str):
        return v.split(":")[0]
    raise TypeError("Variable to save is not a Variable: %r" % (v,))


def _session_c(sess):
    from tfpersist.client import session as session_lib
    if not isinstance(sess, session_lib.BaseSession):
        raise TypeError("'sess' must be a Session; %s" % sess)
    if sess._closed:
        raise RuntimeError("Attempted to use a closed Session.")
    return sess._c


class Saver(object):
    """tf.train.Saver: saves and restores variables (TF 1.15's graph ops)."""

    def __init__(self, var_list=None, reshape=False, sharded=False,
                 max_to_keep=5, keep_checkpoint_every_n_hours=10000.0,
                 name=None, restore_sequentially=False, saver_def=None,
                 builder=None, defer_build=False, allow_empty=False,
                 write_version=saver_pb2.SaverDef.V2, pad_step_number=False,
                 save_relative_paths=False, filename=None):
        if defer_build or builder is not None or reshape:
            raise NotImplementedError(
                "tf.train.Saver(defer_build/builder/reshape)")
        self._graph = ops.get_default_graph()
        self._last_checkpoints_override = None
        if saver_def is not None:
            self._c = _c.Saver.from_saver_def(
                self._graph._c, saver_def.SerializeToString(),
                save_relative_paths, pad_step_number)
            return
        kw = dict(max_to_keep=max_to_keep,
                  keep_checkpoint_every_n_hours=keep_checkpoint_every_n_hours,
                  sharded=sharded, name=name, filename=filename,
                  write_version=int(write_version), allow_empty=allow_empty,
                  save_relative_paths=save_relative_paths,
                  pad_step_number=pad_step_number)
        if isinstance(var_list, dict):
            kw["var_map"] = {k: _op_name(v) for k, v in var_list.items()}
        elif var_list is not None:
            names = [_op_name(v) for v in var_list]
            if not names and not allow_empty:
                raise ValueError("No variables to save")
            kw["var_list"] = names
        try:
            self._c = _c.Saver.create(self._graph._c, kw)
        except errors.InvalidArgumentError as e:
            if e.message.startswith("No variables to save"):
                raise ValueError("No variables to save") from None
            raise ValueError(e.message) from None

    @classmethod
    def _from_c(cls, graph, c_saver):
        s = cls.__new__(cls)
        s._graph = graph
        s._c = c_saver
        s._last_checkpoints_override = None
        return s

    @property
    def saver_def(self):
        return saver_pb2.SaverDef.FromString(self._c.saver_def())

    def as_saver_def(self):
        return self.saver_def

    def to_proto(self, export_scope=None):
        return self.saver_def

    @property
    def last_checkpoints(self):
        return list(self._c.last_checkpoints())

    def recover_last_checkpoints(self, checkpoint_paths):
        self._c.recover_last_checkpoints(list(checkpoint_paths))

    def set_last_checkpoints(self, last_checkpoints):
        self._c.recover_last_checkpoints(list(last_checkpoints))

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             meta_graph_suffix="meta", write_meta_graph=True,
             write_state=True, strip_default_attrs=False,
             save_debug_info=False):
        """Saves to save_path[-global_step]; returns the checkpoint prefix."""
        c_sess = _session_c(sess)
        step, step_tensor = None, ""
        if global_step is not None:
            if isinstance(global_step, ops.Tensor) or hasattr(
                    global_step, "_as_graph_element"):
                step_tensor = ops.get_default_graph().as_graph_element(
                    global_step).name if not isinstance(
                        global_step, ops.Tensor) else global_step.name
            else:
                step = int(global_step)
        return self._c.save(c_sess, os.fspath(save_path), step, step_tensor,
                            latest_filename or "checkpoint",
                            meta_graph_suffix, write_meta_graph, write_state)

    def restore(self, sess, save_path):
        """Restores the variables from the checkpoint at save_path."""
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        save_path = os.fspath(save_path)
        if not _c.checkpoint_exists(save_path):
            raise ValueError("The passed save_path is not a valid checkpoint: "
                             + save_path)
        self._c.restore(_session_c(sess), save_path)

    def export_meta_graph(self, filename=None, collection_list=None,
                          as_text=False, export_scope=None,
                          clear_devices=False, clear_extraneous_savers=False,
                          strip_default_attrs=False, save_debug_info=False):
        return export_meta_graph(filename=filename, as_text=as_text,
                                 clear_devices=clear_devices,
                                 strip_default_attrs=strip_default_attrs,
                                 saver_def=self.saver_def)


def import_meta_graph(meta_graph_or_file, clear_devices=False,
                      import_scope=None, **kwargs):
    """tf.train.import_meta_graph: imports into the default graph and
    returns a Saver (None without variables/saver). Into a graph with nodes:
    no import_scope, registered ops only, no clashing node names."""
    if isinstance(meta_graph_or_file, meta_graph_pb2.MetaGraphDef):
        data = meta_graph_or_file.SerializeToString()
    else:
        data = _c.read_meta_graph(os.fspath(meta_graph_or_file))
    graph = ops.get_default_graph()
    was_empty = graph._c.num_nodes() == 0
    c_saver = _c.import_meta_graph(graph._c, data, import_scope or "",
                                   clear_devices)
    if was_empty:  # the C++ graph was replaced by the imported one
        graph._ops.clear()
        graph._variables.clear()
    return None if c_saver is None else Saver._from_c(graph, c_saver)


def export_meta_graph(filename=None, meta_info_def=None, graph_def=None,
                      saver_def=None, collection_list=None, as_text=False,
                      graph=None, export_scope=None, clear_devices=False,
                      clear_extraneous_savers=False,
                      strip_default_attrs=False, save_debug_info=False,
                      **kwargs):
    """tf.train.export_meta_graph: the MetaGraphDef (written to filename)."""
    graph = graph or ops.get_default_graph()
    data = _c.export_meta_graph(
        graph._c, None if saver_def is None else saver_def.SerializeToString(),
        clear_devices, strip_default_attrs)
    meta = meta_graph_pb2.MetaGraphDef.FromString(data)
    if filename:
        if as_text:
            from google.protobuf import text_format
            with open(filename, "w") as f:
                f.write(text_format.MessageToString(meta))
        else:
            _c.write_meta_graph(os.fspath(filename), data)
    return meta


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    return _c.latest_checkpoint(os.fspath(checkpoint_dir),
                                latest_filename or "checkpoint")


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    from tfpersist._proto.tensorflow.python.training import (
        checkpoint_state_pb2)
    state = _c.get_checkpoint_state(os.fspath(checkpoint_dir),
                                    latest_filename or "checkpoint")
    if state is None:
        return None
    path, all_paths, stamps, last = state
    return checkpoint_state_pb2.CheckpointState(
        model_checkpoint_path=path, all_model_checkpoint_paths=all_paths,
        all_model_checkpoint_timestamps=stamps,
        last_preserved_timestamp=last)


def checkpoint_exists(checkpoint_prefix):
    return _c.checkpoint_exists(os.fspath(checkpoint_prefix))


class CheckpointReader(object):
    """tf.train.NewCheckpointReader / load_checkpoint's reader."""

    def __init__(self, filepattern):
        self._c = _c.CheckpointReader(os.fspath(filepattern))

    def get_tensor(self, tensor_str):
        return self._c.get_tensor(tensor_str)

    def has_tensor(self, tensor_str):
        return self._c.has_tensor(tensor_str)

    def get_variable_to_shape_map(self):
        return {k: list(v) for k, v in self._c.shapes().items()}

    def get_variable_to_dtype_map(self):
        from tfpersist.framework import dtypes
        return {k: dtypes.as_dtype(v) for k, v in self._c.dtypes().items()}

    def debug_string(self):
        return self._c.debug_string().encode("utf-8")


def NewCheckpointReader(filepattern):  # noqa: N802 (TF's name)
    return CheckpointReader(filepattern)


def load_checkpoint(ckpt_dir_or_file):
    return CheckpointReader(ckpt_dir_or_file)


def list_variables(ckpt_dir_or_file):
    return [(name, list(shape)) for name, shape in
            _c.list_variables(os.fspath(ckpt_dir_or_file))]


def load_variable(ckpt_dir_or_file, name):
    if name.endswith(":0"):
        name = name[:-2]
    return _c.load_variable(os.fspath(ckpt_dir_or_file), name)
