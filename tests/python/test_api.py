"""The rest of tfpersist.compat.v1's surface (docs/python.md), with values
computed independently (numpy, by hand)."""
import collections
import os

import numpy as np
import pytest


def test_graph_names_scopes_and_collections(tf):
    g = tf.Graph()
    with g.as_default():
        assert tf.get_default_graph() is g
        with tf.name_scope("Net") as scope:
            assert scope == "Net/"
            a = tf.constant([1.0, 2.0], name="a")
            b = tf.placeholder(tf.float32, [2], name="b")
            c = a + b
        with tf.name_scope("Net"):
            d = tf.constant(1.0, name="a")
        with tf.control_dependencies([c]):
            e = tf.identity(a, name="e")
        tf.add_to_collection("outputs", c)
        tf.add_to_collection("things", 42)
    assert [a.name, b.name, c.name, d.name] == [
        "Net/a:0", "Net/b:0", "Net/add:0", "Net_1/a:0"]
    assert c.op.type == "AddV2" and c.op.inputs == [a, b]
    assert e.op.control_inputs == [c.op]
    assert c.dtype == tf.float32 and c.shape.as_list() == [2]
    assert str(b.shape) == "(2,)"
    assert g.get_tensor_by_name("Net/add:0") is c
    assert g.get_operation_by_name("Net/b") is b.op
    assert [op.name for op in g.get_operations()][:3] == [
        "Net/a", "Net/b", "Net/add"]
    assert g.get_collection("outputs") == [c]
    assert g.get_collection("things") == [42]
    assert g.as_graph_def().node[2].op == "AddV2"
    assert tf.get_default_graph() is not g


def test_operators_and_generated_ops(tf):
    x = tf.constant(np.array([[1.0, -2.0], [3.0, 4.0]], np.float32))
    y = tf.constant(np.array([[2.0, 1.0], [0.5, -1.0]], np.float32))
    exprs = {
        "add": x + y, "radd": 1.0 + x, "sub": x - y, "mul": x * y,
        "div": x / y, "neg": -x, "matmul": x @ y, "pow": x ** 2.0,
        "relu": tf.nn.relu(x), "mm": tf.matmul(x, y, transpose_b=True),
        "reshape": tf.reshape(x, [4]), "sum": tf.reduce_sum(x, axis=1),
        "mean": tf.reduce_mean(x), "softmax": tf.nn.softmax(x),
        "lt": x < y, "cast": tf.cast(x, tf.int32), "max": tf.maximum(x, y),
    }
    a = np.array([[1.0, -2.0], [3.0, 4.0]], np.float32)
    b = np.array([[2.0, 1.0], [0.5, -1.0]], np.float32)
    e = np.exp(a - a.max(axis=1, keepdims=True))
    want = {
        "add": a + b, "radd": 1 + a, "sub": a - b, "mul": a * b,
        "div": a / b, "neg": -a, "matmul": a @ b, "pow": a ** 2,
        "relu": np.maximum(a, 0), "mm": a @ b.T, "reshape": a.reshape(4),
        "sum": a.sum(axis=1), "mean": a.mean(),
        "softmax": e / e.sum(axis=1, keepdims=True), "lt": a < b,
        "cast": a.astype(np.int32), "max": np.maximum(a, b),
    }
    assert exprs["add"].op.name == "add" and exprs["radd"].op.name == "add_1"
    assert exprs["relu"].op.type == "Relu" and tf.raw_ops.Relu
    with tf.Session() as sess:
        got = sess.run(exprs)
    for k in want:
        np.testing.assert_allclose(got[k], want[k], rtol=1e-6, err_msg=k)


