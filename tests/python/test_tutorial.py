"""The tutorial's programs, verbatim except the import, OUT and the two typos
the issue fixes, with TF's values asserted; the files they write are
compared byte for byte with what the C++ examples write for the same
program."""
import os
import subprocess

import numpy as np
import pytest

from conftest import run_example

FILES = ["checkpoint", "model.ckpt.data-00000-of-00001", "model.ckpt.index",
         "model.ckpt.meta"]


def save_program(tf, OUT):
    var1 = tf.Variable([1.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([2.0], dtype=tf.float32, name='v2')
    addOp = var1+var2
    init = tf.global_variables_initializer()
    saver = tf.train.Saver()
    path_model = OUT + '/model.ckpt'
    with tf.Session() as sess:
        sess.run(init)
        saver.save(sess, path_model)
    return path_model


def restore_rebuilt_program(tf, path_model, capsys):
    var1 = tf.Variable([1.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([2.0], dtype=tf.float32, name='v2')
    addOp = var1+var2
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, path_model)
        print(sess.run(addOp))                     # [3.]
        return sess.run(addOp)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkdir("out")
    return tmp_path


def test_save_then_restore_into_rebuilt_graph(tf, in_tmp, capsys):
    path_model = save_program(tf, "out")
    assert path_model == "out/model.ckpt"
    for f in FILES:
        assert os.path.exists(os.path.join("out", f)), f
    tf.reset_default_graph()
    value = restore_rebuilt_program(tf, path_model, capsys)
    assert capsys.readouterr().out == "[3.]\n"
    np.testing.assert_array_equal(value, np.array([3.0], np.float32))
    assert value.dtype == np.float32


def test_saved_files_equal_the_cpp_example(tf, in_tmp, build_dir):
    os.mkdir("cpp")
    run_example(build_dir, "freeze_add", in_tmp / "cpp")  # writes cpp/out/
    save_program(tf, "out")
    for f in FILES:
        with open(os.path.join("out", f), "rb") as a, \
                open(os.path.join("cpp", "out", f), "rb") as b:
            assert a.read() == b.read(), f


def test_import_meta_graph_then_restore(tf, in_tmp):
    OUT = "out"
    save_program(tf, OUT)
    tf.reset_default_graph()
    saver = tf.train.import_meta_graph(OUT + "/model.ckpt.meta")
    with tf.Session() as sess:
        saver.restore(sess, OUT + "/model.ckpt")
        np.testing.assert_array_equal(sess.run("add:0"), [3.0])
        assert [v.name for v in tf.global_variables()] == ["v1:0", "v2:0"]


def test_partial_and_renamed_restore(tf, in_tmp):
    save_program(tf, "out")
    tf.reset_default_graph()
    var1 = tf.Variable([10.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([20.0], dtype=tf.float32, name='v2')
    saver = tf.train.Saver([var1])                 # only v1 is restored
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.restore(sess, "out/model.ckpt")
        assert sess.run([var1, var2]) == [[1.0], [20.0]]
    tf.reset_default_graph()
    var1 = tf.Variable([1.0], name='other-v1'); var2 = tf.Variable([2.0], name='other-v2')
    saver = tf.train.Saver({'v1': var1, 'v2': var2})
    with tf.Session() as sess:
        saver.restore(sess, "out/model.ckpt")
        np.testing.assert_array_equal(sess.run(var1), [1.0])
        np.testing.assert_array_equal(sess.run(var2), [2.0])


def freeze_program(tf, OUT):
    var1 = tf.Variable([1.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([2.0], dtype=tf.float32, name='v2')
    addop = tf.add(var1, var2, name='add')
    initop = tf.global_variables_initializer()
    model_path = OUT + '/model.pb'
    with tf.Session() as sess:
        sess.run(initop)
        graph_def = tf.get_default_graph().as_graph_def()
        output_graph_def = tf.graph_util.convert_variables_to_constants(sess, sess.graph_def, output_node_names=['add'])
        with tf.gfile.GFile(model_path, 'wb') as f:
            f.write(output_graph_def.SerializeToString())
    return model_path


def load_frozen_program(tf, model_path):
    with tf.Session() as sess:
        with tf.gfile.FastGFile(model_path, "rb") as f:
            graph_def = tf.GraphDef()
            graph_def.ParseFromString(f.read())
        result = tf.import_graph_def(graph_def, return_elements=["add:0"])
        print(sess.run(result))                    # [array([3.], dtype=float32)]
        return sess.run(result), graph_def


def test_freeze_then_import_frozen_graph(tf, in_tmp, capsys):
    model_path = freeze_program(tf, "out")
    tf.reset_default_graph()
    result, graph_def = load_frozen_program(tf, model_path)
    assert capsys.readouterr().out == "[array([3.], dtype=float32)]\n"
    assert [(n.name, n.op) for n in graph_def.node] == [
        ("v1", "Const"), ("v1/read", "Identity"), ("v2", "Const"),
        ("v2/read", "Identity"), ("add", "Add")]
    np.testing.assert_array_equal(result[0], [3.0])
    assert tf.get_default_graph().get_tensor_by_name(
        "import/add:0").op.type == "Add"


def build_feed_graph(tf, prefix=None):
    """examples/freeze_import's feed graph: y = feed @ w + b."""
    feed = tf.placeholder(tf.float32, [None, 3], name="feed")
    w = tf.Variable(np.array([[1, 0], [0, 1], [1, 1]], np.float32), name="w")
    b = tf.Variable([0.5, -0.5], name="b")
    y = tf.raw_ops.AddV2(x=tf.matmul(feed, w), y=b, name="y")
    return feed, y


def test_frozen_pb_equals_the_cpp_freeze(tf, in_tmp, build_dir):
    os.mkdir("cpp")
    run_example(build_dir, "feed_batch", in_tmp / "cpp")
    build_feed_graph(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        frozen = tf.graph_util.convert_variables_to_constants(
            sess, sess.graph_def, ["y"])
    with tf.gfile.GFile("out/feed_model.pb", "wb") as f:
        f.write(frozen.SerializeToString())
    with open("out/feed_model.pb", "rb") as a, \
            open("cpp/out/feed_model.pb", "rb") as b:
        assert a.read() == b.read()


def test_net_feed_program(tf, in_tmp):
    with tf.name_scope("Net"):
        feed = tf.placeholder(tf.float32, [None, 3], name="feed")
        w = tf.Variable(np.array([[1, 0], [0, 1], [1, 1]], np.float32),
                        name="w")
        tf.add(tf.matmul(feed, w), [0.5, -0.5], name="add")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        frozen = tf.graph_util.convert_variables_to_constants(
            sess, sess.graph_def, ["Net/add"])
    wb_saver_path = "out/wb.pb"
    with tf.gfile.GFile(wb_saver_path, "wb") as f:
        f.write(frozen.SerializeToString())
    tf.reset_default_graph()
    batch_feed = np.array([[1, 2, 3], [4, 5, 6]], np.float32)
    with tf.gfile.FastGFile(wb_saver_path, 'rb') as f:
        graph_def = tf.GraphDef()
        graph_def.ParseFromString(f.read())
    with tf.Session() as sess:
        result = tf.import_graph_def(graph_def, name='')
        op = sess.graph.get_tensor_by_name('Net/add:0')
        out = sess.run(op, feed_dict={'Net/feed:0': batch_feed})
    want = batch_feed @ np.array([[1, 0], [0, 1], [1, 1]], np.float32) + \
        np.array([0.5, -0.5], np.float32)
    assert result is None
    np.testing.assert_allclose(out, want)


def test_python_checkpoint_restores_in_cpp(tf, in_tmp, build_dir):
    """example_freeze_add (C++) finds the Python checkpoint, restores it
    through its meta graph, freezes it and runs Net/add:0."""
    save_program(tf, "out")
    text = run_example(build_dir, "freeze_add", in_tmp)
    assert "found the checkpoint out/model.ckpt" in text
    assert "Net/add:0 = [3]" in text


def test_cpp_checkpoint_restores_in_python(tf, in_tmp, build_dir, capsys):
    os.mkdir("cpp")
    run_example(build_dir, "freeze_add", in_tmp / "cpp")
    value = restore_rebuilt_program(tf, "cpp/out/model.ckpt", capsys)
    np.testing.assert_array_equal(value, [3.0])
    tf.reset_default_graph()
    saver = tf.train.import_meta_graph("cpp/out/model.ckpt.meta")
    with tf.Session() as sess:
        saver.restore(sess, "cpp/out/model.ckpt")
        np.testing.assert_array_equal(sess.run("add:0"), [3.0])


def test_moving_average_restore(tf, in_tmp):
    x = tf.placeholder(tf.float32, [], name="x")
    w = tf.Variable(0.0, name="w")
    step = tf.Variable(0, name="global_step", trainable=False)
    train = w.assign_sub(0.1 * (w * x - 3.0 * x) * x)
    inc = step.assign_add(1)
    ema = tf.train.ExponentialMovingAverage(0.99, step)
    average_op = ema.apply([w])
    saver = tf.train.Saver()
    shadow = 0.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        w_val, n = 0.0, 0
        for i in range(20):
            xv = 1.0 + (i % 3) * 0.5
            w_val = np.float32(w_val - np.float32(0.1) *
                               (w_val * xv - 3.0 * xv) * xv)
            n += 1
            decay = min(0.99, (1.0 + n) / (10.0 + n))
            shadow = shadow - (shadow - w_val) * (1 - decay)
            sess.run([train, inc], {x: xv})
            sess.run(average_op)
        path = saver.save(sess, "out/ema/model.ckpt", global_step=step)
        assert path == "out/ema/model.ckpt-20"
        np.testing.assert_allclose(sess.run(w), w_val, rtol=1e-5)
    tf.reset_default_graph()
    w = tf.Variable(0.0, name="w")
    tf.Variable(0, name="global_step", trainable=False)
    ema = tf.train.ExponentialMovingAverage(0.99)
    to_restore = ema.variables_to_restore()
    assert sorted(to_restore) == ["global_step", "w/ExponentialMovingAverage"]
    saver = tf.train.Saver(to_restore)
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint("out/ema"))
        np.testing.assert_allclose(sess.run(w), shadow, rtol=1e-4)
        assert sess.run("global_step:0") == 20


def test_program5_pb_equals_the_cpp_freeze_graph_of_the_same_graph(
        tf, in_tmp, build_dir):
    """The tutorial's freeze program vs the C++ FreezeGraph (tfpersist
    freeze_graph) run on the same GraphDef and its variables' checkpoint."""
    cli = os.path.join(build_dir, "cli", "tfpersist")
    if not os.path.exists(cli):
        pytest.skip("cli/tfpersist is not built")
    model_path = freeze_program(tf, "out")
    graph_def = tf.get_default_graph().as_graph_def()
    with tf.gfile.GFile("out/graph.pb", "wb") as f:
        f.write(graph_def.SerializeToString())
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, "out/vars.ckpt", write_meta_graph=False)
    subprocess.run([cli, "freeze_graph", "--input_graph=out/graph.pb",
                    "--input_binary=true", "--input_checkpoint=out/vars.ckpt",
                    "--output_node_names=add", "--output_graph=out/cpp.pb"],
                   check=True, capture_output=True)
    with open(model_path, "rb") as a, open("out/cpp.pb", "rb") as b:
        assert a.read() == b.read()


def test_import_meta_graph_into_a_graph_with_nodes(tf, in_tmp):
    save_program(tf, "out")
    tf.reset_default_graph()
    other = tf.constant([10.0], name="other")
    saver = tf.train.import_meta_graph("out/model.ckpt.meta")
    total = tf.get_default_graph().get_tensor_by_name("add:0") + other
    with tf.Session() as sess:
        saver.restore(sess, "out/model.ckpt")
        np.testing.assert_array_equal(sess.run(total), [13.0])
        assert [v.op.name for v in tf.global_variables()] == ["v1", "v2"]
    n_nodes = tf.get_default_graph().version
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.train.import_meta_graph("out/model.ckpt.meta")
    assert "node 'v1/initial_value' of the meta graph already exists" in \
        e.value.message
    assert tf.get_default_graph().version == n_nodes  # nothing imported
