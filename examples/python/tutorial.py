#!/usr/bin/env python3
"""The persistence tutorial's Python programs, run in sequence with
tfpersist instead of TensorFlow (only the import line and OUT differ).

    PYTHONPATH=build/python /usr/bin/python3 examples/python/tutorial.py OUT

Each program runs in a fresh default graph, as separate scripts would.
"""
import os
import sys

import numpy as np

import tfpersist.compat.v1 as tf

OUT = sys.argv[1] if len(sys.argv) > 1 else "demo_output/python"


def program(title):
    def wrap(fn):
        def run():
            print("--- %s" % title)
            tf.reset_default_graph()
            fn()
        return run
    return wrap


@program("1. save v1, v2 to OUT/model.ckpt")
def save():
    var1 = tf.Variable([1.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([2.0], dtype=tf.float32, name='v2')
    addOp = var1+var2
    init = tf.global_variables_initializer()
    saver = tf.train.Saver()
    path_model = OUT + '/model.ckpt'
    with tf.Session() as sess:
        sess.run(init)
        saver.save(sess, path_model)
    print("wrote", sorted(f for f in os.listdir(OUT)
                          if f.startswith(("model.ckpt", "checkpoint"))))


@program("2. restore into the same graph rebuilt (no initializer run)")
def restore_rebuilt():
    path_model = OUT + '/model.ckpt'
    var1 = tf.Variable([1.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([2.0], dtype=tf.float32, name='v2')
    addOp = var1+var2
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, path_model)
        print(sess.run(addOp))                     # [3.]


@program("3. import_meta_graph + restore, no rebuild")
def restore_imported():
    saver = tf.train.import_meta_graph(OUT + "/model.ckpt.meta")
    with tf.Session() as sess:
        saver.restore(sess, OUT + "/model.ckpt")
        print("add:0 =", sess.run("add:0"))


@program("4. restore only v1; restore v1/v2 into other-v1/other-v2")
def restore_partial():
    var1 = tf.Variable([10.0], dtype=tf.float32, name='v1')
    var2 = tf.Variable([20.0], dtype=tf.float32, name='v2')
    saver = tf.train.Saver([var1])                 # in a rebuilt graph: only v1 is restored
    with tf.Session() as sess:
        sess.run(var2.initializer)
        saver.restore(sess, OUT + "/model.ckpt")
        print("v1, v2 =", sess.run([var1, var2]))
    tf.reset_default_graph()
    var1 = tf.Variable([1.0], name='other-v1'); var2 = tf.Variable([2.0], name='other-v2')
    saver = tf.train.Saver({'v1': var1, 'v2': var2})   # checkpoint's v1/v2 into other-v1/other-v2
    with tf.Session() as sess:
        saver.restore(sess, OUT + "/model.ckpt")
        print("other-v1, other-v2 =", sess.run([var1, var2]))


@program("5. freeze v1 + v2 into OUT/model.pb")
def freeze():
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
    print("frozen nodes:", [n.name for n in output_graph_def.node])


@program("6. load OUT/model.pb with import_graph_def")
def load_frozen():
    model_path = OUT + '/model.pb'
    with tf.Session() as sess:
        with tf.gfile.FastGFile(model_path, "rb") as f:
            graph_def = tf.GraphDef()
            graph_def.ParseFromString(f.read())
        result = tf.import_graph_def(graph_def, return_elements=["add:0"])
        print(sess.run(result))                    # [array([3.], dtype=float32)]


@program("7. a Net/feed placeholder graph, frozen, then fed a batch")
def feed_batch():
    wb_saver_path = OUT + "/wb_model.pb"
    with tf.name_scope("Net"):
        feed = tf.placeholder(tf.float32, [None, 3], name="feed")
        w = tf.Variable(np.array([[1, 0], [0, 1], [1, 1]], np.float32),
                        name="w")
        b = tf.Variable([0.5, -0.5], name="b")
        tf.add(tf.matmul(feed, w), b, name="add")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        frozen = tf.graph_util.convert_variables_to_constants(
            sess, sess.graph_def, ["Net/add"])
    with tf.gfile.GFile(wb_saver_path, "wb") as f:
        f.write(frozen.SerializeToString())
    tf.reset_default_graph()
    batch_feed = [[1, 2, 3], [4, 5, 6]]
    with tf.gfile.FastGFile(wb_saver_path, 'rb') as f:
        graph_def = tf.GraphDef()
        graph_def.ParseFromString(f.read())
    with tf.Session() as sess:
        result = tf.import_graph_def(graph_def, name='')
        op = sess.graph.get_tensor_by_name('Net/add:0')
        print(sess.run(op, feed_dict={'Net/feed:0': batch_feed}))


@program("8. ExponentialMovingAverage: restore the shadow into plain w")
def moving_average():
    x = tf.placeholder(tf.float32, [], name="x")
    w = tf.Variable(0.0, name="w")
    step = tf.Variable(0, name="global_step", trainable=False)
    train = tf.group(w.assign_sub(0.1 * (w * x - 3.0 * x) * x),
                     step.assign_add(1))
    ema = tf.train.ExponentialMovingAverage(0.99, step)
    average = ema.apply([w])
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(20):
            sess.run(train, {x: 1.0 + (i % 3) * 0.5})
            sess.run(average)
        path = saver.save(sess, OUT + "/ema/model.ckpt", global_step=step)
        print("saved", path, "w =", sess.run(w),
              "shadow =", sess.run(ema.average(w)))
    tf.reset_default_graph()
    w = tf.Variable(0.0, name="w")
    tf.Variable(0, name="global_step", trainable=False)
    variables_to_restore = tf.train.ExponentialMovingAverage(
        0.99).variables_to_restore()
    saver = tf.train.Saver(variables_to_restore)
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(OUT + "/ema"))
        print("restored w (the shadow value) =", sess.run(w))


def main():
    os.makedirs(OUT, exist_ok=True)
    for step in (save, restore_rebuilt, restore_imported, restore_partial,
                 freeze, load_frozen, feed_batch, moving_average):
        step()
    return 0


if __name__ == "__main__":
    sys.exit(main())
