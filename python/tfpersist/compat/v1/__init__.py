"""TensorFlow 1.x's API (tf.compat.v1) for the persistence workflow:

    import tfpersist.compat.v1 as tf

Graph building, Session, Saver, meta graphs, freezing, import_graph_def,
SavedModels, gfile and tf.errors, with TensorFlow's names and behaviour.
Every registered op of the C++ core is available (tf.raw_ops.<Op> and its
snake_case name). Anything else raises NotImplementedError naming it
(docs/python.md lists what exists).
"""
from tfpersist import errors
from tfpersist._proto.tensorflow.core.framework.attr_value_pb2 import AttrValue
from tfpersist._proto.tensorflow.core.framework.graph_pb2 import GraphDef
from tfpersist._proto.tensorflow.core.framework.node_def_pb2 import NodeDef
from tfpersist._proto.tensorflow.core.framework.op_def_pb2 import OpDef
from tfpersist._proto.tensorflow.core.framework.tensor_pb2 import TensorProto
from tfpersist._proto.tensorflow.core.protobuf.meta_graph_pb2 import (
    MetaGraphDef)
from tfpersist.client.session import InteractiveSession
from tfpersist.client.session import Session
from tfpersist.client.session import get_default_session
from tfpersist.compat.v1 import _api
from tfpersist.framework import dtypes as _dtypes
from tfpersist.framework import graph_util as _graph_util
from tfpersist.framework import op_def_lib as _op_def_lib
from tfpersist.framework import ops as _ops
from tfpersist.framework import tensor_util as _tensor_util
from tfpersist.framework.dtypes import *  # noqa: F401,F403 (tf.float32, ...)
from tfpersist.framework.dtypes import DType, as_dtype
from tfpersist.framework.importer import import_graph_def
from tfpersist.framework.ops import (Graph, GraphKeys, Operation, Tensor,
                                     add_to_collection, add_to_collections,
                                     colocate_with, control_dependencies,
                                     device, get_collection,
                                     get_collection_ref, get_default_graph,
                                     name_scope, reset_default_graph)
from tfpersist.framework.tensor_shape import Dimension, TensorShape
from tfpersist.ops import array_ops as _array_ops
from tfpersist.ops import math_ops as _math_ops
from tfpersist.ops import random_ops as _random_ops
from tfpersist.ops import variable_scope as _vs
from tfpersist.ops import variables as _variables
from tfpersist.platform import gfile as _gfile
from tfpersist.saved_model import saved_model as _sm
from tfpersist.training import moving_averages as _ma
from tfpersist.training import saver as _saver
from tfpersist.training import training_util as _tu

__getattr__ = _api.not_implemented_getattr("tfpersist.compat.v1")

bool = _dtypes.bool  # noqa: A001 (TF's name)

# ---- every registered op: snake_case here, OpDef names in tf.raw_ops
_generated = _op_def_lib.generated_wrappers()
globals().update({k: v for k, v in _generated.items() if k not in globals()})
# TF's public names for ops whose snake_case name differs.
for _alias, _op in (("multiply", "mul"), ("subtract", "sub"),
                    ("negative", "neg"), ("floordiv", "floor_div"),
                    ("floormod", "floor_mod"), ("mod", "floor_mod"),
                    ("realdiv", "real_div")):
    if _op in _generated:
        _generated[_alias] = _generated[_op]
        globals().setdefault(_alias, _generated[_op])
raw_ops = _api.namespace("tfpersist.compat.v1.raw_ops",
                         _op_def_lib.generated_wrappers(raw=True),
                         "Every registered op, keyword arguments only.")

