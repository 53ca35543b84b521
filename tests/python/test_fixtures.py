"""Every TF-written .meta + checkpoint fixture imports through
tf.train.import_meta_graph and restores; every restored variable equals the
checkpoint (sha256 from expected_tensors.json, computed here). Frozen
fixtures run through import_graph_def + get_tensor_by_name + feed_dict."""
import glob
import os

import numpy as np
import pytest

from conftest import expected_tensors, tensor_sha256

META_FIXTURES = [
    "ckpt-v1-bad-half-plus-two", "ckpt-v1-nxt-adam",
    "ckpt-v1-session-bundle-half-plus-two", "ckpt-v1-traffic-signs",
    "ckpt-v2-estimator-wide-deep", "ckpt-v2-lenet-adam",
    "ckpt-v2-mnist-fc-feed", "ckpt-v2-mnist-mlp-ema",
    "ckpt-v2-tf2onnx-regression"]


def locate(folder):
    """The folder's .meta and the checkpoint it belongs to."""
    metas = glob.glob(os.path.join(folder, "*.meta"))
    assert len(metas) == 1, metas
    stem = os.path.basename(metas[0])[:-len(".meta")]
    for key, ckpt in expected_tensors(folder).items():
        if key == stem or key.startswith(stem + "-"):
            return metas[0], os.path.join(folder, key), ckpt
    raise AssertionError("no checkpoint for " + metas[0])


def test_every_meta_fixture_is_listed(shared_dir):
    found = {os.path.basename(os.path.dirname(m))
             for m in glob.glob(os.path.join(shared_dir, "*", "*.meta"))}
    assert found == set(META_FIXTURES)


# Main's function-library validation at Session creation (commit bedc7b0)
# rejects this graph's library (DecodeCSV, used only inside a tf.data
# function, is in no OpDef list); the C++ FixtureRestoreTest fails alike.
_ESTIMATOR = pytest.mark.xfail(
    reason="Session::Create validates the tf.data function library "
           "(DecodeCSV); same failure in tests/train/fixture_restore_test",
    raises=Exception, strict=False)


@pytest.mark.parametrize("fixture", [
    pytest.param(f, marks=_ESTIMATOR) if "estimator" in f else f
    for f in META_FIXTURES])
def test_import_meta_graph_and_restore(tf, shared_dir, fixture):
    meta, ckpt, expected = locate(os.path.join(shared_dir, fixture))
    saver = tf.train.import_meta_graph(meta)
    assert saver is not None
    sha = {t["name"]: t["sha256"] for t in expected["tensors"]}
    graph = tf.get_default_graph()
    variables = [op for op in graph.get_operations()
                 if op.type in ("Variable", "VariableV2")
                 and op.name in sha]
    assert variables, "no variable of %s is in its checkpoint" % fixture
    with tf.Session() as sess:
        saver.restore(sess, ckpt)
        values = sess.run([op.outputs[0] for op in variables])
    for op, value in zip(variables, values):
        assert tensor_sha256(value) == sha[op.name], op.name


def test_mnist_fc_feed_inference_matches_numpy(tf, shared_dir):
    """The restored MLP computes what numpy computes from load_variable."""
    meta, ckpt, _ = locate(os.path.join(shared_dir, "ckpt-v2-mnist-fc-feed"))
    saver = tf.train.import_meta_graph(meta)
    x = (np.arange(100 * 784, dtype=np.float32).reshape(100, 784) * 37 %
         101) / 101
    with tf.Session() as sess:
        saver.restore(sess, ckpt)
        graph = sess.graph
        out = sess.run(graph.get_tensor_by_name("softmax_linear/add:0"),
                       {graph.get_tensor_by_name("Placeholder:0"): x})
    load = lambda n: tf.train.load_variable(ckpt, n)  # noqa: E731
    h1 = np.maximum(x @ load("hidden1/weights") + load("hidden1/biases"), 0)
    h2 = np.maximum(h1 @ load("hidden2/weights") + load("hidden2/biases"), 0)
    want = h2 @ load("softmax_linear/weights") + load("softmax_linear/biases")
    np.testing.assert_allclose(out, want, rtol=1e-4, atol=1e-4)


def ramp(shape):
    n = int(np.prod(shape))
    return ((np.arange(n) * 37 % 101) / 101).astype(np.float32).reshape(shape)