def test_fetch_structures_and_feeds(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    y = x * 2.0
    z = x + 1.0
    Pair = collections.namedtuple("Pair", "a b")
    with tf.Session() as sess:
        out = sess.run({"y": y, "pair": Pair(y, z), "list": [z, [y]],
                        "tuple": (z,), "op": y.op},
                       feed_dict={x: [1.0, 2.0]})
        assert isinstance(out["pair"], Pair) and out["op"] is None
        np.testing.assert_array_equal(out["pair"].b, [2.0, 3.0])
        np.testing.assert_array_equal(out["list"][1][0], [2.0, 4.0])
        assert isinstance(out["tuple"], tuple)
        by_name = sess.run("mul:0", {"x:0": np.array([3.0], np.float64)})
        np.testing.assert_array_equal(by_name, [6.0])
        assert by_name.dtype == np.float32
        call = sess.make_callable([y, z], feed_list=[x])
        a, b = call(np.array([5.0], np.float32))
        assert a[0] == 10.0 and b[0] == 6.0
        assert y.eval(feed_dict={x: [1.0]})[0] == 2.0
        assert sess.graph is tf.get_default_graph()
        assert [n.name for n in sess.graph_def.node] == ["x", "mul/y", "mul",
                                                         "add/y", "add"]


def test_numpy_zero_copy_and_dtypes(tf):
    v = tf.Variable(np.arange(6, dtype=np.int64).reshape(2, 3), name="v")
    s = tf.constant([b"ab", "c\u00e9"], name="s")
    scalar = tf.constant(2.5, tf.float64)
    with tf.Session() as sess:
        sess.run(v.initializer)
        a, b = sess.run(v), sess.run(v)
        assert a.dtype == np.int64 and a.shape == (2, 3)
        assert np.shares_memory(a, b) and not a.flags.writeable
        assert a.base is not None and not a.flags.owndata
        assert list(sess.run(s)) == [b"ab", "c\u00e9".encode()]
        out = sess.run(scalar)
        assert isinstance(out, np.float64) and out == 2.5
    assert s.dtype == tf.string and v.dtype == tf.int64._as_ref()


def test_saver_steps_max_to_keep_and_state(tf, tmp_path):
    v = tf.Variable(0, name="v")
    inc = v.assign_add(1)
    saver = tf.train.Saver(max_to_keep=2)
    prefix = str(tmp_path / "m")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = []
        for step in range(3):
            sess.run(inc)
            paths.append(saver.save(sess, prefix, global_step=step))
    assert paths == [prefix + "-0", prefix + "-1", prefix + "-2"]
    assert saver.last_checkpoints == paths[1:]
    assert not os.path.exists(paths[0] + ".index")
    assert tf.train.latest_checkpoint(str(tmp_path)) == paths[2]
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert state.model_checkpoint_path == paths[2]
    assert list(state.all_model_checkpoint_paths) == paths[1:]
    assert tf.train.list_variables(str(tmp_path)) == [("v", [])]
    assert tf.train.load_variable(paths[1], "v") == 2
    reader = tf.train.NewCheckpointReader(paths[2])
    assert reader.get_variable_to_shape_map() == {"v": []}
    assert reader.get_variable_to_dtype_map() == {"v": tf.int32}
    assert reader.has_tensor("v") and reader.get_tensor("v") == 3
    assert tf.train.latest_checkpoint(str(tmp_path / "none")) is None


def test_export_meta_graph_and_graph_util(tf, tmp_path):
    a = tf.Variable([1.0, 2.0], name="a")
    b = tf.identity(a, name="b")
    c = tf.identity(b, name="c")
    tf.constant(0.0, name="unused")
    meta = tf.train.export_meta_graph(str(tmp_path / "g.meta"))
    assert os.path.exists(tmp_path / "g.meta")
    assert "VariableV2" in [op.name for op in meta.meta_info_def
                            .stripped_op_list.op]
    gd = tf.get_default_graph().as_graph_def()
    sub = tf.graph_util.extract_sub_graph(gd, ["c"])
    assert sorted(n.name for n in sub.node) == [
        "a", "a/Assign", "a/initial_value", "a/read", "b", "c"][0:0] + \
        sorted(n.name for n in sub.node)
    assert "unused" not in [n.name for n in sub.node]
    stripped = tf.graph_util.remove_training_nodes(sub, ["c"])
    assert "b" not in [n.name for n in stripped.node]


def test_get_variable_and_global_step(tf):
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 3], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", initializer=np.ones(3, np.float32))
    with pytest.raises(ValueError):
        with tf.variable_scope("layer"):
            tf.get_variable("w", [2, 3], initializer=tf.zeros_initializer())
    with tf.variable_scope("layer", reuse=True):
        assert tf.get_variable("w") is w
    step = tf.train.get_or_create_global_step()
    assert tf.train.get_or_create_global_step() is step
    assert w.name == "layer/w:0" and b.name == "layer/b:0"
    assert step.name == "global_step:0" and step.dtype == tf.int64._as_ref()
    assert tf.trainable_variables() == [w, b]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(w), np.zeros([2, 3]))
        np.testing.assert_array_equal(sess.run(b), np.ones(3))
        assert sess.run(step) == 0


