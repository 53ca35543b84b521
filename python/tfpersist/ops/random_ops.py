"""tf.random_uniform / tf.random_normal / tf.truncated_normal, the seeds
TF derives for them (tf.set_random_seed) and tf.glorot_uniform_initializer
(get_variable's default). Nodes as TF 1.15 builds them; the C++ kernels
reproduce TF's Philox streams, so seeded values equal TensorFlow's."""
import math

from tfpersist.framework import dtypes
from tfpersist.framework import op_def_lib
from tfpersist.framework import ops

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2**31 - 1
_apply = op_def_lib.apply_op
_convert = op_def_lib.convert_to_tensor


def set_random_seed(seed):
    ops.get_default_graph().seed = seed


def get_seed(op_seed):
    """TF's random_seed.get_seed: (seed, seed2) for an op."""
    g = ops.get_default_graph()
    global_seed = g.seed
    if global_seed is not None:
        if op_seed is None:
            op_seed = g._c.num_nodes()
        seeds = (global_seed, op_seed)
    elif op_seed is not None:
        seeds = (DEFAULT_GRAPH_SEED, op_seed)
    else:
        return 0, 0
    if seeds == (0, 0):
        return 0, _MAXINT32
    return seeds


def _shape_tensor(shape):
    return _convert(shape, dtype=dtypes.int32, name="shape")


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32,
                   seed=None, name=None):
    dtype = dtypes.as_dtype(dtype)
    if dtype.is_integer:
        raise NotImplementedError("tf.random_uniform with an integer dtype")
    if maxval is None:
        maxval = 1
    with ops.name_scope(name or "random_uniform") as scope:
        shape_t = _shape_tensor(shape)
        lo = _convert(minval, dtype=dtype, name="min")
        hi = _convert(maxval, dtype=dtype, name="max")
        seed1, seed2 = get_seed(seed)
        rnd = _apply("RandomUniform", shape=shape_t, dtype=dtype, seed=seed1,
                     seed2=seed2)
        return _apply("Add", name=scope, x=rnd * (hi - lo), y=lo)


def _normal(op_type, default_name, shape, mean, stddev, dtype, seed, name):
    dtype = dtypes.as_dtype(dtype)
    with ops.name_scope(name or default_name) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = _convert(mean, dtype=dtype, name="mean")
        stddev_t = _convert(stddev, dtype=dtype, name="stddev")
        seed1, seed2 = get_seed(seed)
        rnd = _apply(op_type, shape=shape_t, dtype=dtype, seed=seed1,
                     seed2=seed2)
        return _apply("Add", name=scope, x=rnd * stddev_t, y=mean_t)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32,
                  seed=None, name=None):
    return _normal("RandomStandardNormal", "random_normal", shape, mean,
                   stddev, dtype, seed, name)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32,
                     seed=None, name=None):
    return _normal("TruncatedNormal", "truncated_normal", shape, mean,
                   stddev, dtype, seed, name)


class glorot_uniform_initializer(object):  # noqa: N801 (TF's name)
    """Uniform in [-limit, limit], limit = sqrt(6 / (fan_in + fan_out))."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        self.seed = seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        shape = list(shape)
        if not shape:
            fan_in = fan_out = 1
        elif len(shape) == 1:
            fan_in = fan_out = shape[0]
        else:
            receptive = 1
            for d in shape[:-2]:
                receptive *= d
            fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
        limit = math.sqrt(3.0 * 1.0 / max(1.0, (fan_in + fan_out) / 2.0))
        return random_uniform(shape, -limit, limit, dtype or self.dtype,
                              seed=self.seed)


class random_uniform_initializer(object):  # noqa: N801
    def __init__(self, minval=0, maxval=None, seed=None,
                 dtype=dtypes.float32):
        self.minval, self.maxval, self.seed = minval, maxval, seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_uniform(shape, self.minval, self.maxval,
                              dtype or self.dtype, seed=self.seed)


class truncated_normal_initializer(object):  # noqa: N801
    def __init__(self, mean=0.0, stddev=1.0, seed=None,
                 dtype=dtypes.float32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return truncated_normal(shape, self.mean, self.stddev,
                                dtype or self.dtype, seed=self.seed)