# ---- hand-written wrappers (TF signatures that differ from the OpDef)
constant = _op_def_lib.constant
convert_to_tensor = _op_def_lib.convert_to_tensor
placeholder = _array_ops.placeholder
placeholder_with_default = _array_ops.placeholder_with_default
identity = _array_ops.identity
no_op = _array_ops.no_op
group = _array_ops.group
concat = _array_ops.concat
stack = _array_ops.stack
unstack = _array_ops.unstack
transpose = _array_ops.transpose
squeeze = _array_ops.squeeze
expand_dims = _array_ops.expand_dims
zeros = _array_ops.zeros
ones = _array_ops.ones
zeros_like = _array_ops.zeros_like
ones_like = _array_ops.ones_like
fill = _array_ops.fill
shape = _array_ops.shape
size = _array_ops.size
rank = _array_ops.rank
cast = _math_ops.cast
matmul = _math_ops.matmul
reduce_sum = _math_ops.reduce_sum
reduce_mean = _math_ops.reduce_mean
reduce_max = _math_ops.reduce_max
reduce_min = _math_ops.reduce_min
reduce_prod = _math_ops.reduce_prod
add_n = _math_ops.add_n
argmax = _math_ops.argmax
divide = truediv = lambda x, y, name=None: _math_ops._truediv(x, y, name)  # noqa
make_tensor_proto = _tensor_util.make_tensor_proto
make_ndarray = _tensor_util.MakeNdarray

random_uniform = _random_ops.random_uniform
random_normal = _random_ops.random_normal
truncated_normal = _random_ops.truncated_normal
set_random_seed = _random_ops.set_random_seed
glorot_uniform_initializer = _random_ops.glorot_uniform_initializer
random_uniform_initializer = _random_ops.random_uniform_initializer
truncated_normal_initializer = _random_ops.truncated_normal_initializer

# ---- variables
Variable = _variables.Variable
global_variables = _variables.global_variables
all_variables = _variables.all_variables
trainable_variables = _variables.trainable_variables
local_variables = _variables.local_variables
moving_average_variables = _variables.moving_average_variables
global_variables_initializer = _variables.global_variables_initializer
initialize_all_variables = _variables.global_variables_initializer
local_variables_initializer = _variables.local_variables_initializer
variables_initializer = _variables.variables_initializer
is_variable_initialized = _variables.is_variable_initialized
assign = _variables.assign
assign_add = _variables.assign_add
assign_sub = _variables.assign_sub
get_variable = _vs.get_variable
variable_scope = _vs.variable_scope
AUTO_REUSE = _vs.AUTO_REUSE
zeros_initializer = _vs.zeros_initializer
ones_initializer = _vs.ones_initializer
constant_initializer = _vs.constant_initializer

# ---- namespaces
_NN_OPS = ["Relu", "Relu6", "Elu", "Selu", "Softmax", "LogSoftmax",
           "Sigmoid", "Tanh", "BiasAdd", "Conv2D", "MaxPool", "AvgPool",
           "L2Loss", "Softplus", "Softsign", "LeakyRelu", "LRN",
           "DepthwiseConv2dNative", "FusedBatchNorm", "FusedBatchNormV3",
           "InTopK", "TopKV2"]
_nn = {_op_def_lib.snake_case(o): _generated[_op_def_lib.snake_case(o)]
       for o in _NN_OPS if _op_def_lib.snake_case(o) in _generated}
if "top_kv2" in _nn:
    _nn["top_k"] = _nn.pop("top_kv2")
if "lrn" in _nn:
    _nn["local_response_normalization"] = _nn["lrn"]
nn = _api.namespace("tfpersist.compat.v1.nn", _nn, "tf.nn")
math = _api.namespace("tfpersist.compat.v1.math", dict(
    {k: v for k, v in _generated.items()},
    reduce_sum=reduce_sum, reduce_mean=reduce_mean, reduce_max=reduce_max,
    reduce_min=reduce_min, add_n=add_n, argmax=argmax, divide=divide),
    "tf.math")
train = _api.namespace("tfpersist.compat.v1.train", dict(
    Saver=_saver.Saver, import_meta_graph=_saver.import_meta_graph,
    export_meta_graph=_saver.export_meta_graph,
    latest_checkpoint=_saver.latest_checkpoint,
    get_checkpoint_state=_saver.get_checkpoint_state,
    checkpoint_exists=_saver.checkpoint_exists,
    list_variables=_saver.list_variables,
    load_variable=_saver.load_variable,
    load_checkpoint=_saver.load_checkpoint,
    NewCheckpointReader=_saver.NewCheckpointReader,
    ExponentialMovingAverage=_ma.ExponentialMovingAverage,
    get_or_create_global_step=_tu.get_or_create_global_step,
    create_global_step=_tu.create_global_step,
    get_global_step=_tu.get_global_step, global_step=_tu.global_step,
    SaverDef=_saver.saver_pb2.SaverDef), "tf.train")