FROZEN = [
    ("frozen-cppflow-dense", "model.pb", {"x": ramp([2, 5])}, "Identity:0",
     (2, None)),
    ("frozen-keras-cifar-cnn", "frozen_graph.pb",
     {"conv2d_input": ramp([2, 32, 32, 3])}, "dense_1/Softmax:0", (2, 10)),
    ("frozen-keras-mnist-mlp", "mnist.pb", {"Input": ramp([2, 28, 28])},
     "Identity:0", (2, 10)),
    ("frozen-mnist-fc-feed", "mnist.pb", {"Placeholder": ramp([100, 784])},
     "softmax_linear/add:0", (100, 10)),
    ("frozen-multidigit-cnn", "frozen_model.pb",
     {"input_holder": ramp([1, 40, 120, 1]), "is_train": False,
      "dropout": 0.7}, "digits_prediction:0", None),
    ("frozen-tf2onnx-ae0", "frozen.pb", {"X": ramp([2, 784])}, "output:0",
     (2, 784)),
    ("frozen-tf2onnx-fc-layers", "frozen.pb", {"X": ramp([2, 784])},
     "output:0", (2, None)),
]


@pytest.mark.parametrize("fixture,pb,feeds,fetch,shape", FROZEN,
                         ids=[c[0] for c in FROZEN])
def test_frozen_fixture_runs(tf, shared_dir, fixture, pb, feeds, fetch,
                             shape):
    with tf.gfile.FastGFile(os.path.join(shared_dir, fixture, pb), "rb") as f:
        graph_def = tf.GraphDef()
        graph_def.ParseFromString(f.read())
    with tf.Session() as sess:
        tf.import_graph_def(graph_def, name="")
        out = sess.run(sess.graph.get_tensor_by_name(fetch),
                       feed_dict={k + ":0": v for k, v in feeds.items()})
    if shape is not None:
        assert out.shape[0] == shape[0]
        if shape[1] is not None:
            assert out.shape[1] == shape[1]
    if out.dtype.kind == "f":
        assert np.all(np.isfinite(out))


def test_rust_addition(tf, shared_dir):
    with tf.gfile.GFile(os.path.join(shared_dir, "graph-rust-addition",
                                     "model.pb"), "rb") as f:
        graph_def = tf.GraphDef.FromString(f.read())
    z, = tf.import_graph_def(graph_def, return_elements=["z:0"], name="")
    with tf.Session() as sess:
        assert sess.run(z, {"x:0": 2, "y:0": 40}) == 42


def test_frozen_regression_matches_its_checkpoint(tf, shared_dir):
    """pred = X * W + b with W, b read from the twin checkpoint."""
    with tf.gfile.GFile(os.path.join(shared_dir, "frozen-tf2onnx-regression",
                                     "frozen.pb"), "rb") as f:
        graph_def = tf.GraphDef.FromString(f.read())
    x = tf.placeholder(tf.float32, [None], name="batch")
    pred, = tf.import_graph_def(graph_def, input_map={"X:0": x},
                                return_elements=["pred:0"], name="Net")
    ckpt = os.path.join(shared_dir, "ckpt-v2-tf2onnx-regression", "model")
    names = [n for n, _ in tf.train.list_variables(ckpt)]
    assert len(names) == 2
    values = {n: tf.train.load_variable(ckpt, n) for n in names}
    xs = np.array([1.0, 2.0, -3.0], np.float32)
    with tf.Session() as sess:
        out = sess.run(pred, {x: xs})
    w = values[[n for n in names if n.lower().startswith("w")][0]]
    b = values[[n for n in names if n.lower().startswith("b")][0]]
    np.testing.assert_allclose(out, xs * w + b, rtol=1e-6)


def test_moving_average_restore_of_the_tf_written_ema_checkpoint(tf,
                                                                 shared_dir):
    """The tutorial's evaluation program: rebuild the MLP's variables, then
    Saver(ExponentialMovingAverage(0.99).variables_to_restore()) loads the
    shadow values TF wrote into the plain variables."""
    folder = os.path.join(shared_dir, "ckpt-v2-mnist-mlp-ema")
    _, ckpt, expected = locate(folder)
    sha = {t["name"]: t["sha256"] for t in expected["tensors"]}
    layers = {"layer1": (784, 500), "layer2": (500, 10)}
    for scope, (n_in, n_out) in layers.items():
        with tf.variable_scope(scope):
            tf.get_variable("weights", [n_in, n_out],
                            initializer=tf.truncated_normal_initializer(
                                stddev=0.1))
            tf.get_variable("biases", [n_out],
                            initializer=tf.constant_initializer(0.0))
    variable_averages = tf.train.ExponentialMovingAverage(0.99)
    variables_to_restore = variable_averages.variables_to_restore()
    assert sorted(variables_to_restore) == sorted(
        "%s/%s/ExponentialMovingAverage" % (s, v)
        for s in layers for v in ("weights", "biases"))
    saver = tf.train.Saver(variables_to_restore)
    with tf.Session() as sess:
        saver.restore(sess, ckpt)
        for key, var in variables_to_restore.items():
            assert tensor_sha256(sess.run(var)) == sha[key], key
            assert sha[key] != sha[var.op.name]  # shadow differs from var
