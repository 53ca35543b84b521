"""Reads a frozen GraphDef (.pb) with Python protobuf classes that protoc
generates from this project's own .proto files (into a temporary directory,
once per process), and turns its Const nodes into numpy arrays."""
import atexit
import glob
import importlib
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_GRAPH_PB2 = None

# TensorFlow DataType enum -> numpy dtype (the ones the bench models use).
NP_DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 9: np.int64}


def _graph_pb2():
    global _GRAPH_PB2
    if _GRAPH_PB2 is None:
        out = tempfile.mkdtemp(prefix="tfp_pb2_")
        atexit.register(shutil.rmtree, out, True)
        protos = glob.glob(os.path.join(ROOT, "proto", "tensorflow", "core",
                                        "framework", "*.proto"))
        subprocess.run(["protoc", "-I", os.path.join(ROOT, "proto"),
                        "--python_out=" + out] + protos, check=True)
        sys.path.insert(0, out)
        _GRAPH_PB2 = importlib.import_module(
            "tensorflow.core.framework.graph_pb2")
    return _GRAPH_PB2


def read_graph(path):
    """The GraphDef message of a binary .pb file."""
    graph = _graph_pb2().GraphDef()
    with open(path, "rb") as f:
        graph.ParseFromString(f.read())
    return graph


def tensor_value(proto):
    """A TensorProto as a numpy array (tensor_content or the typed *_val)."""
    dtype = NP_DTYPES[proto.dtype]
    shape = [d.size for d in proto.tensor_shape.dim]
    if proto.tensor_content:
        return np.frombuffer(proto.tensor_content, dtype=dtype).reshape(shape)
    vals = {np.float32: proto.float_val, np.float64: proto.double_val,
            np.int32: proto.int_val, np.int64: proto.int64_val}[dtype]
    count = int(np.prod(shape)) if shape else 1
    arr = np.array(list(vals), dtype=dtype)
    if arr.size != count:
        arr = np.full(count, arr[-1] if arr.size else 0, dtype=dtype)
    return arr.reshape(shape)


def producer(name):
    """The node name of an input reference ("x:0" / "^x" / "x")."""
    return name.lstrip("^").split(":")[0]
