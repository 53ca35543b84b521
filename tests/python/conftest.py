"""Shared pytest fixtures: the tf module with a fresh default graph per test,
the build tree (C++ example programs) and the shared TF fixtures."""
import hashlib
import json
import os
import subprocess

import numpy as np
import pytest

import tfpersist.compat.v1 as tf_module


@pytest.fixture
def tf():
    tf_module.reset_default_graph()
    yield tf_module
    tf_module.reset_default_graph()


@pytest.fixture
def build_dir():
    d = os.environ.get("TFP_BUILD_DIR")
    if not d or not os.path.isdir(d):
        pytest.skip("TFP_BUILD_DIR (the CMake build tree) is not set")
    return d


def run_example(build_dir, name, cwd, out="out"):
    """Runs build/examples/example_<name> <out> in cwd; returns stdout."""
    exe = os.path.join(build_dir, "examples", "example_" + name)
    if not os.path.exists(exe):
        pytest.skip("example_%s is not built" % name)
    return subprocess.run([exe, out], cwd=str(cwd), check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def shared_dir():
    d = os.environ.get("TFP_SHARED_DIR", "")
    if not os.path.isdir(os.path.join(d, "fixtures", "tf")):
        pytest.skip("../shared/fixtures/tf is absent (TFP_SHARED_DIR=%r)" % d)
    return os.path.join(d, "fixtures", "tf")


def tensor_sha256(value):
    """sha256 of raw little-endian C-order element bytes (expected_tensors
    .json's rule; strings as 8-byte length + bytes)."""
    arr = np.asarray(value)
    if arr.dtype == object:
        data = b"".join(len(s).to_bytes(8, "little") + s
                        for s in arr.reshape(-1))
    else:
        data = np.ascontiguousarray(arr).astype(
            arr.dtype.newbyteorder("<")).tobytes()
    return hashlib.sha256(data).hexdigest()


def expected_tensors(folder):
    with open(os.path.join(folder, "expected_tensors.json")) as f:
        return json.load(f)
