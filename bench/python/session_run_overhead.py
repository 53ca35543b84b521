#!/usr/bin/env python3
"""Python overhead of sess.run on the tutorial's frozen add graph.

    PYTHONPATH=build/python /usr/bin/python3 bench/python/session_run_overhead.py

Freezes v1 + v2 (the tutorial's model.pb), imports it and times 10,000
sess.run(result) calls (result = import_graph_def(..., return_elements=
["add:0"]), a list), a make_callable call, and, for comparison, the C++
Session::Run alone through the same extension (a callable with no Python
fetch structure). Prints medians in microseconds.
"""
import statistics
import sys
import time

import numpy as np

import tfpersist.compat.v1 as tf

N = 10000


def frozen_add():
    var1 = tf.Variable([1.0], dtype=tf.float32, name="v1")
    var2 = tf.Variable([2.0], dtype=tf.float32, name="v2")
    tf.add(var1, var2, name="add")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return tf.graph_util.convert_variables_to_constants(
            sess, sess.graph_def, ["add"])


def median_us(fn, n=N):
    times = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1000.0


def feed_median_us():
    """The tutorial's Net/feed graph: a [2, 3] batch fed by name."""
    tf.reset_default_graph()
    with tf.name_scope("Net"):
        feed = tf.placeholder(tf.float32, [None, 3], name="feed")
        w = tf.constant(np.ones([3, 2], np.float32), name="w")
        tf.add(tf.matmul(feed, w), [0.5, -0.5], name="add")
    graph_def = tf.get_default_graph().as_graph_def()
    tf.reset_default_graph()
    batch = np.arange(6, dtype=np.float32).reshape(2, 3)
    with tf.Session() as sess:
        tf.import_graph_def(graph_def, name="")
        op = sess.graph.get_tensor_by_name("Net/add:0")
        for _ in range(1000):
            sess.run(op, feed_dict={"Net/feed:0": batch})
        return median_us(lambda: sess.run(op, feed_dict={"Net/feed:0":
                                                         batch}))


def main():
    graph_def = frozen_add()
    tf.reset_default_graph()
    with tf.Session() as sess:
        result = tf.import_graph_def(graph_def, return_elements=["add:0"])
        assert sess.run(result)[0][0] == 3.0
        for _ in range(1000):  # warm up (plans, caches)
            sess.run(result)
        run_list = median_us(lambda: sess.run(result))
        run_tensor = median_us(lambda: sess.run(result[0]))
        run_name = median_us(lambda: sess.run("import/add:0"))
        call = sess.make_callable(result[0])
        callable_us = median_us(call)
        raw = sess._c
        cxx = median_us(lambda: raw.run([], ["import/add:0"], []))
    feed_us = feed_median_us()
    print("sess.run(result) [list of 1 tensor], median of %d: %.2f us" %
          (N, run_list))
    print("sess.run(tensor):                           %.2f us" % run_tensor)
    print("sess.run('import/add:0'):                   %.2f us" % run_name)
    print("sess.make_callable(tensor)():               %.2f us" % callable_us)
    print("C++ Session::Run via the extension only:    %.2f us" % cxx)
    print("feed graph: sess.run('Net/add:0', feed_dict={'Net/feed:0': "
          "2x3 batch}): %.2f us" % feed_us)
    return 0


if __name__ == "__main__":
    sys.exit(main())