graph_util = _api.namespace("tfpersist.compat.v1.graph_util", dict(
    convert_variables_to_constants=_graph_util.convert_variables_to_constants,
    extract_sub_graph=_graph_util.extract_sub_graph,
    remove_training_nodes=_graph_util.remove_training_nodes,
    tensor_shape_from_node_def_name=(
        _graph_util.tensor_shape_from_node_def_name)), "tf.graph_util")
gfile = _api.namespace("tfpersist.compat.v1.gfile", {
    k: getattr(_gfile, k) for k in (
        "GFile", "FastGFile", "Open", "Exists", "IsDirectory", "MakeDirs",
        "MkDir", "ListDirectory", "Glob", "Remove", "DeleteRecursively",
        "Rename", "Copy", "Walk", "Stat")}, "tf.gfile")
io = _api.namespace("tfpersist.compat.v1.io", dict(
    gfile=gfile, GFile=_gfile.GFile, write_graph=None), "tf.io")
dtypes = _api.namespace("tfpersist.compat.v1.dtypes", dict(
    {k: getattr(_dtypes, k) for k in dir(_dtypes)
     if isinstance(getattr(_dtypes, k), DType)},
    DType=DType, as_dtype=as_dtype), "tf.dtypes")
_sm_utils = _api.namespace("tfpersist.compat.v1.saved_model.utils", dict(
    build_tensor_info=_sm.build_tensor_info))
_sm_sig = _api.namespace(
    "tfpersist.compat.v1.saved_model.signature_def_utils", dict(
        build_signature_def=_sm.build_signature_def,
        predict_signature_def=_sm.predict_signature_def))
_sm_tags = _api.namespace("tfpersist.compat.v1.saved_model.tag_constants", {
    k: v for k, v in vars(_sm.tag_constants).items() if k.isupper()})
_sm_consts = _api.namespace(
    "tfpersist.compat.v1.saved_model.signature_constants",
    {k: v for k, v in vars(_sm.signature_constants).items() if k.isupper()})
saved_model = _api.namespace("tfpersist.compat.v1.saved_model", dict(
    loader=_api.namespace("tfpersist.compat.v1.saved_model.loader", dict(
        load=_sm.load,
        maybe_saved_model_directory=_sm.maybe_saved_model_directory)),
    builder=_api.namespace("tfpersist.compat.v1.saved_model.builder", dict(
        SavedModelBuilder=_sm.SavedModelBuilder)),
    tag_constants=_sm_tags, signature_constants=_sm_consts,
    signature_def_utils=_sm_sig, utils=_sm_utils,
    load=_sm.load, simple_save=_sm.simple_save,
    build_tensor_info=_sm.build_tensor_info,
    predict_signature_def=_sm.predict_signature_def,
    build_signature_def=_sm.build_signature_def,
    SERVING=_sm.tag_constants.SERVING, TRAINING=_sm.tag_constants.TRAINING,
    DEFAULT_SERVING_SIGNATURE_DEF_KEY=(
        _sm.signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY),
    maybe_saved_model_directory=_sm.maybe_saved_model_directory),
    "tf.saved_model (TF1)")
initializers = _api.namespace("tfpersist.compat.v1.initializers", dict(
    zeros=zeros_initializer, ones=ones_initializer,
    constant=constant_initializer,
    glorot_uniform=glorot_uniform_initializer,
    random_uniform=random_uniform_initializer,
    truncated_normal=truncated_normal_initializer,
    global_variables=global_variables_initializer,
    variables=variables_initializer), "tf.initializers")
random = _api.namespace("tfpersist.compat.v1.random", dict(
    uniform=random_uniform, normal=random_normal,
    truncated_normal=truncated_normal, set_random_seed=set_random_seed),
    "tf.random")
compat = _api.namespace("tfpersist.compat.v1.compat", dict(
    as_bytes=lambda b, encoding="utf-8": b if isinstance(b, bytes)
    else b.encode(encoding),
    as_text=lambda b, encoding="utf-8": b if isinstance(b, str)
    else b.decode(encoding)), "tf.compat")
del io.__dict__["write_graph"]
