"""Errors: tf.errors classes with TF's codes and the C++ message, and the
Python exceptions TF raises where TF raises them (with TF's messages)."""
import numpy as np
import pytest


def test_error_classes_have_tf_names_and_codes(tf):
    assert tf.errors.NotFoundError(None, None, "m").error_code == 5
    assert tf.errors.InvalidArgumentError(None, None, "m").error_code == 3
    assert tf.errors.FailedPreconditionError(None, None, "m").error_code == 9
    assert issubclass(tf.errors.DataLossError, tf.errors.OpError)
    assert tf.errors.exception_type_from_error_code(15) is \
        tf.errors.DataLossError


def test_uninitialized_variable(tf):
    v = tf.Variable([1.0], name="v1")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError) as e:
            sess.run(v + 1.0)
    assert "Attempting to use uninitialized value v1" in e.value.message
    assert e.value.error_code == tf.errors.FAILED_PRECONDITION


def test_unknown_tensor_name(tf):
    tf.constant(1.0, name="c")
    g = tf.get_default_graph()
    with pytest.raises(KeyError) as e:
        g.get_tensor_by_name("nope:0")
    assert e.value.args[0] == ("The name 'nope:0' refers to a Tensor which "
                               "does not exist. The operation, 'nope', does "
                               "not exist in the graph.")
    with pytest.raises(KeyError) as e:
        g.get_tensor_by_name("c:1")
    assert "exists but only has 1 outputs." in e.value.args[0]
    with pytest.raises(ValueError) as e:
        g.get_tensor_by_name("c")
    assert str(e.value) == ("The name 'c' refers to an Operation, not a "
                            "Tensor. Tensor names must be of the form "
                            "\"<op_name>:<output_index>\".")
    with pytest.raises(ValueError) as e:
        g.get_tensor_by_name("nope")
    assert "looks like an (invalid) Operation name, not a Tensor" in \
        str(e.value)
    with pytest.raises(KeyError) as e:
        g.get_operation_by_name("nope")
    assert e.value.args[0] == \
        "The name 'nope' refers to an Operation not in the graph."
    with tf.Session() as sess:
        with pytest.raises(ValueError) as e:
            sess.run("nope:0")
    assert str(e.value).startswith(
        "Fetch argument 'nope:0' cannot be interpreted as a Tensor. (")


def test_unknown_name_in_the_cpp_core_names_the_closest(tf):
    tf.constant(1.0, name="weights")
    with pytest.raises(tf.errors.NotFoundError) as e:
        tf.graph_util.extract_sub_graph(
            tf.get_default_graph().as_graph_def(), ["weight"])
    assert "weight" in e.value.message and "weights" in e.value.message


def test_wrong_feed_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        with pytest.raises(ValueError) as e:
            sess.run(y, {x: np.zeros([2], np.float32)})
    assert str(e.value) == ("Cannot feed value of shape (2,) for Tensor "
                            "'x:0', which has shape '(?, 3)'")


def test_wrong_feed_shape_checked_by_the_runtime(tf):
    """An unknown static shape passes Python's check; the C++ Session then
    rejects the fed value with InvalidArgumentError naming the node."""
    x = tf.placeholder(tf.float32, None, name="x")
    y = tf.reshape(x, [2, 2])
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y, {x: [1, 2, 3, 4]}),
                                      [[1, 2], [3, 4]])
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            sess.run(y, {x: [1, 2, 3]})
    assert "Reshape" in e.value.message


def test_bad_feed_key(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.Session() as sess:
        with pytest.raises(TypeError) as e:
            sess.run(x * 2.0, {"nope:0": 1.0})
    assert str(e.value).startswith("Cannot interpret feed_dict key as "
                                   "Tensor: The name 'nope:0' refers to a "
                                   "Tensor which does not exist.")


def test_closed_session(tf):
    c = tf.constant(1.0)
    sess = tf.Session()
    sess.close()
    with pytest.raises(RuntimeError) as e:
        sess.run(c)
    assert str(e.value) == "Attempted to use a closed Session."


def test_restore_missing_checkpoint(tf, tmp_path):
    tf.Variable(1.0, name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(ValueError) as e:
            saver.restore(sess, str(tmp_path / "none"))
    assert str(e.value) == ("The passed save_path is not a valid "
                            "checkpoint: " + str(tmp_path / "none"))


def test_restore_missing_key(tf, tmp_path):
    a = tf.Variable(1.0, name="a")
    with tf.Session() as sess:
        sess.run(a.initializer)
        path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    tf.Variable(1.0, name="b")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError) as e:
            saver.restore(sess, path)
    assert "Key b not found in checkpoint" in e.value.message


def test_no_variables_to_save(tf):
    with pytest.raises(ValueError) as e:
        tf.train.Saver()
    assert str(e.value) == "No variables to save"


def test_shape_error_at_graph_construction(tf):
    a = tf.constant(np.zeros([2, 3], np.float32))
    b = tf.constant(np.zeros([2, 3], np.float32))
    with pytest.raises(ValueError) as e:
        tf.matmul(a, b)
    assert "MatMul" in str(e.value)
    # The graph stays usable after the error.
    c = tf.matmul(a, tf.transpose(b))
    with tf.Session() as sess:
        assert sess.run(c).shape == (2, 2)


def test_corrupt_checkpoint_is_data_loss(tf, tmp_path):
    v = tf.Variable(np.arange(1000, dtype=np.float32), name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    data = tmp_path / "m.data-00000-of-00001"
    raw = bytearray(data.read_bytes())
    raw[100] ^= 0xFF
    data.write_bytes(bytes(raw))
    with pytest.raises(tf.errors.DataLossError):
        tf.train.load_variable(path, "v")


def test_outside_scope_raises_not_implemented_naming_the_symbol(tf):
    with pytest.raises(NotImplementedError) as e:
        tf.while_loop
    assert "tfpersist.compat.v1.while_loop" in str(e.value)
    with pytest.raises(NotImplementedError) as e:
        tf.train.AdamOptimizer
    assert "tfpersist.compat.v1.train.AdamOptimizer" in str(e.value)
    with pytest.raises(NotImplementedError) as e:
        tf.nn.dropout
    assert "tfpersist.compat.v1.nn.dropout" in str(e.value)
    assert not hasattr(tf, "__wrapped__")  # dunders stay AttributeError