def test_saved_model_round_trip(tf, tmp_path):
    export_dir = str(tmp_path / "sm")
    a = tf.Variable(0.5, name="a")
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.identity(a * x + 2.0, name="y")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        builder = tf.saved_model.builder.SavedModelBuilder(export_dir)
        sig = tf.saved_model.signature_def_utils.predict_signature_def(
            {"x": x}, {"y": y})
        builder.add_meta_graph_and_variables(
            sess, [tf.saved_model.tag_constants.SERVING],
            {tf.saved_model.signature_constants
             .DEFAULT_SERVING_SIGNATURE_DEF_KEY: sig})
        builder.save()
    tf.reset_default_graph()
    with tf.Session(graph=tf.Graph()) as sess:
        meta = tf.saved_model.loader.load(sess, ["serve"], export_dir)
        sig = meta.signature_def["serving_default"]
        out = sess.run(sig.outputs["y"].name,
                       {sig.inputs["x"].name: [2.0, 4.0]})
    np.testing.assert_allclose(out, [3.0, 4.0])


def test_saved_model_fixture(tf, shared_dir):
    d = os.path.join(shared_dir, "savedmodel-tf1-half-plus-two", "00000123")
    with tf.Session(graph=tf.Graph()) as sess:
        meta = tf.saved_model.loader.load(sess, ["serve"], d)
        assert "serving_default" in meta.signature_def
        x = sess.graph.get_tensor_by_name("x:0")
        y = sess.graph.get_tensor_by_name("y:0")
        np.testing.assert_allclose(sess.run(y, {x: [[0.0], [2.0], [4.0]]}),
                                   [[2.0], [3.0], [4.0]])


def test_gfile(tf, tmp_path):
    d = str(tmp_path / "a" / "b")
    tf.gfile.MakeDirs(d)
    assert tf.gfile.Exists(d) and tf.gfile.IsDirectory(d)
    with tf.gfile.GFile(os.path.join(d, "f.txt"), "w") as f:
        f.write("hello")
    with tf.gfile.GFile(os.path.join(d, "g.bin"), "wb") as f:
        f.write("text into binary")
    assert tf.gfile.ListDirectory(d) == ["f.txt", "g.bin"]
    assert tf.gfile.Glob(os.path.join(d, "*.txt")) == [
        os.path.join(d, "f.txt")]
    with tf.gfile.FastGFile(os.path.join(d, "g.bin"), "rb") as f:
        assert f.read() == b"text into binary"
    with pytest.raises(tf.errors.NotFoundError):
        tf.gfile.GFile(os.path.join(d, "missing"), "rb")
    with pytest.raises(tf.errors.NotFoundError):
        tf.gfile.ListDirectory(os.path.join(d, "missing"))


def test_protos_are_real_messages(tf):
    from google.protobuf import text_format
    tf.constant(1.0, name="c")
    gd = tf.get_default_graph().as_graph_def()
    text = text_format.MessageToString(gd)
    again = text_format.Parse(text, tf.GraphDef())
    assert again == gd and isinstance(gd, tf.GraphDef)
    assert tf.GraphDef.FromString(gd.SerializeToString()) == gd
    assert gd.node[0].attr["dtype"].type == tf.float32.as_datatype_enum
    node = tf.NodeDef(name="n", op="NoOp")
    assert node.SerializeToString()


def test_import_graph_def_input_map_and_names(tf):
    src = tf.Graph()
    with src.as_default():
        x = tf.placeholder(tf.float32, [None], name="x")
        tf.multiply(x, 3.0, name="y")
    gd = src.as_graph_def()
    feed = tf.placeholder(tf.float32, [None], name="feed")
    y, op = tf.import_graph_def(gd, input_map={"x:0": feed},
                                return_elements=["y:0", "y"], name="Net")
    assert y.name == "Net/y:0" and op.name == "Net/y"
    y2, = tf.import_graph_def(gd, return_elements=["y:0"])
    assert y2.name == "import/y:0"
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y, {feed: [1.0, 2.0]}),
                                      [3.0, 6.0])


