"""numpy <-> TensorProto (tf.make_tensor_proto / tf.make_ndarray) and the
conversion of Python values to numpy arrays with TF's dtype inference."""
import numpy as np

from tfpersist.framework import dtypes
from tfpersist.framework import tensor_shape


def to_numpy(value, dtype=None):
    """`value` as a numpy array of `dtype` (a DType or None), inferring as
    TF does: Python floats -> float32, Python ints -> int32 (int64 if they do
    not fit), str/bytes -> string (object array of bytes)."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
        if dtype == dtypes.string:
            return _string_array(value)
        arr = np.asarray(value)
        want = np.dtype(dtype.as_numpy_dtype)
        if arr.dtype.kind in "SUO" and arr.size:
            raise TypeError("Expected %s, got %r of type '%s' instead." %
                            (dtype.name, value, type(value).__name__))
        if (arr.dtype.kind == "f" and want.kind in "iu" and arr.size and
                not np.all(np.equal(np.mod(arr, 1), 0))):
            raise TypeError("Expected %s, got %r of type '%s' instead." %
                            (dtype.name, value, type(value).__name__))
        return arr.astype(want, copy=False)
    if isinstance(value, (np.ndarray, np.generic)):
        arr = np.asarray(value)
        if arr.dtype.kind in "SU":
            return _string_array(arr)
        return arr
    arr = np.asarray(value)
    if arr.dtype.kind in "SUO":
        return _string_array(value)
    if arr.dtype == np.float64:
        return arr.astype(np.float32)
    if arr.dtype.kind == "i" and arr.dtype.itemsize == 8:
        if arr.size == 0 or (arr.min() >= -2**31 and arr.max() < 2**31):
            return arr.astype(np.int32)
    return arr


def _string_array(value):
    arr = np.asarray(value, dtype=object)
    flat = arr.reshape(-1)
    for i, v in enumerate(flat):
        if isinstance(v, str):
            flat[i] = v.encode("utf-8")
        elif not isinstance(v, bytes):
            raise TypeError("Expected string, got %r of type '%s' instead." %
                            (v, type(v).__name__))
    return arr


def make_tensor_proto(values, dtype=None, shape=None):
    """tf.make_tensor_proto (tensor_content for numeric non-scalars)."""
    from tfpersist._proto.tensorflow.core.framework import tensor_pb2
    arr = to_numpy(values, dtype)
    if shape is not None:
        arr = np.broadcast_to(arr, shape) if arr.size == 1 else \
            arr.reshape(shape)
    dt = dtypes.as_dtype(arr.dtype) if dtype is None else \
        dtypes.as_dtype(dtype).base_dtype
    proto = tensor_pb2.TensorProto(dtype=dt.as_datatype_enum)
    proto.tensor_shape.CopyFrom(tensor_shape.TensorShape(arr.shape)
                                .as_proto())
    if dt == dtypes.string:
        proto.string_val.extend(arr.reshape(-1).tolist())
    elif arr.size == 1:
        _append_scalar(proto, dt, arr.reshape(-1)[0])
    else:
        proto.tensor_content = np.ascontiguousarray(arr).astype(
            arr.dtype.newbyteorder("<")).tobytes()
    return proto


def _append_scalar(proto, dt, value):
    field = {
        dtypes.float32: "float_val", dtypes.float64: "double_val",
        dtypes.int32: "int_val", dtypes.int16: "int_val",
        dtypes.int8: "int_val", dtypes.uint8: "int_val",
        dtypes.uint16: "int_val", dtypes.int64: "int64_val",
        dtypes.bool: "bool_val", dtypes.uint32: "uint32_val",
        dtypes.uint64: "uint64_val",
    }.get(dt)
    if dt == dtypes.float16:
        proto.half_val.append(int(np.asarray(value, np.float16)
                                  .view(np.uint16)))
    elif dt in (dtypes.complex64, dtypes.complex128):
        f = "scomplex_val" if dt == dtypes.complex64 else "dcomplex_val"
        getattr(proto, f).extend([value.real, value.imag])
    elif field is None:
        raise TypeError("make_tensor_proto: unsupported dtype %s" % dt.name)
    else:
        getattr(proto, field).append(value.item())


def MakeNdarray(tensor):  # noqa: N802 (TF's name)
    """tf.make_ndarray: a numpy array from a TensorProto."""
    dt = dtypes.as_dtype(tensor.dtype)
    shape = [d.size for d in tensor.tensor_shape.dim]
    n = int(np.prod(shape)) if shape else 1
    if tensor.tensor_content:
        return np.frombuffer(tensor.tensor_content,
                             dtype=dt.as_numpy_dtype).copy().reshape(shape)
    if dt == dtypes.string:
        values = list(tensor.string_val)
        arr = np.array(values if values else [b""] * n, dtype=object)
    elif dt == dtypes.float16:
        arr = np.array(list(tensor.half_val), np.uint16).view(np.float16)
    else:
        field = {
            dtypes.float32: "float_val", dtypes.float64: "double_val",
            dtypes.int64: "int64_val", dtypes.bool: "bool_val",
            dtypes.uint32: "uint32_val", dtypes.uint64: "uint64_val",
        }.get(dt, "int_val")
        arr = np.array(list(getattr(tensor, field)), dt.as_numpy_dtype)
    if arr.size == 0:
        return np.zeros(shape, dt.as_numpy_dtype)
    if arr.size < n:
        arr = np.concatenate([arr, np.repeat(arr[-1:], n - arr.size)])
    return arr.reshape(shape)


make_ndarray = MakeNdarray