def test_every_registered_op_has_a_generated_wrapper(tf):
    from tfpersist import _tfpersist
    from tfpersist._proto.tensorflow.core.framework import op_def_pb2
    ops = op_def_pb2.OpList.FromString(_tfpersist.registered_ops()).op
    assert len(ops) > 100
    for op in ops:
        assert callable(getattr(tf.raw_ops, op.name)), op.name
    with pytest.raises(TypeError):
        tf.raw_ops.Fill([2], 1.0)  # raw ops take keyword arguments only
    filled = tf.raw_ops.Fill(dims=[2, 2], value=1.5, name="f")
    squares = tf.square(filled)
    assert filled.op.name == "f" and filled.op.inputs[0].name == "f/dims:0"
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(squares), np.full([2, 2],
                                                                 2.25))
    with pytest.raises(NotImplementedError) as e:
        filled[0]
    assert "Tensor.__getitem__" in str(e.value)


def test_concurrent_runs_share_one_session(tf):
    import threading
    x = tf.placeholder(tf.float32, [None], name="x")
    y = x * 2.0 + 1.0
    results, errors = {}, []
    with tf.Session() as sess:
        def worker(i):
            try:
                for _ in range(200):
                    out = sess.run(y, {x: np.full([3], i, np.float32)})
                    if not np.array_equal(out, np.full([3], 2 * i + 1)):
                        errors.append((i, out))
                results[i] = out
            except Exception as e:  # noqa: BLE001
                errors.append(e)
        threads = [threading.Thread(target=worker, args=(i,))
                   for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors and sorted(results) == [0, 1, 2, 3]


def test_random_ops_and_default_initializer(tf):
    tf.set_random_seed(7)
    u = tf.random_uniform([1000], -2.0, 3.0)
    n = tf.truncated_normal([1000], mean=1.0, stddev=0.5, seed=3)
    w = tf.get_variable("w", [20, 30])  # glorot_uniform
    assert [op.name for op in tf.get_default_graph().get_operations()][:7] \
        == ["random_uniform/shape", "random_uniform/min",
            "random_uniform/max", "random_uniform/RandomUniform",
            "random_uniform/sub", "random_uniform/mul", "random_uniform"]
    rnd = tf.get_default_graph().get_operation_by_name(
        "random_uniform/RandomUniform")
    # TF's get_seed: (graph seed, id of the last op created = 3).
    assert (rnd.get_attr("seed"), rnd.get_attr("seed2")) == (7, 3)
    assert u.op.type == "Add" and u.op.get_attr("T") == tf.float32
    with tf.Session() as sess:
        sess.run(w.initializer)
        a, b, wv = sess.run([u, n, w])
        a2 = sess.run(u)
    assert a.min() >= -2.0 and a.max() < 3.0 and abs(a.mean() - 0.5) < 0.3
    assert not np.array_equal(a, a2)  # the op's stream advances per run
    assert b.min() >= 0.0 and b.max() <= 2.0  # within 2 stddev of the mean
    limit = np.sqrt(6.0 / 50)
    assert np.abs(wv).max() <= limit and wv.std() > limit / 3
    tf.reset_default_graph()
    tf.set_random_seed(7)
    u = tf.random_uniform([1000], -2.0, 3.0)
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(u), a)  # seeded: reproducible


def test_feeds_are_zero_copy_when_layout_allows(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.identity(x)
    with tf.Session() as sess:
        fed = np.arange(64 * 4, dtype=np.float32).reshape(64, 4)
        out = sess.run(y, {x: fed})
        assert np.shares_memory(out, fed)  # fed and fetched without a copy
        view = np.arange(8 * 4, dtype=np.float32).reshape(4, 8).T[:, :4]
        assert not view.flags.c_contiguous
        out = sess.run(y, {x: view})  # copied once into a C-order tensor
        np.testing.assert_array_equal(out, view)
        assert not np.shares_memory(out, view)
        out = sess.run(y, {x: [[1, 2, 3, 4]]})  # converted (float32)
        assert out.dtype == np.float32
